package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.agents.dqn.Dqn;
import org.jdive.agents.dqn.DqnConfig;
import org.jdive.agents.dqn.DqnListener;
import org.jdive.agents.dqn.DqnPopulation;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DQN trains on every backend as on the CPU backend: a few hundred CartPole steps with an update every step
 * give the CPU backend's losses within float32 tolerance. Exploration stays at 1, so the envs see the same
 * actions on both backends and any difference comes from the tensor math alone. A population's members match
 * single CPU runs the same way.
 */
class DqnBackendsTest {

    private static DqnConfig config() {
        return new DqnConfig().numEnvs(2).exploration(1.0, 1.0, 1).learningStarts(100).trainFrequency(1)
                .batchSize(32).bufferSize(1_000).targetUpdateInterval(40).hidden(32, 32).doubleDqn(true)
                .maxGradNorm(10f);
    }

    /** The loss of every update of a short run with {@code backend} as the default backend. */
    private static float[] losses(Backend backend, DqnConfig config, int updates) {
        return losses(backend, config, updates, 3);
    }

    private static float[] losses(Backend backend, DqnConfig config, int updates, long seed) {
        Backend before = Backends.getDefault();
        Backends.setDefault(backend);
        List<Float> losses = new ArrayList<>();
        try (VectorEnv envs = Envs.makeVector("CartPole-v1", Map.of(), 2, AutoresetMode.SAME_STEP, 1);
             Dqn dqn = new Dqn(envs, config, seed)) {
            dqn.listener(new DqnListener() {
                @Override
                public void onUpdate(long step, float loss, double epsilon) {
                    losses.add(loss);
                }
            });
            dqn.train(100 + 2L * updates);
        } finally {
            Backends.setDefault(before);
        }
        return toArray(losses);
    }

    private static float[] toArray(List<Float> values) {
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    /** Each member's loss of every update of a short population run with {@code backend} as the default backend. */
    private static List<float[]> memberLosses(Backend backend, DqnConfig config, int updates, long[] seeds) {
        Backend before = Backends.getDefault();
        Backends.setDefault(backend);
        List<List<Float>> losses = new ArrayList<>();
        List<VectorEnv> envs = new ArrayList<>();
        for (long ignored : seeds) {
            envs.add(Envs.makeVector("CartPole-v1", Map.of(), 2, AutoresetMode.SAME_STEP, 1));
        }
        try (DqnPopulation population = new DqnPopulation(envs, config, seeds)) {
            for (int i = 0; i < seeds.length; i++) {
                List<Float> member = new ArrayList<>();
                losses.add(member);
                population.listener(i, new DqnListener() {
                    @Override
                    public void onUpdate(long step, float loss, double epsilon) {
                        member.add(loss);
                    }
                });
            }
            population.train(100 + 2L * updates);
        } finally {
            envs.forEach(VectorEnv::close);
            Backends.setDefault(before);
        }
        return losses.stream().map(DqnBackendsTest::toArray).toList();
    }

    /**
     * A population of three on every backend: each member's losses are those of a single run with its seed on the CPU
     * backend (bit for bit on cpu, within float32 tolerance elsewhere).
     */
    @ParameterizedTest
    @CsvSource({"cpu, 60", "opencl, 150", "djl, 20"})
    void populationMembersMatchSingleCpuRuns(String name, int updates) {
        Backend backend = name.equals("cpu") ? Backends.cpu() : Available.backend(name);
        long[] seeds = {3, 4, 5};
        DqnConfig config = config().maxGradNorm(0).dueling(true).nSteps(2);
        List<float[]> actual = memberLosses(backend, config, updates, seeds);
        for (int m = 0; m < seeds.length; m++) {
            float[] expected = losses(Backends.cpu(), config, updates, seeds[m]);
            assertEquals(updates, expected.length);
            assertEquals(expected.length, actual.get(m).length);
            for (int i = 0; i < expected.length; i++) {
                float a = actual.get(m)[i];
                float tolerance = name.equals("cpu") ? 0f : 1e-3f * Math.max(1f, Math.abs(expected[i]));
                if (!(Math.abs(a - expected[i]) <= tolerance)) {
                    fail(name + ": member " + m + "'s loss of update " + i + " is " + a + ", the CPU single run's "
                            + expected[i]);
                }
            }
        }
    }

    /** Fewer updates on djl, whose per-op cost (a JNI call and a native tensor per op) dominates the suite's time. */
    @ParameterizedTest
    @CsvSource({"opencl, 250", "djl, 25"})
    void lossesMatchTheCpuBackend(String name, int updates) {
        Backend backend = Available.backend(name);
        for (DqnConfig config : List.of(config(), config().dueling(true).nSteps(3).prioritized(0.6, 0.4, 1_000))) {
            float[] expected = losses(Backends.cpu(), config, updates);
            long start = System.nanoTime();
            float[] actual = losses(backend, config, updates);
            System.out.printf("%s: %d updates in %.1f s%n", name, updates, (System.nanoTime() - start) / 1e9);
            assertEquals(updates, expected.length);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertTrue(Float.isFinite(actual[i]), name + ": update " + i + " has loss " + actual[i]);
                float tolerance = 1e-3f * Math.max(1f, Math.abs(expected[i]));
                if (Math.abs(actual[i] - expected[i]) > tolerance) {
                    fail(name + ": the loss of update " + i + " is " + actual[i] + ", the CPU backend's " + expected[i]);
                }
            }
        }
    }
}
