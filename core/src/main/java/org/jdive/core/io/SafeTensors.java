package org.jdive.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.jdive.core.Tensor;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, so that
 * PyTorch's {@code safetensors.torch.load_file} reads what jdive writes: an 8-byte little-endian header length
 * {@code N}, {@code N} bytes of JSON ({@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin,
 * end]}, "__metadata__": {...}}}, padded with spaces to a multiple of 8), then the tensors' little-endian data,
 * contiguous, in the order of their names.
 *
 * <p>jdive adds a CRC-32 of each tensor's bytes to the metadata ({@code jdive.crc32.<name>}) and checks it on
 * reading, so a corrupted tensor is named. Files are written to a temporary file in the same folder and renamed
 * over the target, so a crash never leaves a half-written file under the target's name. Every error names the
 * file and the tensor or byte offset at fault.
 */
public final class SafeTensors {

    /** A tensor read from a file, on the host. */
    public record HostTensor(int[] shape, float[] data) {
    }

    /** A file's tensors, in file order, and its {@code __metadata__}. */
    public record Contents(Map<String, HostTensor> tensors, Map<String, String> metadata) {
    }

    private static final String METADATA = "__metadata__";
    private static final String CRC_PREFIX = "jdive.crc32.";
    /** As the reference implementation: a larger header is refused rather than read. */
    private static final long MAX_HEADER = 100_000_000L;

