package org.jdive.agents.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.core.backend.Backends;
import org.jdive.envs.Envs;
import org.jdive.envs.TabularModel;
import org.junit.jupiter.api.Test;

class TensorValueIterationTest {

    private static void assertSameAsTables(TabularModel model, double gamma, TensorValueIteration.Form form) {
        Mdp mdp = Mdp.of(model);
        TabularSnapshot tables = new ValueIteration(mdp, gamma).run(60, 0);
        List<TabularSnapshot> sweeps = new ArrayList<>();
        try (TensorValueIteration tensors = new TensorValueIteration(mdp, gamma, form, Backends.cpu())) {
            TabularSnapshot result = tensors.run(60, 0, sweeps::add);
            assertEquals(60, result.iteration());
            assertEquals(60, sweeps.size());
            assertArrayEquals(tables.values(), result.values(), 1e-5, form + " values equal the table version's");
            for (int s = 0; s < mdp.numStates(); s++) {
                assertArrayEquals(tables.q()[s], result.q()[s], 1e-5, form + " Q of state " + s);
            }
        }
    }

    @Test
    void denseAndSparseSweepsEqualTheTableVersionOnFrozenLake() {
        TabularModel lake = (TabularModel) Envs.make("FrozenLake8x8-v1").unwrapped();
        assertSameAsTables(lake, 0.99, TensorValueIteration.Form.DENSE);
        assertSameAsTables(lake, 0.99, TensorValueIteration.Form.SPARSE);
    }

    @Test
    void sparseSweepsEqualTheTableVersionOnTaxiAndCliffWalkingAndAGeneratedGrid() {
        assertSameAsTables((TabularModel) Envs.make("Taxi-v3").unwrapped(), 0.95, TensorValueIteration.Form.SPARSE);
        assertSameAsTables((TabularModel) Envs.make("CliffWalking-v1", Map.of("is_slippery", true)).unwrapped(), 0.9,
                TensorValueIteration.Form.SPARSE);
        assertSameAsTables(new GeneratedGridworld(24, 40, 0.1, 0.2, 3), 0.99, TensorValueIteration.Form.SPARSE);
    }

    @Test
    void autoPicksDenseForSmallAndSparseForLargeModels() {
        assertEquals(TensorValueIteration.Form.DENSE,
                TensorValueIteration.Form.auto(Mdp.of(Envs.make("FrozenLake8x8-v1"))));
        assertEquals(TensorValueIteration.Form.SPARSE,
                TensorValueIteration.Form.auto(Mdp.of(new GeneratedGridworld(80, 80, 0.1, 0.2, 0))));
    }

    @Test
    void generatedGridworldIsAValidModelWithAReachableGoal() {
        GeneratedGridworld grid = new GeneratedGridworld(16, 16, 0.1, 0.0, 5);
        Mdp mdp = Mdp.of(grid);
        TabularSnapshot plan = new ValueIteration(mdp, 1.0).run(10_000, 1e-12);
        // Without slipping the goal is reached for sure if a hole-free path exists; 30 steps at the least.
        double[] v = plan.values();
        assertEquals(1.0, v[0], 1e-12);
        assertEquals(0.0, new ValueIteration(mdp, 1.0).run(29, 0).values()[0], 0.0, "no path shorter than 30 steps");
    }
}
