package org.jdive.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class PolicyTest {

    private static final float[] OBS = {0f};

    @Test
    void epsilonZeroIsTheGreedyPolicyItself() {
        Policy greedy = obs -> 2;
        assertSame(greedy, Policy.epsilonGreedy(greedy, 4, 0, null));
    }

    @Test
    void epsilonOneNeverAsksTheGreedyPolicyAndDrawsEveryActionEvenly() {
        Policy random = Policy.epsilonGreedy(obs -> {
            throw new AssertionError("the greedy policy was asked");
        }, 4, 1, rng(1));
        int[] counts = new int[4];
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            counts[random.act(OBS)]++;
        }
        for (int c : counts) {
            assertEquals(n / 4.0, c, 4 * Math.sqrt(n * 0.25 * 0.75), "each action a quarter of the time");
        }
    }

    @Test
    void epsilonIsTheShareOfRandomChoices() {
        int[] greedyAsked = {0};
        Policy policy = Policy.epsilonGreedy(obs -> {
            greedyAsked[0]++;
            return 3;
        }, 4, 0.2, rng(2));
        int n = 40_000;
        int threes = 0;
        for (int i = 0; i < n; i++) {
            threes += policy.act(OBS) == 3 ? 1 : 0;
        }
        assertEquals(0.8 * n, greedyAsked[0], 4 * Math.sqrt(n * 0.2 * 0.8),
                "the greedy policy acts 1 - ε of the time");
        assertEquals((0.8 + 0.2 / 4) * n, threes, 4 * Math.sqrt(n * 0.85 * 0.15),
                "its action, or a random one that is the same");
    }

    @Test
    void theSameStreamGivesTheSameActions() {
        Policy a = Policy.epsilonGreedy(obs -> 0, 6, 0.5, rng(7));
        Policy b = Policy.epsilonGreedy(obs -> 0, 6, 0.5, rng(7));
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.act(OBS), b.act(OBS));
        }
    }

    @Test
    void epsilonOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Policy.epsilonGreedy(obs -> 0, 2, 1.5, rng(0)));
        assertThrows(IllegalArgumentException.class, () -> Policy.epsilonGreedy(obs -> 0, 2, -0.1, rng(0)));
        assertThrows(IllegalArgumentException.class, () -> Policy.epsilonGreedy(obs -> 0, 2, Double.NaN, rng(0)));
    }

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }
}
