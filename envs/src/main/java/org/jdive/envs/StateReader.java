package org.jdive.envs;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;

/**
 * Reads back, in order, the values a {@link StateWriter} collected, for {@link Env#restoreState(StateReader)}.
 * Arrays are read into the env's own arrays, whose length must match: a state saved by a differently
 * configured env is rejected with an {@link IllegalArgumentException}.
 */
public final class StateReader {

    private final DataInputStream in;

    /** Reads {@code state}, the bytes of a {@link StateWriter#toByteArray()}, from the start. */
    public StateReader(byte[] state) {
        this.in = new DataInputStream(new ByteArrayInputStream(state));
    }

    /**
     * The next int.
     *
     * @throws IllegalArgumentException if the state has ended: it was saved by a different kind of env
     */
    public int readInt() {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException("the env state ended early: it was saved by a different kind of env");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next long. */
    public long readLong() {
        return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
    }

    /** The next double, bit for bit as written (NaN payloads included). */
    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    /** The next float, bit for bit as written. */
    public float readFloat() {
        return Float.intBitsToFloat(readInt());
    }

    /** The next boolean. */
    public boolean readBoolean() {
        return readInt() != 0;
    }

    /**
     * Fills {@code into} with ints written by {@link StateWriter#writeInts}; the written length must be {@code
     * into.length}.
     */
    public void readInts(int[] into) {
        readLength(into.length);
        for (int i = 0; i < into.length; i++) {
            into[i] = readInt();
        }
    }

    /**
     * Fills {@code into} with floats written by {@link StateWriter#writeFloats}; the written length must be {@code
     * into.length}.
     */
    public void readFloats(float[] into) {
        readLength(into.length);
        for (int i = 0; i < into.length; i++) {
            into[i] = readFloat();
        }
    }

    /**
     * Fills {@code into} with doubles written by {@link StateWriter#writeDoubles}; the written length must be {@code
     * into.length}.
     */
    public void readDoubles(double[] into) {
        readLength(into.length);
        for (int i = 0; i < into.length; i++) {
            into[i] = readDouble();
        }
    }

    /**
     * Fills {@code into} with booleans written by {@link StateWriter#writeBooleans}; the written length must be {@code
     * into.length}.
     */
    public void readBooleans(boolean[] into) {
        readLength(into.length);
        for (int i = 0; i < into.length; i++) {
            into[i] = readBoolean();
        }
    }

    /** Reads floats written by {@link StateWriter#writeFloats}, however many there were. */
    public float[] readFloats() {
        float[] values = new float[readCount(Float.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = readFloat();
        }
        return values;
    }

    /** Reads ints written by {@link StateWriter#writeInts}, however many there were. */
    public int[] readInts() {
        int[] values = new int[readCount(Integer.BYTES)];
        for (int i = 0; i < values.length; i++) {
            values[i] = readInt();
        }
        return values;
    }

    /** Reads bytes written by {@link StateWriter#writeBytes}. */
    public byte[] readBytes() {
        int length = readInt();
        if (length < 0) {
            throw new IllegalArgumentException("the env state is corrupt: a byte array of length " + length);
        }
        byte[] raw = new byte[length];
        try {
            in.readFully(raw);
        } catch (EOFException e) {
            throw new IllegalArgumentException("the env state ended early: it was saved by a different kind of env");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return raw;
    }

    /** Restores {@code rng} (a {@link RestorableUniformRandomProvider} of the saved kind) to the saved state. */
    public void readRng(UniformRandomProvider rng) {
        ((RestorableUniformRandomProvider) rng).restoreState(new RandomProviderDefaultState(readBytes()));
    }

    /** Fails unless every value has been read. */
    public void requireEnd() {
        try {
            if (in.available() > 0) {
                throw new IllegalArgumentException("the env state has " + in.available()
                        + " bytes left over: it was saved by a different kind of env");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A written array's length, checked against the bytes left so that a corrupt one fails cleanly. */
    private int readCount(int bytesEach) {
        int length = readInt();
        try {
            if (length < 0 || (long) length * bytesEach > in.available()) {
                throw new IllegalArgumentException("the env state is corrupt: an array of " + length + " values where "
                        + in.available() + " bytes are left");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return length;
    }

    private void readLength(int expected) {
        int length = readInt();
        if (length != expected) {
            throw new IllegalArgumentException("the env state holds an array of " + length + " values where this env has "
                    + expected + ": it was saved by a differently configured env");
        }
    }
}
