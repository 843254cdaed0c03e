package org.jdive.engine.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A trainer's checkpoint: named arrays of doubles, floats, longs and bytes, stored bit for bit (so that a
 * resumed run equals an uninterrupted one). Written to a temporary file and renamed, so a crash never
 * leaves a half-written checkpoint.
 */
public final class TrainerState {

    private static final String MAGIC = "jdive-trainer-state";
    private static final int VERSION = 1;
    /** The prefix of the entries {@link #putFiles} stores. */
    private static final String FILE = "file:";

    private final Map<String, Object> entries = new LinkedHashMap<>();

    public TrainerState put(String name, double[] values) {
        entries.put(name, values.clone());
        return this;
    }

    public TrainerState put(String name, float[] values) {
        entries.put(name, values.clone());
        return this;
    }

    public TrainerState put(String name, long... values) {
        entries.put(name, values.clone());
        return this;
    }

    public TrainerState put(String name, byte[] values) {
        entries.put(name, values.clone());
        return this;
    }

    /** Drops entry {@code name}, if there is one. */
    public TrainerState remove(String name) {
        entries.remove(name);
        return this;
    }

    /** The names of the entries, in the order they were put. */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(entries.keySet());
    }

    public double[] doubles(String name) {
        return get(name, double[].class).clone();
    }

    public float[] floats(String name) {
        return get(name, float[].class).clone();
    }

    public long[] longs(String name) {
        return get(name, long[].class).clone();
    }

    /** The single long stored under {@code name}. */
    public long scalar(String name) {
        return get(name, long[].class)[0];
    }

    public byte[] bytes(String name) {
        return get(name, byte[].class).clone();
    }

    /** Writes the files of a checkpoint into an empty folder (for {@link #putFiles}). */
    @FunctionalInterface
    public interface FolderWriter {
        void write(Path folder) throws IOException;
    }

    /** Reads the files {@link #putFiles} stored, from a folder that holds just them. */
    @FunctionalInterface
    public interface FolderReader {
        void read(Path folder) throws IOException;
    }

    /**
     * Stores the files {@code writer} writes into an empty temporary folder, one bytes entry {@code file:<path>} per
     * file by its path relative to the folder, then deletes the folder: how a component that checkpoints itself as
     * files (a DQN, a GAN's networks and optimizers) goes into one state.
     */
    public TrainerState putFiles(FolderWriter writer) throws IOException {
        Path dir = Files.createTempDirectory("jdive-state");
        try {
            writer.write(dir);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    put(FILE + dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
            return this;
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Recreates the files {@link #putFiles} stored in an empty temporary folder, hands it to {@code reader}, then
     * deletes it.
     *
     * @throws IOException when an entry's path points outside the folder ({@code ../}, an absolute path)
     */
    public void readFiles(FolderReader reader) throws IOException {
        Path dir = Files.createTempDirectory("jdive-state");
        try {
            for (String name : entries.keySet()) {
                if (name.startsWith(FILE)) {
                    Path f = dir.resolve(name.substring(FILE.length())).normalize();
                    if (!f.startsWith(dir) || f.equals(dir)) {
                        throw new IOException("checkpoint entry '" + name + "' points outside its folder");
                    }
                    Files.createDirectories(f.getParent());
                    Files.write(f, get(name, byte[].class));
                }
            }
            reader.read(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private <T> T get(String name, Class<T> type) {
        Object v = entries.get(name);
        if (!type.isInstance(v)) {
            throw new IllegalStateException("the checkpoint has no " + type.getComponentType() + " array '" + name
                    + "'; it holds " + entries.keySet());
        }
        return type.cast(v);
    }

    /** Writes the state to {@code file} atomically (a temporary file in the same folder, then a rename). */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(entries.size());
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                switch (e.getValue()) {
                    case double[] d -> {
                        out.writeByte('d');
                        out.writeInt(d.length);
                        for (double x : d) {
                            out.writeLong(Double.doubleToRawLongBits(x));
                        }
                    }
                    case float[] f -> {
                        out.writeByte('f');
                        out.writeInt(f.length);
                        for (float x : f) {
                            out.writeInt(Float.floatToRawIntBits(x));
                        }
                    }
                    case long[] l -> {
                        out.writeByte('l');
                        out.writeInt(l.length);
                        for (long x : l) {
                            out.writeLong(x);
                        }
                    }
                    case byte[] b -> {
                        out.writeByte('b');
                        out.writeInt(b.length);
                        out.write(b);
                    }
                    default -> throw new IllegalStateException("unexpected entry " + e.getKey());
                }
            }
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads a state written by {@link #write}. */
    public static TrainerState read(Path file) throws IOException {
        TrainerState state = new TrainerState();
        try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new IOException(file + " is not a jdive trainer checkpoint (version " + VERSION + ")");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int type = in.readByte();
                int n = in.readInt();
                switch (type) {
                    case 'd' -> {
                        double[] d = new double[n];
                        for (int j = 0; j < n; j++) {
                            d[j] = Double.longBitsToDouble(in.readLong());
                        }
                        state.entries.put(name, d);
                    }
                    case 'f' -> {
                        float[] f = new float[n];
                        for (int j = 0; j < n; j++) {
                            f[j] = Float.intBitsToFloat(in.readInt());
                        }
                        state.entries.put(name, f);
                    }
                    case 'l' -> {
                        long[] l = new long[n];
                        for (int j = 0; j < n; j++) {
                            l[j] = in.readLong();
                        }
                        state.entries.put(name, l);
                    }
                    case 'b' -> state.entries.put(name, in.readNBytes(n));
                    default -> throw new IOException(file + ": corrupt checkpoint (entry '" + name + "')");
                }
            }
        }
        return state;
    }
}