    private SafeTensors() {
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Writes {@code tensors} and {@code metadata} to {@code file} atomically (temporary file, then rename). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Map<String, float[]> data = new TreeMap<>();
        Map<String, int[]> shapes = new TreeMap<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("'" + e.getKey() + "' cannot name a tensor in a safetensors file");
            }
            data.put(e.getKey(), e.getValue().toFloatArray());
            shapes.put(e.getKey(), e.getValue().shape());
        }
        Map<String, String> meta = new TreeMap<>(metadata);
        Map<String, Object> entries = new LinkedHashMap<>();
        long offset = 0;
        for (String name : data.keySet()) {
            long end = offset + 4L * data.get(name).length;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F32");
            entry.put("shape", shapes.get(name));
            entry.put("data_offsets", new long[] {offset, end});
            entries.put(name, entry);
            meta.put(CRC_PREFIX + name, crcHex(littleEndian(data.get(name))));
            offset = end;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(METADATA, meta);
        json.putAll(entries);
        byte[] header = Json.write(json).getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(header, padded);
        Arrays.fill(headerBytes, header.length, padded, (byte) ' ');

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = TempFiles.besides(file);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, padded));
                writeFully(ch, ByteBuffer.wrap(headerBytes));
                for (float[] values : data.values()) {
                    writeFully(ch, ByteBuffer.wrap(littleEndian(values)));
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return buf.array();
    }

    private static String crcHex(byte[] bytes) {
        return crcHex(bytes, 0, bytes.length);
    }

    private static String crcHex(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return String.format("%08x", crc.getValue());
    }

    // ---- reading ------------------------------------------------------------------------------

    /**
     * Reads a safetensors file of F32 tensors.
     *
     * @throws IOException naming the byte offset or tensor at fault when the file is truncated, its header is
     *                     malformed, a tensor is not F32, its offsets disagree with its shape or leave gaps, or its
     *                     bytes fail their checksum
     */
    public static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 8) {
            throw new DamagedFileException(file, bytes.length + " bytes, too short for a safetensors file (an 8-byte "
                    + "header length comes first)");
        }
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > bytes.length) {
            throw new DamagedFileException(file, "the header length at byte 0 says " + headerLength + " bytes, but the file has "
                    + bytes.length + " bytes: truncated, or not a safetensors file");
        }
        int dataStart = 8 + (int) headerLength;
        Object parsed;
        try {
            parsed = Json.parse(Arrays.copyOfRange(bytes, 8, dataStart));
        } catch (Json.SyntaxException e) {
            throw new DamagedFileException(file, "malformed header at byte " + (8 + e.offset) + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new DamagedFileException(file, "the header at byte 8 must be a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                readMetadata(file, e.getValue(), metadata);
            } else {
                entries.add(entry(file, name, e.getValue()));
            }
        }
        checkLayout(file, entries, dataStart, bytes.length);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry en : entries) {
            int from = dataStart + (int) en.begin;
            int length = (int) (en.end - en.begin);
            String expectedCrc = metadata.get(CRC_PREFIX + en.name);
            if (expectedCrc != null && !expectedCrc.equals(crcHex(bytes, from, length))) {
                throw new DamagedFileException(file, "tensor '" + en.name + "' (bytes " + from + " to " + (from + length)
                        + ") is corrupted: its CRC-32 is " + crcHex(bytes, from, length) + ", the header records '" + printable(expectedCrc) + "'");
            }
            float[] values = new float[length / 4];
            data.position(from);
            data.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.put(en.name, new HostTensor(en.shape, values));
        }
        metadata.keySet().removeIf(k -> k.startsWith(CRC_PREFIX));
        return new Contents(tensors, metadata);
    }

    private record Entry(String name, int[] shape, long begin, long end) {
    }

    private static void readMetadata(Path file, Object value, Map<String, String> out) throws IOException {
        if (!(value instanceof Map<?, ?> m)) {
            throw new DamagedFileException(file, "\"__metadata__\" must be an object of strings");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new DamagedFileException(file, "metadata \"" + e.getKey() + "\" must be a string");
            }
            out.put((String) e.getKey(), s);
        }
    }

    private static Entry entry(Path file, String name, Object value) throws IOException {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> m)) {
            throw new DamagedFileException(file, where + ": its header entry must be an object with dtype, shape and data_offsets");
        }
        if (!"F32".equals(m.get("dtype"))) {
            throw new DamagedFileException(file, where + " has dtype " + m.get("dtype") + "; jdive reads F32 tensors only");
        }
        long[] shape = longs(file, where, "shape", m.get("shape"), -1);
        long[] offsets = longs(file, where, "data_offsets", m.get("data_offsets"), 2);
        long count = 1;
        int[] dims = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE) {
                throw new DamagedFileException(file, where + " has an invalid dimension " + shape[d]);
            }
            dims[d] = (int) shape[d];
            count *= shape[d];
            if (count > Integer.MAX_VALUE) {
                throw new DamagedFileException(file, where + " has more than 2^31-1 elements");
            }
        }
        if (offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] - offsets[0] != 4 * count) {
            throw new DamagedFileException(file, where + ": data_offsets " + Arrays.toString(offsets) + " do not hold " + count
                    + " F32 values (" + 4 * count + " bytes) for shape " + Arrays.toString(dims));
        }
        return new Entry(name, dims, offsets[0], offsets[1]);
    }

    private static long[] longs(Path file, String where, String key, Object value, int length) throws IOException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw new DamagedFileException(file, where + ": \"" + key + "\" must be a list of " + (length >= 0 ? length + " " : "") + "integers");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long l)) {
                throw new DamagedFileException(file, where + ": \"" + key + "\" must be a list of integers");
            }
            out[i] = l;
        }
        return out;
    }

    /** The tensors must tile the data section exactly: no gap, no overlap, nothing missing at the end. */
    private static void checkLayout(Path file, List<Entry> entries, int dataStart, long fileSize) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry en : sorted) {
            if (en.begin != expected) {
                throw new DamagedFileException(file, "tensor '" + en.name + "' starts at byte " + (dataStart + en.begin)
                        + " but the previous tensor ends at byte " + (dataStart + expected)
                        + (en.begin < expected ? " (overlap)" : " (gap)"));
            }
            if (dataStart + en.end > fileSize) {
                throw new DamagedFileException(file, "truncated: tensor '" + en.name + "' needs bytes " + (dataStart + en.begin)
                        + " to " + (dataStart + en.end) + " but the file ends at byte " + fileSize);
            }
            expected = en.end;
        }
        if (dataStart + expected != fileSize) {
            throw new DamagedFileException(file, (fileSize - dataStart - expected) + " bytes after the last tensor, from byte "
                    + (dataStart + expected) + ", belong to no tensor");
        }
    }

    /** {@code text} with anything but printable ASCII shown as {@code \\uXXXX}: a damaged header's bytes, readable. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
