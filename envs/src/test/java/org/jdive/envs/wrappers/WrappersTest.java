package org.jdive.envs.wrappers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.envs.EchoEnv;
import org.jdive.envs.EnvChecker;
import org.jdive.envs.Envs;
import org.jdive.envs.Step;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.toytext.FrozenLake;
import org.junit.jupiter.api.Test;

class WrappersTest {

    @Test
    void timeLimitTruncatesWithoutTerminating() {
        TimeLimit env = new TimeLimit(new EchoEnv(10), 3);
        env.reset(0);
        assertFalse(env.step(1).truncated());
        assertFalse(env.step(1).truncated());
        Step third = env.step(1);
        assertTrue(third.truncated());
        assertFalse(third.terminated());
        env.reset();
        assertEquals(0, env.elapsedSteps());
        assertFalse(env.lastTruncated());
    }

    @Test
    void timeLimitKeepsTerminationWhenBothHappen() {
        TimeLimit env = new TimeLimit(new EchoEnv(2), 2);
        env.reset(0);
        env.step(0);
        Step last = env.step(0);
        assertTrue(last.terminated());
        assertTrue(last.truncated());
    }

    @Test
    void recordEpisodeStatisticsReportsReturnAndLengthAtTheEnd() {
        RecordEpisodeStatistics env = new RecordEpisodeStatistics(new EchoEnv(3));
        env.reset(0);
        assertNull(env.step(2).info().get(RecordEpisodeStatistics.EPISODE));
        env.step(3);
        Step last = env.step(1);
        assertEquals(Map.of("r", 6.0, "l", 3), last.info().get(RecordEpisodeStatistics.EPISODE));
        env.reset();
        env.step(1);
        env.step(1);
        env.step(1);
        assertEquals(List.of(6.0, 3.0), env.returns());
        assertEquals(List.of(3, 3), env.lengths());
    }

    @Test
    void frameStackKeepsTheLastFramesOldestFirstPaddedWithTheReset() {
        FrameStack env = new FrameStack(new EchoEnv(10), 3);
        assertArrayEquals(new int[] {3, 3}, env.observationSpace().shape());
        float[] first = env.reset(0).observation();
        float start = first[2];
        assertArrayEquals(new float[] {-1, 0, start, -1, 0, start, -1, 0, start}, first);
        env.step(2);
        float[] obs = env.step(3).observation();
        assertArrayEquals(new float[] {-1, 0, start, 2, 1, start, 3, 2, start}, obs);
        obs = env.step(1).observation();
        assertArrayEquals(new float[] {2, 1, start, 3, 2, start, 1, 3, start}, obs);
        assertThrows(IllegalArgumentException.class, () -> new FrameStack(new FrozenLake(FrozenLake.MAPS.get("4x4"), true), 2));
    }

    @Test
    void normalizeObservationUsesGymnasiumsRunningMeanAndVariance() {
        NormalizeObservation env = new NormalizeObservation(new EchoEnv(10));
        float[] first = env.reset(0).observation();
        double count = 1e-4;
        double mean = 0;
        double var = 1;
        List<Double> xs = new ArrayList<>(List.of(-1.0, 2.0, 0.0, 3.0));
        float[] lastObs = first;
        for (int i = 0; i < xs.size(); i++) {
            double x = xs.get(i);
            double delta = x - mean;
            double total = count + 1;
            mean += delta / total;
            var = (var * count + delta * delta * count / total) / total;
            count = total;
            float expected = (float) ((x - mean) / Math.sqrt(var + 1e-8));
            assertEquals(expected, lastObs[0], 1e-6f, "observation " + i);
            if (i + 1 < xs.size()) {
                lastObs = env.step((int) (double) xs.get(i + 1)).observation();
            }
        }
        assertEquals(mean, env.mean()[0], 1e-12);
        assertTrue(env.observationSpace() instanceof Box);
    }

    @Test
    void clipRewardClipsIntoTheRange() {
        ClipReward env = new ClipReward(new EchoEnv(10), -1, 1);
        env.reset(0);
        assertEquals(1f, env.step(3).reward());
        assertEquals(0f, env.step(0).reward());
    }

    @Test
    void stickyActionsRepeatThePreviousActionWithTheGivenProbability() {
        StickyActions env = new StickyActions(new EchoEnv(1_000_000), 0.25);
        env.reset(5);
        int repeats = 0;
        int n = 20_000;
        int previous = env.step(0).observation()[0] == 0 ? 0 : -1;
        for (int i = 1; i < n; i++) {
            int wanted = i % 4;
            int taken = (int) env.step(wanted).observation()[0];
            if (taken != wanted) {
                assertEquals(previous, taken, "a sticky step repeats the previous action");
                repeats++;
            }
            previous = taken;
        }
        // a repeat is only visible when it differs from the wanted action: here always
        assertEquals(0.25, repeats / (double) (n - 1), 0.015);
    }

    @Test
    void stickyActionsAreSeeded() {
        StickyActions a = new StickyActions(new EchoEnv(1000), 0.5);
        StickyActions b = new StickyActions(new EchoEnv(1000), 0.5);
        a.reset(9);
        b.reset(9);
        List<Float> takenA = new ArrayList<>();
        List<Float> takenB = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            takenA.add(a.step(i % 4).observation()[0]);
            takenB.add(b.step(i % 4).observation()[0]);
        }
        assertEquals(takenA, takenB);
        b.reset(10);
        List<Float> other = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            other.add(b.step(i % 4).observation()[0]);
        }
        assertNotEquals(takenA, other);
    }

    @Test
    void everyWrapperPassesTheChecker() {
        EnvChecker.check(new RecordEpisodeStatistics(Envs.make("CartPole-v1")));
        EnvChecker.check(new FrameStack(Envs.make("Acrobot-v1"), 4));
        NormalizeObservation normalized = new NormalizeObservation(Envs.make("MountainCar-v0"));
        normalized.setUpdating(false); // running statistics carry over between episodes: frozen, resets repeat
        EnvChecker.check(normalized);
        EnvChecker.check(new ClipReward(Envs.make("CliffWalking-v1"), -1, 1));
        EnvChecker.check(new StickyActions(Envs.make("Taxi-v3"), 0.25));
    }
}
