package org.jdive.cli.play;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jdive.agents.Actor;
import org.jdive.agents.kinds.RlKeys;
import org.jdive.agents.tabular.Mdp;
import org.jdive.agents.tabular.TabularSnapshot;
import org.jdive.agents.tabular.ValueIteration;
import org.jdive.envs.Envs;
import org.jdive.rendering.overlay.StateValues;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;
import org.jdive.engine.train.Trainer;
import org.junit.jupiter.api.Test;

class AgentOverlaysTest {

    @Test
    void stateValuesAreTheSnapshotsValuesAndGreedyActionsWithoutArrowsWhereActionsTie() {
        double[][] q = {{0.5, 0.25, 0.5, 0.1}, {0, 0, 0, 0}, {-1, -2, -0.5, -3}};
        TabularSnapshot snapshot = new TabularSnapshot(7, q, new double[] {0.5, 0, -0.5}, new int[] {0, 0, 2});
        StateValues shown = AgentOverlays.stateValues(snapshot, "after 7 episodes");
        assertArrayEquals(new float[] {0.5f, 0f, -0.5f}, shown.values());
        assertArrayEquals(new int[] {0, -1, 2}, shown.policy(), "state 1 has no preferred action, so no arrow");
        assertEquals("after 7 episodes", shown.label());
    }

    @Test
    void realValueIterationSnapshotsPassThroughUnchanged() {
        var env = Envs.make("FrozenLake-v1");
        TabularSnapshot converged = new ValueIteration(Mdp.of(env), 0.95).run(1000, 1e-10);
        StateValues shown = AgentOverlays.stateValues(converged, "");
        for (int s = 0; s < converged.values().length; s++) {
            assertEquals((float) converged.values()[s], shown.values()[s], "V of state " + s);
            boolean terminal = converged.values()[s] == 0;   // holes and the goal: every action is worth 0
            assertEquals(terminal ? -1 : converged.policy()[s], shown.policy()[s], "arrow of state " + s);
        }
    }

    @Test
    void plannerSweepsStartAtZeroAndEndAtTheConvergedTables() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("../scenarios/frozenlake-vi.yaml"), List.of());
        try (Trainer planner = scenario.kind().create(scenario)) {
            Actor actor = (Actor) planner;
            List<StateValues> sweeps = AgentOverlays.planSweeps(planner, actor, 5, "sweeps");
            assertEquals(5, sweeps.size());
            assertEquals("after 0 sweeps", sweeps.get(0).label());
            assertEquals("after 3 sweeps", sweeps.get(3).label());
            for (float v : sweeps.get(0).values()) {
                assertEquals(0f, v);
            }
            TabularSnapshot last = actor.tables().orElseThrow();
            assertEquals("after " + last.iteration() + " sweeps", sweeps.get(4).label());
            assertArrayEquals(AgentOverlays.stateValues(last, "").values(), sweeps.get(4).values());
            assertFalse(sweeps.get(1).values()[14] == sweeps.get(4).values()[14], "values change between sweeps");
            assertThrows(IllegalArgumentException.class, () -> AgentOverlays.planSweeps(planner, actor, 1, "sweeps"));
        }
    }

    @Test
    void policyIterationIsShownIterationByIterationUntilItsPolicyIsStable() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("../scenarios/frozenlake-pi.yaml"), List.of());
        try (Trainer planner = scenario.kind().create(scenario)) {
            Actor actor = (Actor) planner;
            List<StateValues> iterations = AgentOverlays.planSweeps(planner, actor, 100, "iterations");
            TabularSnapshot last = actor.tables().orElseThrow();
            assertEquals(last.iteration() + 1, iterations.size(), "every iteration is shown, from before the first");
            assertTrue(last.iteration() < 20, "policy iteration is stable after a few iterations, not " + last.iteration());
            assertEquals("after 1 iterations", iterations.get(1).label());
            TabularSnapshot optimum = new ValueIteration(Mdp.of(RlKeys.makeEnv(scenario)), 0.99).run(100_000, 1e-12);
            assertArrayEquals(optimum.values(), last.values(), 1e-6, "the stable policy's values are the optimal ones");
            assertArrayEquals(AgentOverlays.stateValues(last, "").policy(), iterations.getLast().policy());
        }
    }
}