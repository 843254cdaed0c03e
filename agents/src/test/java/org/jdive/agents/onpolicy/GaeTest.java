package org.jdive.agents.onpolicy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Gae} against its definition: the (γλ)-discounted sum of TD errors up to the episode's end. */
class GaeTest {

    private static final int STEPS = 7;
    private static final int ENVS = 3;

    private final float[] rewards = new float[STEPS * ENVS];
    private final float[] values = new float[STEPS * ENVS];
    private final boolean[] dones = new boolean[STEPS * ENVS];
    private final float[] nextValue = new float[ENVS];
    private final boolean[] nextDone = new boolean[ENVS];

    GaeTest() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = (float) random.nextDouble(-1, 1);
            values[i] = (float) random.nextDouble(-2, 2);
            dones[i] = random.nextDouble() < 0.25;
        }
        for (int e = 0; e < ENVS; e++) {
            nextValue[e] = (float) random.nextDouble(-2, 2);
            nextDone[e] = e == 1;
        }
    }

    /** Whether the observation after row (t, e) began a new episode, and its value. */
    private boolean doneAfter(int t, int e) {
        return t + 1 == STEPS ? nextDone[e] : dones[(t + 1) * ENVS + e];
    }

    private double valueAfter(int t, int e) {
        return t + 1 == STEPS ? nextValue[e] : values[(t + 1) * ENVS + e];
    }

    private double delta(int t, int e, double gamma) {
        return rewards[t * ENVS + e] + (doneAfter(t, e) ? 0 : gamma * valueAfter(t, e)) - values[t * ENVS + e];
    }

    /** {@code A_t = Σ_l (γλ)^l δ_{t+l}}, the sum stopping after the step that ends the episode. */
    private double definition(int t, int e, double gamma, double lambda) {
        double sum = 0;
        double weight = 1;
        for (int k = t; k < STEPS; k++) {
            sum += weight * delta(k, e, gamma);
            if (doneAfter(k, e)) {
                break;
            }
            weight *= gamma * lambda;
        }
        return sum;
    }

    @Test
    void advantagesAreTheDiscountedSumsOfTdErrorsWithinEachEpisode() {
        for (double[] gl : new double[][] {{0.99, 0.95}, {0.9, 0.5}, {1, 1}}) {
            Gae gae = Gae.compute(rewards, values, dones, nextValue, nextDone, gl[0], gl[1]);
            for (int t = 0; t < STEPS; t++) {
                for (int e = 0; e < ENVS; e++) {
                    int i = t * ENVS + e;
                    assertEquals(definition(t, e, gl[0], gl[1]), gae.advantages()[i], 1e-5, "γ, λ " + gl[0] + ", " + gl[1]
                            + " at step " + t + " env " + e);
                    assertEquals(gae.advantages()[i] + values[i], gae.returns()[i], 1e-6);
                }
            }
        }
    }

    @Test
    void lambdaZeroIsTheTdErrorAndLambdaOneTheMonteCarloReturnMinusTheValue() {
        double gamma = 0.9;
        Gae td = Gae.compute(rewards, values, dones, nextValue, nextDone, gamma, 0);
        Gae mc = Gae.compute(rewards, values, dones, nextValue, nextDone, gamma, 1);
        for (int t = 0; t < STEPS; t++) {
            for (int e = 0; e < ENVS; e++) {
                int i = t * ENVS + e;
                assertEquals(delta(t, e, gamma), td.advantages()[i], 1e-6);
                double ret = 0;
                double discount = 1;
                int k = t;
                for (; k < STEPS; k++) {
                    ret += discount * rewards[k * ENVS + e];
                    discount *= gamma;
                    if (doneAfter(k, e)) {
                        break;
                    }
                }
                if (k == STEPS) { // the episode goes on past the rollout: bootstrap from the critic
                    ret += discount * (nextDone[e] ? 0 : nextValue[e]);
                }
                assertEquals(ret, mc.returns()[i], 1e-5, "the discounted return from step " + t + " env " + e);
            }
        }
    }

    @Test
    void aRolloutThatEndsEveryEpisodeAtOnceHasOneStepAdvantages() {
        boolean[] allDone = new boolean[STEPS * ENVS];
        java.util.Arrays.fill(allDone, true);
        boolean[] nextAllDone = {true, true, true};
        Gae gae = Gae.compute(rewards, values, allDone, nextValue, nextAllDone, 0.99, 0.95);
        float[] expected = new float[rewards.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = rewards[i] - values[i];
        }
        assertArrayEquals(expected, gae.advantages(), 1e-6f);
    }
}
