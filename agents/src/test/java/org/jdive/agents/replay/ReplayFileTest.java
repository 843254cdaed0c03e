package org.jdive.agents.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileTest {

    @TempDir
    Path dir;

    private static void fill(ReplayBuffer buffer, int steps) {
        for (int t = 0; t < steps; t++) {
            for (int env = 0; env < buffer.numEnvs(); env++) {
                float id = env * 1000 + t;
                buffer.add(env, new float[] {id, id * 2}, 0, t % 4, t * 0.5f, t % 9 == 8, t % 13 == 12,
                        new float[] {id + 1, id * 2 + 2}, 0);
            }
        }
    }

    private static Batch sample(ReplayBuffer buffer, long seed) {
        Batch batch = new Batch(64, 2);
        if (buffer instanceof PrioritizedReplayBuffer prioritized) {
            prioritized.sample(batch, 0.5, Rng.seeded(seed));
        } else {
            buffer.sample(batch, Rng.seeded(seed));
        }
        return batch;
    }

    private static void assertSameBatch(Batch a, Batch b) {
        assertArrayEquals(a.observations(), b.observations());
        assertArrayEquals(a.nextObservations(), b.nextObservations());
        assertArrayEquals(a.actions(), b.actions());
        assertArrayEquals(a.returns(), b.returns());
        assertArrayEquals(a.discounts(), b.discounts());
        assertArrayEquals(a.weights(), b.weights());
    }

    @Test
    void aLoadedBufferSamplesExactlyAsTheSavedOne() throws IOException {
        ReplayBuffer saved = new ReplayBuffer(90, 2, 3, 3, 0.9);
        fill(saved, 70); // wraps
        Path file = dir.resolve("replay.bin");
        saved.save(file);
        ReplayBuffer loaded = new ReplayBuffer(90, 2, 3, 3, 0.9);
        loaded.load(file);
        assertEquals(saved.size(), loaded.size());
        assertSameBatch(sample(saved, 1), sample(loaded, 1));
        fill(saved, 5);
        fill(loaded, 5);
        assertSameBatch(sample(saved, 2), sample(loaded, 2));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void prioritiesSurviveASaveAndLoad() throws IOException {
        PrioritizedReplayBuffer saved = new PrioritizedReplayBuffer(64, 2, 1, 1, 0.99, 0.6, 1e-6);
        fill(saved, 40);
        Batch batch = sample(saved, 3);
        float[] errors = new float[batch.size()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = i * 0.1f;
        }
        saved.updatePriorities(batch.indices(), errors, batch.size());
        Path file = dir.resolve("per.bin");
        saved.save(file);
        PrioritizedReplayBuffer loaded = new PrioritizedReplayBuffer(64, 2, 1, 1, 0.99, 0.6, 1e-6);
        loaded.load(file);
        for (int row = 0; row < 64; row++) {
            assertEquals(saved.priority(row), loaded.priority(row), 0.0);
        }
        assertSameBatch(sample(saved, 4), sample(loaded, 4));
    }

    @Test
    void int8BuffersSaveTheirBytesAndLoadOnlyIntoUint8Buffers() throws IOException {
        ReplayBuffer saved = new ReplayBuffer(200, 50, 1, 1, 0.99, ObservationStorage.INT8);
        ReplayBuffer asFloats = new ReplayBuffer(200, 50, 1, 1, 0.99, ObservationStorage.FLOAT32);
        for (int t = 0; t < 150; t++) {
            float[] obs = new float[50];
            float[] next = new float[50];
            for (int j = 0; j < 50; j++) {
                obs[j] = (t * 7 + j) % 256 - 128;
                next[j] = (t * 7 + j + 7) % 256 - 128;
            }
            saved.add(0, obs, 0, t % 3, 1f, t % 11 == 10, false, next, 0);
            asFloats.add(0, obs, 0, t % 3, 1f, t % 11 == 10, false, next, 0);
        }
        Path bytes = dir.resolve("bytes.bin");
        Path floats = dir.resolve("floats.bin");
        saved.save(bytes);
        asFloats.save(floats);
        assertTrue(Files.size(bytes) < Files.size(floats) / 3, Files.size(bytes) + " bytes against "
                + Files.size(floats));

        ReplayBuffer loaded = new ReplayBuffer(200, 50, 1, 1, 0.99, ObservationStorage.INT8);
        loaded.load(bytes);
        Batch a = new Batch(64, 50);
        Batch b = new Batch(64, 50);
        saved.sample(a, Rng.seeded(8));
        loaded.sample(b, Rng.seeded(8));
        assertSameBatch(a, b);

        IOException mismatch = assertThrows(IOException.class,
                () -> new ReplayBuffer(200, 50, 1, 1, 0.99, ObservationStorage.FLOAT32).load(bytes));
        assertTrue(mismatch.getMessage().contains("INT8") && mismatch.getMessage().contains("FLOAT32"),
                mismatch.getMessage());
    }

    @Test
    void mismatchedOrDamagedFilesAreRejectedAndChangeNothing() throws IOException {
        ReplayBuffer saved = new ReplayBuffer(60, 2, 1, 1, 0.99);
        fill(saved, 30);
        Path file = dir.resolve("replay.bin");
        saved.save(file);

        ReplayBuffer other = new ReplayBuffer(60, 2, 1, 3, 0.99);
        IOException mismatch = assertThrows(IOException.class, () -> other.load(file));
        assertTrue(mismatch.getMessage().contains("nSteps 1") && mismatch.getMessage().contains("nSteps 3"),
                mismatch.getMessage());
        assertThrows(IOException.class, () -> new PrioritizedReplayBuffer(60, 2, 1, 1, 0.99, 0.6, 1e-6).load(file));

        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ReplayBuffer target = new ReplayBuffer(60, 2, 1, 1, 0.99);
        fill(target, 10);
        int before = target.size();
        IOException truncated = assertThrows(IOException.class, () -> target.load(cut));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        assertEquals(before, target.size(), "the buffer is unchanged");
    }
}
