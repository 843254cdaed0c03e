package org.jdive.agents.replay;

import java.io.IOException;

/** A replay buffer's observations, one row each, held as its {@link ObservationStorage} says. */
abstract sealed class ObservationRows {

    final int observationSize;

    private ObservationRows(int observationSize) {
        this.observationSize = observationSize;
    }

    abstract ObservationStorage storage();

    static ObservationRows of(ObservationStorage storage, int rows, int observationSize) {
        return switch (storage) {
            case FLOAT32 -> new Floats(rows, observationSize);
            case INT8 -> new Bytes(rows, observationSize);
        };
    }

    /**
     * Throws, naming the value, if {@code source[offset ..]} holds a value these rows cannot hold exactly; called
     * before anything of a transition is written.
     */
    abstract void checkStorable(float[] source, int offset);

    abstract void write(int row, float[] source, int offset);

    abstract void read(int row, float[] target, int offset);

    abstract void save(ReplayFile.Writer out) throws IOException;

    /** Reads what {@link #save} wrote; returns the action that installs it once the whole file has been read. */
    abstract Runnable load(ReplayFile.Reader in) throws IOException;

    private static final class Floats extends ObservationRows {
        private final float[] values;

        Floats(int rows, int observationSize) {
            super(observationSize);
            values = new float[rows * observationSize];
        }

        @Override
        ObservationStorage storage() {
            return ObservationStorage.FLOAT32;
        }

        @Override
        void checkStorable(float[] source, int offset) {
        }

        @Override
        void write(int row, float[] source, int offset) {
            System.arraycopy(source, offset, values, row * observationSize, observationSize);
        }

        @Override
        void read(int row, float[] target, int offset) {
            System.arraycopy(values, row * observationSize, target, offset, observationSize);
        }

        @Override
        void save(ReplayFile.Writer out) throws IOException {
            out.floats(values);
        }

        @Override
        Runnable load(ReplayFile.Reader in) throws IOException {
            float[] loaded = in.floats(values.length);
            return () -> System.arraycopy(loaded, 0, values, 0, values.length);
        }
    }

    private static final class Bytes extends ObservationRows {
        private final byte[] values;

        Bytes(int rows, int observationSize) {
            super(observationSize);
            values = new byte[rows * observationSize];
        }

        @Override
        ObservationStorage storage() {
            return ObservationStorage.INT8;
        }

        @Override
        void checkStorable(float[] source, int offset) {
            for (int j = 0; j < observationSize; j++) {
                float v = source[offset + j];
                int b = (int) v;
                if (b != v || b < Byte.MIN_VALUE || b > Byte.MAX_VALUE) {
                    throw new IllegalArgumentException("observation value " + v + " (element " + j + ") cannot be "
                            + "stored by an int8 replay buffer, which holds whole numbers from -128 to 127");
                }
            }
        }

        @Override
        void write(int row, float[] source, int offset) {
            int at = row * observationSize;
            for (int j = 0; j < observationSize; j++) {
                values[at + j] = (byte) (int) source[offset + j];
            }
        }

        @Override
        void read(int row, float[] target, int offset) {
            int at = row * observationSize;
            for (int j = 0; j < observationSize; j++) {
                target[offset + j] = values[at + j]; // a masking "& 0xFF" here would stop the JIT vectorising
            }
        }

        @Override
        void save(ReplayFile.Writer out) throws IOException {
            out.bytes(values);
        }

        @Override
        Runnable load(ReplayFile.Reader in) throws IOException {
            byte[] loaded = in.bytes(values.length);
            return () -> System.arraycopy(loaded, 0, values, 0, values.length);
        }
    }
}
