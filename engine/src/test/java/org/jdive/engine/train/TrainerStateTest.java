package org.jdive.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerStateTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfEntryComesBackBitForBit() throws IOException {
        TrainerState state = new TrainerState().put("d", new double[] {Double.NaN, -0.0, 1e-300})
                .put("f", new float[] {Float.MIN_VALUE, -1f}).put("n", 7L, -3L).put("b", new byte[] {0, -1, 42});
        state.write(dir.resolve("s.state"));
        TrainerState back = TrainerState.read(dir.resolve("s.state"));
        assertEquals(List.of("d", "f", "n", "b"), List.copyOf(back.names()));
        assertArrayEquals(state.doubles("d"), back.doubles("d"));
        assertArrayEquals(state.floats("f"), back.floats("f"));
        assertArrayEquals(state.longs("n"), back.longs("n"));
        assertArrayEquals(state.bytes("b"), back.bytes("b"));
    }

    @Test
    void filesWrittenIntoAFolderComeBackInOneAndTheFoldersAreGone() throws IOException {
        List<Path> folders = new ArrayList<>();
        TrainerState state = new TrainerState().putFiles(folder -> {
            folders.add(folder);
            Files.writeString(folder.resolve("net.safetensors"), "weights");
            Files.createDirectories(folder.resolve("opt"));
            Files.writeString(folder.resolve("opt/adam.bin"), "moments");
        });
        assertEquals(List.of("file:net.safetensors", "file:opt/adam.bin"), List.copyOf(state.names()));
        state.write(dir.resolve("s.state"));
        TrainerState.read(dir.resolve("s.state")).readFiles(folder -> {
            folders.add(folder);
            assertEquals("weights", Files.readString(folder.resolve("net.safetensors"), StandardCharsets.UTF_8));
            assertEquals("moments", Files.readString(folder.resolve("opt/adam.bin"), StandardCharsets.UTF_8));
        });
        assertEquals(2, folders.size());
        folders.forEach(f -> assertFalse(Files.exists(f), "temporary folder " + f + " is deleted"));
    }

    @Test
    void anEntryThatPointsOutsideItsFolderIsRefused() {
        for (String name : List.of("file:../escape", "file:a/../../escape", "file:/etc/passwd")) {
            TrainerState state = new TrainerState().put(name, new byte[] {1});
            IOException e = assertThrows(IOException.class, () -> state.readFiles(folder -> { }), name);
            assertTrue(e.getMessage().contains("points outside its folder"), e.getMessage());
        }
    }

    @Test
    void aDamagedFileIsNamedWithWhatIsWrong() throws IOException {
        Path file = dir.resolve("000000001000.state");
        new TrainerState().put("w", new float[] {1, 2, 3}).put("n", 5L).write(file);
        byte[] good = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(good, 30));
        assertDamaged(file, "truncated: 30 bytes, shorter than a checkpoint's header");
        Files.write(file, java.util.Arrays.copyOf(good, 60));
        assertDamaged(file, "truncated: expected " + good.length + " bytes, found 60");
        Files.write(file, new byte[0]);
        assertDamaged(file, "empty (0 bytes)");
        byte[] flipped = good.clone();
        flipped[40] ^= 0x10;
        Files.write(file, flipped);
        assertDamaged(file, "CRC-32 mismatch: the file records ");
        Files.writeString(file, "not a checkpoint at all, but long enough to have a header");
        assertDamaged(file, "not a jdive checkpoint");
    }

    @Test
    void aCheckpointFromBeforeChecksumsStillReads() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF("jdive-trainer-state");
            out.writeInt(1);
            out.writeInt(1);
            out.writeUTF("n");
            out.writeByte('l');
            out.writeInt(1);
            out.writeLong(42);
        }
        Path file = dir.resolve("old.state");
        Files.write(file, bytes.toByteArray());
        assertEquals(42, TrainerState.read(file).scalar("n"));
        byte[] huge = bytes.toByteArray();
        huge[huge.length - 12] = 0x7f; // the entry now claims 2^30-odd longs: refused, not allocated
        Files.write(file, huge);
        assertDamaged(file, "claims");
    }

    private static void assertDamaged(Path file, String problem) {
        org.jdive.core.io.DamagedFileException e = assertThrows(org.jdive.core.io.DamagedFileException.class,
                () -> TrainerState.read(file));
        assertEquals(file, e.file());
        assertTrue(e.problem().contains(problem), e.problem());
        assertTrue(e.getMessage().startsWith(file + " is damaged: "), e.getMessage());
    }
}
