package org.jdive.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors layout byte by byte, round trips, and errors that name the tensor or byte at fault. */
class SafeTensorsTest {

    @TempDir
    Path tmp;
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private Path writeTwo() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1f, -2f, 3.5f, 0f, 1e-3f, 7f}, 2, 3));
        tensors.put("b", Tensor.of(new float[] {0.25f}, 1));
        Path f = tmp.resolve("two.safetensors");
        SafeTensors.write(f, tensors, Map.of("format", "pt"));
        return f;
    }

    @Test
    void theLayoutIsSafetensors() throws IOException {
        byte[] bytes = Files.readAllBytes(writeTwo());
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\""), header);
        assertTrue(header.contains("\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}"), header);
        assertTrue(header.contains("\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[4,28]}"), header);
        assertEquals(8 + n + 28, bytes.length);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n), 28).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0.25f, data.getFloat());
        assertEquals(1f, data.getFloat());
        assertEquals(-2f, data.getFloat());
    }

    @Test
    void roundTripKeepsNamesShapesValuesAndMetadata() throws IOException {
        SafeTensors.Contents c = SafeTensors.read(writeTwo());
        assertEquals(List.of("b", "w"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new int[] {2, 3}, c.tensors().get("w").shape());
        assertArrayEquals(new float[] {1f, -2f, 3.5f, 0f, 1e-3f, 7f}, c.tensors().get("w").data());
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void aTruncatedFileNamesTheTensorAndTheByte() throws IOException {
        Path f = writeTwo();
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 5));
        var e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("'w'")
                && e.getMessage().contains("ends at byte " + (bytes.length - 5)), e.getMessage());
        Files.write(f, Arrays.copyOf(bytes, 20));
        e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("header length at byte 0"), e.getMessage());
    }

    @Test
    void aCorruptedTensorIsNamed() throws IOException {
        Path f = writeTwo();
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length - 2] ^= 0x10;
        Files.write(f, bytes);
        var e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("tensor 'w'") && e.getMessage().contains("corrupted"), e.getMessage());
    }

    @Test
    void aMalformedHeaderNamesTheByteOffset() throws IOException {
        Path f = writeTwo();
        byte[] bytes = Files.readAllBytes(f);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"dtype\"");
        bytes[at] = '?';
        Files.write(f, bytes);
        var e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("malformed header at byte " + at), e.getMessage());
    }

    @Test
    void aHeaderThatIsNotUtf8JsonIsRefusedAtItsFirstBadByte() throws IOException {
        Path f = tmp.resolve("encoding.safetensors");
        writeRaw(f, "{\u0000\u0000\u0000\"x\":{}}", 0); // NUL bytes would make a byte-sniffing parser read UTF-32
        var e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("malformed header at byte 9: a NUL byte"), e.getMessage());
        byte[] bytes = Files.readAllBytes(f);
        bytes[9] = (byte) 0xC3; // a lead byte followed by another lead byte: not UTF-8
        bytes[10] = (byte) 0xC3;
        Files.write(f, bytes);
        e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("malformed header at byte 9: not UTF-8 text"), e.getMessage());
    }

    @Test
    void foreignFilesWithOtherDtypesOrGapsAreRefusedByName() throws IOException {
        Path f = tmp.resolve("foreign.safetensors");
        writeRaw(f, "{\"x\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);
        var e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("'x' has dtype F16"), e.getMessage());
        writeRaw(f, "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4);
        e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("[0, 4]"), e.getMessage());
        writeRaw(f, "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8);
        e = assertThrows(IOException.class, () -> SafeTensors.read(f));
        assertTrue(e.getMessage().contains("'x' starts at byte") && e.getMessage().contains("gap"), e.getMessage());
        // a file written elsewhere, without jdive's checksums, reads
        writeRaw(f, "{\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4);
        assertArrayEquals(new float[] {0f}, SafeTensors.read(f).tensors().get("x").data());
    }

    @Test
    void aFileWrittenByTheReferenceImplementationReads() throws Exception {
        // Written by Hugging Face's safetensors 0.8.0: save_file({"layer.weight": arange(6).reshape(2, 3) - 2.5,
        // "layer.bias": [0.5, -1]}, metadata={"format": "pt"}).
        Path f = Path.of(getClass().getResource("/io/written-by-safetensors-0.8.0.safetensors").toURI());
        SafeTensors.Contents c = SafeTensors.read(f);
        assertArrayEquals(new float[] {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, c.tensors().get("layer.weight").data());
        assertArrayEquals(new int[] {2, 3}, c.tensors().get("layer.weight").shape());
        assertArrayEquals(new float[] {0.5f, -1f}, c.tensors().get("layer.bias").data());
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path f = writeTwo();
        SafeTensors.write(f, Map.of("only", Tensor.scalar(1f)), Map.of());
        assertEquals(List.of("only"), List.copyOf(SafeTensors.read(f).tensors().keySet()));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    private static void writeRaw(Path f, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Files.write(f, b.array());
    }
}
