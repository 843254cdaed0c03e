package org.jdive.agents.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jdive.core.io.DamagedFileException;
import org.jdive.core.io.TempFiles;

/**
 * The binary file of a saved replay buffer: a magic word, a format version, the buffer's kind and settings,
 * then its arrays, big-endian, each preceded by its length. Written to a temporary file beside the target
 * and renamed over it.
 */
final class ReplayFile {

    private static final int MAGIC = 0x4A445242; // "JDRB"
    /**
     * 3: the header names how observations are stored, and int8 ones are saved as bytes. 2: observations are in
     * the Q-network's layout (MinAtar's grids channels-first; 1 had them as given).
     */
    private static final int VERSION = 3;

    private ReplayFile() {
    }

    static Writer create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = TempFiles.besides(file);
        return new Writer(file, temp);
    }

    static Reader open(Path file) throws IOException {
        return new Reader(file);
    }

    static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final DataOutputStream out;
        private boolean committed;

        private Writer(Path target, Path temp) throws IOException {
            this.target = target;
            this.temp = temp;
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
        }

        void header(String kind, String storage, int numEnvs, int rowsPerEnv, int observationSize, int nSteps,
                    double gamma) throws IOException {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(kind);
            out.writeUTF(storage);
            out.writeInt(numEnvs);
            out.writeInt(rowsPerEnv);
            out.writeInt(observationSize);
            out.writeInt(nSteps);
            out.writeDouble(gamma);
        }

        void floats(float[] a) throws IOException {
            out.writeInt(a.length);
            for (float v : a) {
                out.writeFloat(v);
            }
        }

        void bytes(byte[] a) throws IOException {
            out.writeInt(a.length);
            out.write(a);
        }

        void doubles(double[] a) throws IOException {
            out.writeInt(a.length);
            for (double v : a) {
                out.writeDouble(v);
            }
        }

        void ints(int[] a) throws IOException {
            out.writeInt(a.length);
            for (int v : a) {
                out.writeInt(v);
            }
        }

        void booleans(boolean[] a) throws IOException {
            out.writeInt(a.length);
            for (boolean v : a) {
                out.writeBoolean(v);
            }
        }

        /** Flushes the file to disk and renames it over the target. */
        void commit() throws IOException {
            out.flush();
            out.close();
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                out.close();
                Files.deleteIfExists(temp);
            }
        }
    }

    static final class Reader implements AutoCloseable {
        private final Path file;
        private final DataInputStream in;

        private Reader(Path file) throws IOException {
            this.file = file;
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        void expectHeader(String kind, String storage, int numEnvs, int rowsPerEnv, int observationSize, int nSteps,
                          double gamma) throws IOException {
            try {
                if (in.readInt() != MAGIC) {
                    throw new DamagedFileException(file, "not a saved jdive replay buffer (wrong magic number)");
                }
                int version = in.readInt();
                if (version != VERSION) {
                    throw new DamagedFileException(file, "replay format version " + version + "; this jdive reads " + VERSION);
                }
                String savedKind = in.readUTF();
                String saved = savedKind + "(" + in.readUTF() + " observations, envs " + in.readInt() + ", rows per env " + in.readInt()
                        + ", observation size " + in.readInt() + ", nSteps " + in.readInt() + ", gamma "
                        + in.readDouble() + ")";
                String expected = kind + "(" + storage + " observations, envs " + numEnvs + ", rows per env " + rowsPerEnv + ", observation size "
                        + observationSize + ", nSteps " + nSteps + ", gamma " + gamma + ")";
                if (!saved.equals(expected)) {
                    throw new IOException(file + " holds a " + saved + " but this buffer is a " + expected);
                }
            } catch (EOFException | java.io.UTFDataFormatException e) {
                throw new DamagedFileException(file, "truncated inside its header", e);
            }
        }

        private int length(int expected) throws IOException {
            int n = readInt();
            if (n != expected) {
                throw new DamagedFileException(file, "an array of " + n + " entries where " + expected + " were expected");
            }
            return n;
        }

        private int readInt() throws IOException {
            try {
                return in.readInt();
            } catch (EOFException e) {
                throw truncated(e);
            }
        }

        private DamagedFileException truncated(EOFException e) {
            return new DamagedFileException(file, "truncated inside its data", e);
        }

        float[] floats(int expected) throws IOException {
            float[] a = new float[length(expected)];
            try {
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readFloat();
                }
            } catch (EOFException e) {
                throw truncated(e);
            }
            return a;
        }

        byte[] bytes(int expected) throws IOException {
            byte[] a = new byte[length(expected)];
            try {
                in.readFully(a);
            } catch (EOFException e) {
                throw truncated(e);
            }
            return a;
        }

        double[] doubles(int expected) throws IOException {
            double[] a = new double[length(expected)];
            try {
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readDouble();
                }
            } catch (EOFException e) {
                throw truncated(e);
            }
            return a;
        }

        int[] ints(int expected) throws IOException {
            int[] a = new int[length(expected)];
            try {
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readInt();
                }
            } catch (EOFException e) {
                throw truncated(e);
            }
            return a;
        }

        boolean[] booleans(int expected) throws IOException {
            boolean[] a = new boolean[length(expected)];
            try {
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readBoolean();
                }
            } catch (EOFException e) {
                throw truncated(e);
            }
            return a;
        }

        void expectEnd() throws IOException {
            if (in.read() != -1) {
                throw new DamagedFileException(file, "bytes after the replay buffer's data");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
