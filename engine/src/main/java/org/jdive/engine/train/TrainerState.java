package org.jdive.engine.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jdive.core.io.DamagedFileException;

/**
 * A trainer's checkpoint: named arrays of doubles, floats, longs and bytes, stored bit for bit (so that a
 * resumed run equals an uninterrupted one). Written to a temporary file and renamed, so a crash never
 * leaves a half-written checkpoint.
 */
public final class TrainerState {

    private static final String MAGIC = "jdive-trainer-state";
    private static final int VERSION = 2;
    /** The prefix of the entries {@link #putFiles} stores. */
    private static final String FILE = "file:";

    private final Map<String, Object> entries = new LinkedHashMap<>();
    /** The file this state was read from, to name it when one of its entries is found damaged; null for a new one. */
    private Path source;

    /** An empty state, to {@code put} entries into before writing it. */
    public TrainerState() {
    }

    /** Stores a copy of {@code values} under {@code name}, replacing any entry of that name. */
    public TrainerState put(String name, double[] values) {
        entries.put(name, values.clone());
        return this;
    }

    /** Stores a copy of {@code values} under {@code name}, replacing any entry of that name. */
    public TrainerState put(String name, float[] values) {
        entries.put(name, values.clone());
        return this;
    }

    /**
     * Stores a copy of {@code values} under {@code name}, replacing any entry of that name ({@link #scalar} reads a
     * single one back).
     */
    public TrainerState put(String name, long... values) {
        entries.put(name, values.clone());
        return this;
    }

    /** Stores a copy of {@code values} under {@code name}, replacing any entry of that name. */
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

    /**
     * A copy of the doubles stored under {@code name}.
     *
     * @throws IllegalStateException if there is no double array of that name, listing the names there are
     */
    public double[] doubles(String name) {
        return get(name, double[].class).clone();
    }

    /**
     * A copy of the floats stored under {@code name}.
     *
     * @throws IllegalStateException if there is no float array of that name, listing the names there are
     */
    public float[] floats(String name) {
        return get(name, float[].class).clone();
    }

    /**
     * A copy of the longs stored under {@code name}.
     *
     * @throws IllegalStateException if there is no long array of that name, listing the names there are
     */
    public long[] longs(String name) {
        return get(name, long[].class).clone();
    }

    /** The single long stored under {@code name}. */
    public long scalar(String name) {
        return get(name, long[].class)[0];
    }

    /**
     * A copy of the bytes stored under {@code name}.
     *
     * @throws IllegalStateException if there is no byte array of that name, listing the names there are
     */
    public byte[] bytes(String name) {
        return get(name, byte[].class).clone();
    }

    /** Writes the files of a checkpoint into an empty folder (for {@link #putFiles}). */
    @FunctionalInterface
    public interface FolderWriter {
        /** Writes the files into {@code folder}, which is empty. */
        void write(Path folder) throws IOException;
    }

    /** Reads the files {@link #putFiles} stored, from a folder that holds just them. */
    @FunctionalInterface
    public interface FolderReader {
        /** Reads the files from {@code folder}. */
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
            try {
                reader.read(dir);
            } catch (DamagedFileException e) {
                // a file inside the checkpoint: name the checkpoint the user has, not the temporary copy
                String entry = FILE + dir.relativize(e.file().toAbsolutePath()).toString().replace('\\', '/');
                throw new DamagedFileException(source != null ? source : e.file(), "entry '" + entry + "': " + e.problem(), e);
            }
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

    /**
     * Writes the state to {@code file} atomically (a temporary file in the same folder, then a rename): the magic and
     * version, the payload's length, the payload (the entries), and the payload's CRC-32, so that a reader knows a
     * file cut short or changed for what it is.
     */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
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
        byte[] payload = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(payload.length);
                out.write(payload);
                out.writeInt((int) crc.getValue());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) { // a full or read-only disk: say which file and why, in the operating system's words
            String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage();
            throw new IOException("cannot write checkpoint " + file + ": " + reason, e);
        } finally {
            Files.deleteIfExists(tmp); // after a failed write (a full disk): the previous checkpoints stay as they were
        }
    }

    /**
     * Reads a state written by {@link #write} (or by jdive before checkpoints carried a checksum).
     *
     * @throws DamagedFileException naming {@code file} and what is wrong: cut short (the bytes expected and found), a
     *                              checksum that does not match, not a checkpoint, an entry that runs past the end
     */
    public static TrainerState read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
            String magic;
            int version;
            try {
                magic = in.readUTF();
                version = in.readInt();
            } catch (IOException e) {
                throw new DamagedFileException(file, size == 0 ? "empty (0 bytes)" : "not a jdive checkpoint (no header)", e);
            }
            if (!MAGIC.equals(magic)) {
                throw new DamagedFileException(file, "not a jdive checkpoint (its first bytes are not '" + MAGIC + "')");
            }
            long header = 2 + MAGIC.length() + 4L;
            TrainerState state;
            if (version == 1) { // before checkpoints carried their length and checksum
                state = entries(file, in, size - header);
            } else if (version == VERSION) {
                if (size < header + 8 + 4) {
                    throw new DamagedFileException(file, String.format(Locale.ROOT,
                            "truncated: %,d bytes, shorter than a checkpoint's header", size));
                }
                long length = in.readLong();
                long expected = header + 8 + length + 4;
                if (length < 0 || length > Integer.MAX_VALUE - 16 || expected != size) {
                    throw new DamagedFileException(file, length < 0 || expected < size
                            ? String.format(Locale.ROOT, "its header gives a payload of %,d bytes, which the file's %,d "
                            + "bytes do not hold", length, size)
                            : String.format(Locale.ROOT, "truncated: expected %,d bytes, found %,d", expected, size));
                }
                byte[] payload = in.readNBytes((int) length);
                int stored = in.readInt();
                CRC32 crc = new CRC32();
                crc.update(payload);
                if ((int) crc.getValue() != stored) {
                    throw new DamagedFileException(file, String.format(Locale.ROOT,
                            "CRC-32 mismatch: the file records %08x, its bytes give %08x", stored, (int) crc.getValue()));
                }
                state = entries(file, new DataInputStream(new ByteArrayInputStream(payload)), length);
            } else {
                throw new DamagedFileException(file, "checkpoint format version " + version + " (this jdive reads 1 and "
                        + VERSION + ")");
            }
            state.source = file;
            return state;
        }
    }

    /** The entries of a payload of {@code length} bytes, each array's length checked against what is left. */
    private static TrainerState entries(Path file, DataInputStream in, long length) throws IOException {
        TrainerState state = new TrainerState();
        long left = length;
        try {
            int count = in.readInt();
            left -= 4;
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                left -= 2 + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                int type = in.readByte();
                int n = in.readInt();
                left -= 5;
                int width = switch (type) {
                    case 'd', 'l' -> 8;
                    case 'f' -> 4;
                    case 'b' -> 1;
                    default -> throw new DamagedFileException(file, "entry '" + name + "' has an unknown type " + type);
                };
                if (n < 0 || (long) n * width > left) {
                    throw new DamagedFileException(file, String.format(Locale.ROOT,
                            "entry '%s' claims %,d values, more than the %,d bytes left", name, n, left));
                }
                left -= (long) n * width;
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
                    default -> state.entries.put(name, in.readNBytes(n));
                }
            }
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw new DamagedFileException(file, "truncated or garbled inside its entries", e);
        }
        return state;
    }
}
