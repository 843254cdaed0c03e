package org.jdive.agents.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.agents.Policy;
import org.jdive.envs.Envs;
import org.junit.jupiter.api.Test;

class PeriodicEvaluationTest {

    /** A stand-in learner on deterministic FrozenLake whose policy becomes the shortest path after 300 steps. */
    private static final class Scripted implements Trainable {
        long steps;

        @Override
        public void train(long count) {
            steps += count;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public Policy evaluationPolicy() {
            // 4x4 shortest path: down, down, right, down, right, right (states 0, 4, 8, 9, 13, 14).
            int[] path = {1, 0, 0, 0, 1, 0, 0, 0, 2, 1, 0, 0, 0, 2, 2, 0};
            return steps >= 300 ? Policy.tabular(path) : obs -> 0;
        }
    }

    @Test
    void recordsTheCurveReportsBestsAndStopsAtTheThreshold() {
        PeriodicEvaluation evaluation = new PeriodicEvaluation(
                () -> Envs.make("FrozenLake-v1", Map.of("is_slippery", false)), 100, 3, 1.0, 0);
        List<Boolean> bests = new ArrayList<>();
        Scripted agent = new Scripted();
        PeriodicEvaluation.Outcome outcome = evaluation.run(agent, 10_000, (point, best) -> bests.add(best));
        assertTrue(outcome.reachedThreshold());
        assertEquals(300, agent.steps(), "stopped at the first evaluation that reached 1.0");
        assertEquals(List.of(true, false, true), bests);
        assertEquals(300, outcome.best().step());

        PeriodicEvaluation never = new PeriodicEvaluation(
                () -> Envs.make("FrozenLake-v1", Map.of("is_slippery", false)), 150, 1, 2.0, 0);
        PeriodicEvaluation.Outcome capped = never.run(new Scripted(), 400, (point, best) -> { });
        assertFalse(capped.reachedThreshold());
        assertEquals(List.of(150L, 300L, 400L), capped.curve().stream().map(PeriodicEvaluation.Point::step).toList());
    }
}
