package org.jdive.agents.replay;

import org.jdive.envs.Space;
import org.jdive.envs.spaces.MultiBinary;

/**
 * How a {@link ReplayBuffer} holds its observations. Like SB3, which stores observations in their space's dtype, a
 * buffer of binary grids (MinAtar's) keeps one byte per value instead of a float: a quarter of the memory and of
 * the saved file, the same floats in every sampled batch.
 */
public enum ObservationStorage {
    /** Any float, four bytes each. */
    FLOAT32,
    /**
     * Whole numbers from -128 to 127, one byte each; storing any other value is an error. (Signed, because the
     * JIT turns a signed byte-to-float loop into vector instructions and the unsigned one into a scalar loop 2.5
     * times as slow.)
     */
    INT8;

    /** The compact storage that holds every observation of {@code space} exactly: INT8 for MultiBinary. */
    public static ObservationStorage exactFor(Space space) {
        return space instanceof MultiBinary ? INT8 : FLOAT32;
    }
}
