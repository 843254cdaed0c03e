package org.jdive.agents.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private final UniformRandomProvider rng = Rng.seeded(3);

    /** Observations {@code [id, -id]}: the next observation of id {@code t} in an episode is {@code t + 1}. */
    private static float[] obs(int id) {
        return new float[] {id, -id};
    }

    /**
     * Plays episodes of {@code length} steps into env {@code env}'s stream, ids {@code offset + episode·100 + t};
     * each reward is 1; episodes end by termination if {@code terminate}, else by truncation.
     */
    private static void play(ReplayBuffer buffer, int env, int offset, int episodes, int length, boolean terminate) {
        for (int e = 0; e < episodes; e++) {
            for (int t = 0; t < length; t++) {
                int id = offset + e * 100 + t;
                boolean last = t == length - 1;
                buffer.add(env, obs(id), 0, id % 3, 1f, last && terminate, last && !terminate, obs(id + 1), 0);
            }
        }
    }

    @Test
    void oneStepTransitionsPairEachObservationWithTheNextAndMaskOnlyTerminations() {
        ReplayBuffer buffer = new ReplayBuffer(1000, 2, 1, 1, 0.9);
        play(buffer, 0, 0, 3, 5, true);
        play(buffer, 0, 1000, 2, 4, false);
        assertEquals(15 + 8, buffer.size());
        Batch batch = new Batch(256, 2);
        buffer.sample(batch, rng);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            int id = (int) batch.observations()[2 * i];
            seen.add(id);
            assertEquals(-id, batch.observations()[2 * i + 1]);
            assertEquals(id + 1, (int) batch.nextObservations()[2 * i], "the next observation, also after a truncation");
            assertEquals(id % 3, batch.actions()[i]);
            assertEquals(1f, batch.returns()[i]);
            assertEquals(1f, batch.weights()[i]);
            boolean terminal = id < 1000 && id % 100 == 4;
            assertEquals(terminal ? 0f : 0.9f, batch.discounts()[i], 1e-7f, "id " + id);
        }
        assertEquals(23, seen.size(), "every stored transition is drawn");
    }

    @Test
    void nStepReturnsStopAtTerminationsTruncationsAndTheNewestRow() {
        ReplayBuffer buffer = new ReplayBuffer(1000, 2, 1, 3, 0.5);
        play(buffer, 0, 0, 1, 6, true);     // ids 0..5, terminated after 5
        play(buffer, 0, 1000, 1, 6, false); // ids 1000..1005, truncated after 1005
        buffer.add(0, obs(2000), 0, 0, 1f, false, false, obs(2001), 0); // an unfinished episode
        buffer.add(0, obs(2001), 0, 0, 1f, false, false, obs(2002), 0);
        Batch batch = new Batch(512, 2);
        buffer.sample(batch, rng);
        for (int i = 0; i < batch.size(); i++) {
            int id = (int) batch.observations()[2 * i];
            int left = id < 1000 ? 5 - id : id < 2000 ? 1005 - id : 2001 - id; // rewards left in the stream
            int k = Math.min(3, left + 1);
            assertEquals(2 - Math.pow(0.5, k - 1), batch.returns()[i], 1e-6, "return of id " + id);
            boolean terminates = id < 1000 && left < 3;
            assertEquals(terminates ? 0 : Math.pow(0.5, k), batch.discounts()[i], 1e-7, "discount of id " + id);
            assertEquals(id + k, (int) batch.nextObservations()[2 * i], "bootstrap observation of id " + id);
        }
    }

    @Test
    void theRingOverwritesTheOldestRowsAndKeepsTransitionsConsistent() {
        ReplayBuffer buffer = new ReplayBuffer(50, 2, 1, 2, 0.9);
        play(buffer, 0, 0, 37, 7, false); // 37 episodes of 7 steps: 8 rows each, so the ring wraps many times
        assertTrue(buffer.size() <= 50 && buffer.size() >= 50 - 50 / 8 - 2, "size " + buffer.size());
        Batch batch = new Batch(400, 2);
        buffer.sample(batch, rng);
        for (int i = 0; i < batch.size(); i++) {
            int id = (int) batch.observations()[2 * i];
            assertTrue(id >= 3000, "only recent episodes survive, got id " + id);
            int t = id % 100;
            int k = t == 6 ? 1 : 2;
            assertEquals(id + k, (int) batch.nextObservations()[2 * i]);
            assertEquals(k == 1 ? 0.9f : 0.81f, batch.discounts()[i], 1e-6f);
        }
    }

    @Test
    void envsWriteSeparateStreams() {
        ReplayBuffer buffer = new ReplayBuffer(200, 2, 2, 2, 1.0);
        for (int t = 0; t < 30; t++) {
            for (int env = 0; env < 2; env++) {
                int id = env * 10_000 + t;
                buffer.add(env, obs(id), 0, 0, 1f, false, t == 29, obs(id + 1), 0);
            }
        }
        Batch batch = new Batch(300, 2);
        buffer.sample(batch, rng);
        int fromSecond = 0;
        for (int i = 0; i < batch.size(); i++) {
            int id = (int) batch.observations()[2 * i];
            int k = id % 10_000 == 29 ? 1 : 2;
            assertEquals(id + k, (int) batch.nextObservations()[2 * i]);
            fromSecond += id >= 10_000 ? 1 : 0;
        }
        assertTrue(fromSecond > 100 && fromSecond < 200, "both envs are sampled: " + fromSecond);
    }

    @Test
    void int8StorageSamplesTheSameBatchesAsFloatStorage() {
        ReplayBuffer floats = new ReplayBuffer(300, 6, 2, 3, 0.9, ObservationStorage.FLOAT32);
        ReplayBuffer bytes = new ReplayBuffer(300, 6, 2, 3, 0.9, ObservationStorage.INT8);
        UniformRandomProvider values = Rng.seeded(11);
        float[] previous = new float[12];
        for (int t = 0; t < 400; t++) { // wraps
            float[] next = new float[12];
            for (int j = 0; j < next.length; j++) {
                next[j] = j % 6 == 5 ? values.nextInt(256) - 128 : values.nextInt(2);
            }
            for (int env = 0; env < 2; env++) {
                boolean terminated = (t + env) % 17 == 16;
                boolean truncated = (t + env) % 23 == 22;
                floats.add(env, previous, env * 6, t % 5, t * 0.25f, terminated, truncated, next, env * 6);
                bytes.add(env, previous, env * 6, t % 5, t * 0.25f, terminated, truncated, next, env * 6);
            }
            previous = next;
        }
        Batch a = new Batch(128, 6);
        Batch b = new Batch(128, 6);
        floats.sample(a, Rng.seeded(4));
        bytes.sample(b, Rng.seeded(4));
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.observations(), b.observations());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.nextObservations(), b.nextObservations());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.returns(), b.returns());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.indices(), b.indices());
        float smallest = 0;
        for (float v : b.observations()) {
            smallest = Math.min(smallest, v);
        }
        assertTrue(smallest < 0, "negative values come back negative: " + smallest);
    }

    @Test
    void int8StorageRejectsWhatItCannotHold() {
        ReplayBuffer buffer = new ReplayBuffer(100, 2, 1, 1, 0.99, ObservationStorage.INT8);
        for (float bad : new float[] {0.5f, -129f, 128f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> buffer.add(0, new float[] {1f, bad}, 0, 0, 0f, false, false, new float[] {0f, 0f}, 0));
            assertTrue(e.getMessage().contains(String.valueOf(bad)) && e.getMessage().contains("-128 to 127"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> buffer.add(0, new float[] {1f, 1f}, 0, 0, 0f, false, false, new float[] {bad, 0f}, 0));
        }
        assertEquals(0, buffer.size(), "nothing was stored");
    }

    @Test
    void badUseIsExplained() {
        ReplayBuffer buffer = new ReplayBuffer(100, 2, 1, 1, 0.99);
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> buffer.sample(new Batch(4, 2), rng));
        assertTrue(empty.getMessage().contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer(5, 2, 4, 1, 0.99));
        buffer.add(0, obs(1), 0, 0, 0f, false, false, obs(2), 0);
        assertThrows(IllegalArgumentException.class, () -> buffer.sample(new Batch(4, 3), rng));
        assertThrows(IllegalArgumentException.class, () -> buffer.add(1, obs(1), 0, 0, 0f, false, false, obs(2), 0));
    }
}
