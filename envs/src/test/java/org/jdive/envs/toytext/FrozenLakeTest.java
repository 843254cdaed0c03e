package org.jdive.envs.toytext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.Frame;
import org.jdive.envs.Step;
import org.jdive.envs.TabularModel;
import org.jdive.envs.Transition;
import org.junit.jupiter.api.Test;

class FrozenLakeTest {

    private static final double THIRD = 1.0 / 3.0;
    private static final int LEFT = 0;
    private static final int DOWN = 1;
    private static final int RIGHT = 2;

    private final FrozenLake slippery = new FrozenLake(FrozenLake.MAPS.get("4x4"), true);
    private final FrozenLake dry = new FrozenLake(FrozenLake.MAPS.get("4x4"), false);

    @Test
    void slipperyMovesGoTheIntendedOrAPerpendicularWayWithAThirdEach() {
        // Gymnasium's order: directions (a-1) mod 4, a, (a+1) mod 4; left from the start: up (wall), left (wall), down
        assertEquals(List.of(new Transition(THIRD, 0, 0, false), new Transition(THIRD, 0, 0, false),
                new Transition(THIRD, 4, 0, false)), slippery.transitions(0, LEFT));
        // right from (3, 2): down (wall), right onto the goal, up
        assertEquals(List.of(new Transition(THIRD, 14, 0, false), new Transition(THIRD, 15, 1, true),
                new Transition(THIRD, 10, 0, false)), slippery.transitions(14, RIGHT));
    }

    @Test
    void holesAndTheGoalAreAbsorbing() {
        for (int a = 0; a < 4; a++) {
            assertEquals(List.of(new Transition(1.0, 5, 0, true)), slippery.transitions(5, a));
            assertEquals(List.of(new Transition(1.0, 15, 0, true)), slippery.transitions(15, a));
        }
        assertEquals(List.of(new Transition(1.0, 5, 0, true)), dry.transitions(4, RIGHT));
    }

    @Test
    void everyTransitionListIsADistribution() {
        TabularModel model = slippery;
        for (int s = 0; s < model.numStates(); s++) {
            for (int a = 0; a < model.numActions(); a++) {
                double total = model.transitions(s, a).stream().mapToDouble(Transition::probability).sum();
                assertEquals(1.0, total, 1e-12, "P[" + s + "][" + a + "]");
            }
        }
        assertEquals(1.0, model.initialStateDistribution()[0]);
    }

    @Test
    void theShortestDryPathReachesTheGoalWithRewardOne() {
        dry.reset(0);
        int[] path = {DOWN, DOWN, RIGHT, RIGHT, DOWN, RIGHT};
        Step step = null;
        for (int a : path) {
            step = dry.step(a);
        }
        assertEquals(15f, step.observation()[0]);
        assertEquals(1f, step.reward());
        assertTrue(step.terminated());
        assertEquals(1.0, step.info().get("prob"));
    }

    @Test
    void slipperyStepsFollowTheirProbabilities() {
        slippery.reset(3);
        int[] counts = new int[16];
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            slippery.reset();
            counts[(int) slippery.step(LEFT).observation()[0]]++;
        }
        assertEquals(2.0 / 3.0, counts[0] / (double) n, 0.015);
        assertEquals(1.0 / 3.0, counts[4] / (double) n, 0.015);
    }

    @Test
    void timeLimitTruncatesAfterOneHundredSteps() {
        Env env = Envs.make("FrozenLake-v1", Map.of("is_slippery", false));
        env.reset(0);
        Step step = null;
        for (int i = 0; i < 100; i++) {
            step = env.step(LEFT);
            assertEquals(i == 99, step.truncated(), "step " + i);
            assertFalse(step.terminated());
        }
        assertEquals(0f, step.observation()[0]);
    }

    @Test
    void customDescIsUsedAndValidated() {
        Env env = Envs.make("FrozenLake-v1", Map.of("desc", List.of("SG"), "is_slippery", false));
        env.reset(0);
        Step step = env.step(RIGHT);
        assertEquals(1f, step.reward());
        assertTrue(step.terminated());
        assertThrows(IllegalArgumentException.class, () -> new FrozenLake(List.of("SFX"), true));
        assertThrows(IllegalArgumentException.class, () -> new FrozenLake(List.of("SF", "F"), true));
        assertThrows(IllegalArgumentException.class, () -> new FrozenLake(List.of("FG"), true));
    }

    @Test
    void randomMapsAreSeededAndAlwaysHaveAPath() {
        assertEquals(FrozenLake.generateRandomMap(8, 0.8, 5), FrozenLake.generateRandomMap(8, 0.8, 5));
        assertNotEquals(FrozenLake.generateRandomMap(8, 0.8, 5), FrozenLake.generateRandomMap(8, 0.8, 6));
        for (long seed = 0; seed < 20; seed++) {
            List<String> map = FrozenLake.generateRandomMap(6, 0.5, seed);
            assertEquals('S', map.get(0).charAt(0));
            assertEquals('G', map.get(5).charAt(5));
            assertTrue(reachesGoal(new FrozenLake(map, false)), map.toString());
        }
    }

    /** Breadth-first search over the deterministic model. */
    private static boolean reachesGoal(FrozenLake lake) {
        boolean[] seen = new boolean[lake.numStates()];
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        seen[0] = true;
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int a = 0; a < 4; a++) {
                Transition t = lake.transitions(s, a).get(0);
                if (t.reward() == 1) {
                    return true;
                }
                if (!t.terminated() && !seen[t.nextState()]) {
                    seen[t.nextState()] = true;
                    queue.add(t.nextState());
                }
            }
        }
        return false;
    }

    @Test
    void textViewHighlightsTheAgentAsGymnasium() {
        dry.reset(0);
        assertEquals("\n\u001b[41mS\u001b[0mFFF\nFHFH\nFFFH\nHFFG\n", dry.renderText());
        dry.step(DOWN);
        assertEquals("  (Down)\nSFFF\n\u001b[41mF\u001b[0mHFH\nFFFH\nHFFG\n", dry.renderText());
    }

    @Test
    void frameShowsTilesAndTheAgent() {
        dry.reset(0);
        Frame frame = dry.render();
        assertEquals(128, frame.width());
        assertEquals(128, frame.height());
        assertEquals(GridPalette.AGENT, rgbAt(frame, 16, 16));
        assertEquals(GridPalette.HOLE, rgbAt(frame, 48, 48));
        assertEquals(GridPalette.GOAL, rgbAt(frame, 100, 100));
    }

    static int rgbAt(Frame frame, int x, int y) {
        int i = (y * frame.width() + x) * 3;
        byte[] p = frame.rgb();
        return (p[i] & 0xFF) << 16 | (p[i + 1] & 0xFF) << 8 | p[i + 2] & 0xFF;
    }
}
