package org.jdive.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST (LeCun's): a magic number {@code 00 00 TT DD} (element type
 * {@code TT}, {@code DD} dimensions), {@code DD} big-endian 32-bit sizes, then the elements big-endian.
 * All six element types are read (unsigned and signed byte, short, int, float, double); gzip-compressed files
 * ({@code .gz}, recognised by their first bytes) are decompressed.
 */
public final class Idx {

    /** The contents of an IDX file: its shape and its elements as floats, row-major. */
    public record Array(int[] shape, float[] values) {
    }

    private Idx() {
    }

    /**
     * Reads an IDX file, gzip-compressed or not.
     *
     * @throws IOException if it cannot be read or is not an IDX file
     */
    public static Array read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            bytes = gunzip(file, bytes);
        }
        return parse(bytes, file.toString());
    }

    private static byte[] gunzip(Path file, byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IOException(file + ": corrupted gzip stream: " + e.getMessage(), e);
        }
    }

    /** Parses IDX {@code bytes}; {@code source} names them in errors. */
    public static Array parse(byte[] bytes, String source) throws IOException {
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw new IOException(source + ": not an IDX file (the first two bytes must be 0, as in 00 00 08 03)");
        }
        int type = bytes[2] & 0xff;
        int width = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> throw new IOException(source + ": unknown IDX element type 0x" + Integer.toHexString(type)
                    + " at byte 2; known: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double");
        };
        int rank = bytes[3] & 0xff;
        int dataStart = 4 + 4 * rank;
        if (bytes.length < dataStart) {
            throw new IOException(source + ": truncated header: " + rank + " dimensions need " + dataStart
                    + " bytes, the file has " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int[] shape = new int[rank];
        long count = 1;
        for (int d = 0; d < rank; d++) {
            shape[d] = buf.getInt(4 + 4 * d);
            if (shape[d] < 0) {
                throw new IOException(source + ": dimension " + d + " at byte " + (4 + 4 * d) + " is negative: " + shape[d]);
            }
            count *= shape[d];
        }
        long needed = dataStart + count * width;
        if (count > Integer.MAX_VALUE || bytes.length < needed) {
            throw new IOException(source + ": truncated: shape " + Arrays.toString(shape) + " needs " + needed
                    + " bytes, the file has " + bytes.length);
        }
        if (bytes.length > needed) {
            throw new IOException(source + ": " + (bytes.length - needed) + " unexpected bytes after the data, from byte " + needed);
        }
        float[] values = new float[(int) count];
        buf.position(dataStart);
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (type) {
                case 0x08 -> buf.get() & 0xff;
                case 0x09 -> buf.get();
                case 0x0B -> buf.getShort();
                case 0x0C -> buf.getInt();
                case 0x0D -> buf.getFloat();
                default -> (float) buf.getDouble();
            };
        }
        return new Array(shape, values);
    }
}
