package org.jdive.envs;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * Collects an env's state, value by value, for {@link Env#saveState(StateWriter)}; {@link StateReader} reads the
 * values back in the same order. The result of {@link #toByteArray()} is small and self-contained.
 */
public final class StateWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** An empty writer. */
    public StateWriter() {
    }

    /** Appends {@code value}; returns this writer, for chaining. */
    public StateWriter writeInt(int value) {
        try {
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Appends {@code value}. */
    public StateWriter writeLong(long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Appends {@code value} bit for bit (NaN payloads included). */
    public StateWriter writeDouble(double value) {
        return writeLong(Double.doubleToRawLongBits(value));
    }

    /** Appends {@code value} bit for bit. */
    public StateWriter writeFloat(float value) {
        return writeInt(Float.floatToRawIntBits(value));
    }

    /** Appends {@code value}. */
    public StateWriter writeBoolean(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    /** Writes the length, then the values. */
    public StateWriter writeInts(int[] values) {
        writeInt(values.length);
        for (int v : values) {
            writeInt(v);
        }
        return this;
    }

    /** Writes the length, then the values. */
    public StateWriter writeFloats(float[] values) {
        writeInt(values.length);
        for (float v : values) {
            writeFloat(v);
        }
        return this;
    }

    /** Writes the length, then the values. */
    public StateWriter writeDoubles(double[] values) {
        writeInt(values.length);
        for (double v : values) {
            writeDouble(v);
        }
        return this;
    }

    /** Writes the length, then the values. */
    public StateWriter writeBooleans(boolean[] values) {
        writeInt(values.length);
        for (boolean v : values) {
            writeBoolean(v);
        }
        return this;
    }

    /** Writes the length, then the bytes (e.g. a nested state). */
    public StateWriter writeBytes(byte[] values) {
        writeInt(values.length);
        try {
            out.write(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The generator's inner state, which must be a {@link RestorableUniformRandomProvider} (every Commons RNG source is). */
    public StateWriter writeRng(UniformRandomProvider rng) {
        if (!(rng instanceof RestorableUniformRandomProvider restorable)) {
            throw new IllegalArgumentException("cannot save the state of " + rng.getClass().getName()
                    + ": it is not a RestorableUniformRandomProvider");
        }
        RandomProviderState state = restorable.saveState();
        return writeBytes(((RandomProviderDefaultState) state).getState());
    }

    /** The values written so far. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
