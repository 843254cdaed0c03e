package org.jdive.agents.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.junit.jupiter.api.Test;

class PrioritizedReplayBufferTest {

    private final UniformRandomProvider rng = Rng.seeded(11);

    @Test
    void sumTreeKeepsSumsAndFindsPrefixes() {
        SumTree tree = new SumTree(5);
        double[] p = {1, 0, 3, 2, 4};
        for (int i = 0; i < p.length; i++) {
            tree.set(i, p[i]);
        }
        assertEquals(10, tree.total(), 0);
        assertEquals(0, tree.find(0.5));
        assertEquals(2, tree.find(1.0), "the zero-priority leaf 1 is skipped");
        assertEquals(2, tree.find(3.99));
        assertEquals(3, tree.find(4.0));
        assertEquals(4, tree.find(9.999));
        assertEquals(4, tree.find(10.0), "rounding past the total lands on the last positive leaf");
        tree.set(4, 0);
        assertEquals(6, tree.total(), 0);
        assertEquals(3, tree.find(5.99));
        assertThrows(IllegalArgumentException.class, () -> tree.set(0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.set(5, 1));
    }

    @Test
    void drawsInProportionToPriorityToTheAlphaWithMatchingWeights() {
        double alpha = 0.5;
        PrioritizedReplayBuffer buffer = new PrioritizedReplayBuffer(64, 1, 1, 1, 0.9, alpha, 1e-6);
        int n = 4;
        for (int t = 0; t < n; t++) {
            buffer.add(0, new float[] {t}, 0, 0, 0f, false, t == n - 1, new float[] {t + 1}, 0);
        }
        Batch batch = new Batch(n, 1);
        buffer.sample(batch, rng);
        // Fresh transitions share the largest priority: a stratified draw of n from n equal priorities takes each once.
        int[] once = new int[n];
        for (int i = 0; i < n; i++) {
            once[(int) batch.observations()[i]]++;
            assertEquals(1f, batch.weights()[i], 1e-6f);
        }
        assertEquals(java.util.List.of(1, 1, 1, 1), java.util.Arrays.stream(once).boxed().toList());

        float[] errors = {0f, 3f, 8f, 15f}; // priorities (|δ| + ε)^0.5 ≈ 0.001, √3, √8, √15
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[(int) batch.observations()[i]] = batch.indices()[i];
        }
        buffer.updatePriorities(rows, errors, n);
        double[] priority = new double[n];
        double total = 0;
        for (int t = 0; t < n; t++) {
            priority[t] = Math.pow(Math.abs(errors[t]) + 1e-6, alpha);
            total += priority[t];
            assertEquals(priority[t], buffer.priority(rows[t]), 1e-9);
        }
        int draws = 40_000;
        int[] counts = new int[n];
        Batch big = new Batch(draws, 1);
        buffer.sample(big, 0.4, rng);
        double maxWeight = 0;
        for (int t = 0; t < n; t++) {
            maxWeight = Math.max(maxWeight, Math.pow(n * priority[t] / total, -0.4));
        }
        for (int i = 0; i < draws; i++) {
            int t = (int) big.observations()[i];
            counts[t]++;
            double expectedWeight = Math.pow(n * priority[t] / total, -0.4) / maxWeight;
            if (t > 0) {
                assertEquals(expectedWeight, big.weights()[i], 1e-5);
            }
        }
        for (int t = 1; t < n; t++) {
            assertEquals(priority[t] / total, (double) counts[t] / draws, 0.01, "share of transition " + t);
        }
    }

    @Test
    void rowsThatStartNoTransitionAreNeverDrawn() {
        PrioritizedReplayBuffer buffer = new PrioritizedReplayBuffer(16, 1, 1, 1, 0.9, 0.6, 1e-6);
        for (int t = 0; t < 40; t++) {
            buffer.add(0, new float[] {t}, 0, 0, 0f, t % 5 == 4, false, new float[] {t + 1}, 0);
        }
        Batch batch = new Batch(1000, 1);
        buffer.sample(batch, 0.5, rng);
        for (int i = 0; i < batch.size(); i++) {
            int t = (int) batch.observations()[i];
            assertEquals(t + 1, (int) batch.nextObservations()[i], "a stored transition, not a final-observation row");
        }
    }
}
