package org.jdive.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.agents.replay.Batch;
import org.jdive.agents.replay.ObservationStorage;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.api.Test;

class DqnTest {

    private static VectorEnv cartPoles(int n) {
        return Envs.makeVector("CartPole-v1", Map.of(), n, AutoresetMode.SAME_STEP, 1);
    }

    private static float[] flat(Module m) {
        List<Float> all = new ArrayList<>();
        for (Tensor t : m.stateDict().values()) {
            for (float v : t.toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void qValuesAreTheOnlineNetworksOutputAndTheGreedyPolicyTakesTheirArgmax() {
        DqnConfig config = new DqnConfig().learningStarts(64).batchSize(32).trainFrequency(1);
        try (VectorEnv envs = cartPoles(1); Dqn dqn = new Dqn(envs, config, 5)) {
            dqn.train(200);
            float[] obs = {0.02f, -0.3f, 0.05f, 0.4f};
            float[] q = dqn.qValues(obs);
            float[] direct;
            try (NoGrad n = NoGrad.open(); Scope s = Scope.open()) {
                direct = dqn.onlineNetwork().forward(Tensor.of(obs, 1, 4)).toFloatArray();
            }
            assertArrayEquals(direct, q);
            assertEquals(q[0] >= q[1] ? 0 : 1, dqn.greedyPolicy().act(obs));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> dqn.qValues(new float[3]));
            assertTrue(e.getMessage().contains("4 numbers"), e.getMessage());
        }
    }

    @Test
    void minAtarsNetworkTakesItsGridsChannelsFirstAndQValuesRearrangeTheEnvsObservation() {
        DqnConfig config = DqnConfig.minAtar().learningStarts(40).bufferSize(1_000);
        try (VectorEnv envs = Envs.makeVector("MinAtar/Breakout-v1", Map.of(), 1, AutoresetMode.SAME_STEP, 1);
             Dqn dqn = new Dqn(envs, config, 3)) {
            dqn.train(1);
            float[] obs = envs.observations().clone(); // [10, 10, 4], channel-last
            float[] rearranged = new float[400];
            InputLayout.channelsFirst(10, 10, 4).copy(obs, 0, rearranged, 0, 400);
            assertEquals(obs[(3 * 10 + 7) * 4 + 2], rearranged[(2 * 10 + 3) * 10 + 7]); // (h 3, w 7, c 2)
            // The replay buffer holds grids as the network takes them: its one transition ends in the rearranged grid.
            Batch batch = new Batch(4, 400);
            dqn.replayBuffer().sample(batch, Rng.split(1, "test"));
            assertArrayEquals(rearranged, java.util.Arrays.copyOf(batch.nextObservations(), 400));
            assertEquals(ObservationStorage.INT8, dqn.replayBuffer().storage(), "binary grids are kept as bytes");

            dqn.train(59);
            obs = envs.observations().clone();
            float[] expected;
            try (NoGrad n = NoGrad.open(); Scope s = Scope.open()) {
                Tensor channelsFirst = Tensor.of(obs, 1, 10, 10, 4).permute(0, 3, 1, 2).reshape(1, 400);
                expected = dqn.onlineNetwork().forward(channelsFirst).toFloatArray();
            }
            assertArrayEquals(expected, dqn.qValues(obs));
        }
    }

    @Test
    void targetStartsAsACopyAndFollowsByHardCopyOrPolyak() {
        DqnConfig hard = new DqnConfig().learningStarts(64).batchSize(32).trainFrequency(1).targetUpdateInterval(300);
        try (VectorEnv envs = cartPoles(1); Dqn dqn = new Dqn(envs, hard, 3)) {
            assertArrayEquals(flat(dqn.onlineNetwork()), flat(dqn.targetNetwork()));
            float[] before = flat(dqn.targetNetwork());
            dqn.train(299);
            assertArrayEquals(before, flat(dqn.targetNetwork()), "no copy before step 300");
            assertEquals(299 - 64, dqn.updates());
            dqn.train(1);
            assertArrayEquals(flat(dqn.onlineNetwork()), flat(dqn.targetNetwork()), "a hard copy at step 300");
        }
        double tau = 0.1;
        DqnConfig polyak = new DqnConfig().learningStarts(64).batchSize(32).trainFrequency(2).targetUpdateInterval(1)
                .tau(tau);
        try (VectorEnv envs = cartPoles(1); Dqn dqn = new Dqn(envs, polyak, 3)) {
            dqn.train(100);
            float[] target = flat(dqn.targetNetwork());
            dqn.train(1); // an odd step: no gradient step, one Polyak update
            float[] online = flat(dqn.onlineNetwork());
            float[] after = flat(dqn.targetNetwork());
            for (int i = 0; i < after.length; i++) {
                assertEquals(target[i] + tau * (online[i] - target[i]), after[i], 1e-6);
            }
        }
    }

    @Test
    void duelingHeadCentresTheAdvantages() {
        try (DuelingHead head = new DuelingHead(5, 3, Rng.seeded(2));
             NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            Tensor features = Tensor.randn(Rng.seeded(4), 4, 5);
            float[] q = head.forward(features).toFloatArray();
            Module value = head.children().get("value");
            Module advantage = head.children().get("advantage");
            float[] v = value.forward(features).toFloatArray();
            float[] a = advantage.forward(features).toFloatArray();
            for (int b = 0; b < 4; b++) {
                double meanA = (a[3 * b] + a[3 * b + 1] + a[3 * b + 2]) / 3.0;
                double meanQ = (q[3 * b] + q[3 * b + 1] + q[3 * b + 2]) / 3.0;
                assertEquals(v[b], meanQ, 1e-5, "V is the mean of Q over actions");
                for (int k = 0; k < 3; k++) {
                    assertEquals(v[b] + a[3 * b + k] - meanA, q[3 * b + k], 1e-5);
                }
            }
        }
    }

    @Test
    void everyOptionTrainsOnVectorEnvsAndMinAtar() {
        DqnConfig all = new DqnConfig().numEnvs(4).learningStarts(100).batchSize(16).trainFrequency(1)
                .doubleDqn(true).dueling(true).nSteps(3).prioritized(0.6, 0.4, 1_000).tau(0.5)
                .targetUpdateInterval(8).maxGradNorm(10).loss(DqnConfig.Loss.HUBER).rmsPropCentered(0.95f, 0.01f);
        List<Float> losses = new ArrayList<>();
        int[] episodes = {0};
        try (VectorEnv envs = cartPoles(4); Dqn dqn = new Dqn(envs, all, 5)) {
            dqn.listener(new DqnListener() {
                @Override
                public void onEpisode(long step, int env, double episodeReturn, int length) {
                    episodes[0]++;
                    assertEquals(length, episodeReturn, 1e-9, "CartPole pays 1 per step");
                }

                @Override
                public void onUpdate(long step, float loss, double epsilon) {
                    losses.add(loss);
                }
            }).train(400);
            assertEquals(400, dqn.steps());
            assertEquals(75, dqn.updates(), "one update per vector step once past 100 steps");
        }
        assertTrue(episodes[0] > 4, "random play ends episodes");
        assertTrue(losses.stream().allMatch(Float::isFinite));

        DqnConfig minAtar = DqnConfig.minAtar().learningStarts(50).bufferSize(1_000).dueling(true);
        try (VectorEnv envs = Envs.makeVector("MinAtar/Breakout-v1", Map.of(), 1, AutoresetMode.SAME_STEP, 1);
             Dqn dqn = new Dqn(envs, minAtar, 5)) {
            dqn.train(80);
            assertEquals(30, dqn.updates());
            assertEquals(List.of(10, 10, 4), java.util.Arrays.stream(dqn.observationShape()).boxed().toList());
        }
    }

    @Test
    void theSameSeedGivesTheSameNetworkWhateverTheNumberOfEnvThreads() {
        DqnConfig config = new DqnConfig().numEnvs(4).learningStarts(100).batchSize(32).trainFrequency(1)
                .targetUpdateInterval(50).doubleDqn(true);
        float[][] weights = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            try (VectorEnv envs = Envs.makeVector("CartPole-v1", Map.of(), 4, AutoresetMode.SAME_STEP, threads);
                 Dqn dqn = new Dqn(envs, config, 21)) {
                dqn.train(400);
                weights[threads - 1] = flat(dqn.onlineNetwork());
            }
        }
        assertArrayEquals(weights[0], weights[1]);
    }

    @Test
    void badSetUpsAreExplained() {
        try (VectorEnv nextStep = Envs.makeVector("CartPole-v1", Map.of(), 1, AutoresetMode.NEXT_STEP, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Dqn(nextStep, new DqnConfig(), 0));
            assertTrue(e.getMessage().contains("Envs.makeVector(id, n, AutoresetMode.SAME_STEP)"), e.getMessage());
        }
        try (VectorEnv envs = cartPoles(2)) {
            assertThrows(IllegalArgumentException.class, () -> new Dqn(envs, new DqnConfig(), 0), "numEnvs mismatch");
            assertThrows(IllegalArgumentException.class, () -> new Dqn(envs, new DqnConfig().numEnvs(2).tau(0), 0));
            assertThrows(IllegalArgumentException.class, () -> new Dqn(envs, new DqnConfig().numEnvs(2).gamma(2), 0));
        }
    }
}
