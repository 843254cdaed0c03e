package org.jdive.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A population member learns exactly as a single DQN with its seed, and a population resumes exactly. */
class DqnPopulationTest {

    private static final long[] SEEDS = {11, 12, 13};

    @TempDir
    Path dir;

    /** CartPole with a small MLP; learning starts early and updates often, so that thousands of updates are compared. */
    private static DqnConfig config() {
        return new DqnConfig().numEnvs(2).hidden(32, 32).learningRate(2e-3f).batchSize(32).learningStarts(200)
                .trainFrequency(2).gradientSteps(2).targetUpdateInterval(100).bufferSize(4_000)
                .exploration(1.0, 0.05, 1_500);
    }

    private static VectorEnv envs(DqnConfig config) {
        return Envs.makeVector("CartPole-v1", Map.of(), config.numEnvs(), AutoresetMode.SAME_STEP, 1);
    }

    private static List<VectorEnv> envsPerMember(DqnConfig config) {
        List<VectorEnv> envs = new ArrayList<>();
        for (long ignored : SEEDS) {
            envs.add(envs(config));
        }
        return envs;
    }

    @Test
    void eachMemberEqualsASingleRunWithItsSeed() {
        assertMembersEqualSingleRuns(config(), 3_000);
    }

    @Test
    void doubleDuelingNStepMembersEqualSingleRuns() {
        assertMembersEqualSingleRuns(config().doubleDqn(true).dueling(true).nSteps(3).tau(0.5), 1_200);
    }

    @Test
    void prioritizedMseMembersEqualSingleRuns() {
        assertMembersEqualSingleRuns(config().numEnvs(1).prioritized(0.6, 0.4, 2_000).loss(DqnConfig.Loss.MSE), 1_500);
    }

    private static void assertMembersEqualSingleRuns(DqnConfig config, long steps) {
        List<List<String>> memberEvents = new ArrayList<>();
        List<VectorEnv> envs = envsPerMember(config);
        try (DqnPopulation population = new DqnPopulation(envs, config, SEEDS)) {
            for (int i = 0; i < SEEDS.length; i++) {
                memberEvents.add(new ArrayList<>());
                population.listener(i, recorder(memberEvents.get(i)));
            }
            population.train(steps);
            for (int i = 0; i < SEEDS.length; i++) {
                List<String> singleEvents = new ArrayList<>();
                try (VectorEnv e = envs(config); Dqn single = new Dqn(e, config, SEEDS[i]);
                     Module member = population.onlineNetwork(i)) {
                    single.listener(recorder(singleEvents)).train(steps);
                    assertTrue(singleEvents.stream().filter(s -> s.startsWith("update")).count() > 400,
                            "the runs compare many updates");
                    assertEquals(singleEvents, memberEvents.get(i), "member " + i);
                    assertSameTensors(single.onlineNetwork().stateDict(), member.stateDict());
                    assertArrayEquals(single.qValues(new float[] {0.1f, -0.2f, 0.03f, 0.4f}),
                            population.qValues(i, new float[] {0.1f, -0.2f, 0.03f, 0.4f}));
                }
            }
        } finally {
            envs.forEach(VectorEnv::close);
        }
    }

    /** A sweep of learning rates as one population: member i equals the single run with its seed and rate. */
    @Test
    void membersWithTheirOwnLearningRatesEqualSingleRuns() {
        DqnConfig config = config().doubleDqn(true);
        float[] rates = {1e-3f, 3e-3f, 5e-4f};
        List<List<String>> memberEvents = new ArrayList<>();
        List<VectorEnv> envs = envsPerMember(config);
        try (DqnPopulation population = new DqnPopulation(envs, config, SEEDS, rates)) {
            for (int i = 0; i < SEEDS.length; i++) {
                memberEvents.add(new ArrayList<>());
                population.listener(i, recorder(memberEvents.get(i)));
            }
            population.train(1_500);
            for (int i = 0; i < SEEDS.length; i++) {
                List<String> singleEvents = new ArrayList<>();
                DqnConfig own = config().doubleDqn(true).learningRate(rates[i]);
                try (VectorEnv e = envs(own); Dqn single = new Dqn(e, own, SEEDS[i]);
                     Module member = population.onlineNetwork(i)) {
                    single.listener(recorder(singleEvents)).train(1_500);
                    assertEquals(singleEvents, memberEvents.get(i), "member " + i + " with learning rate " + rates[i]);
                    assertSameTensors(single.onlineNetwork().stateDict(), member.stateDict());
                }
            }
            assertThrows(IllegalArgumentException.class,
                    () -> new DqnPopulation(envs, config, SEEDS, new float[] {1e-3f, 1e-3f}));
        } finally {
            envs.forEach(VectorEnv::close);
        }
    }

    /**
     * Train N steps, checkpoint, resume in a fresh population to 2N: every member's events and networks equal the
     * uninterrupted run's; and a member's folder is an ordinary DQN checkpoint that a single run with its seed
     * resumes from, continuing as the member does.
     */
    @Test
    void aResumedPopulationContinuesExactlyAndItsMembersAreOrdinaryCheckpoints() throws IOException {
        DqnConfig config = config().nSteps(2);
        long n = 702;
        Path checkpoint = dir.resolve("population");
        List<String> uninterrupted = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        List<String> single = new ArrayList<>();
        List<VectorEnv> envs = new ArrayList<>();
        try (DqnPopulation whole = new DqnPopulation(track(envs, envsPerMember(config)), config, SEEDS);
             DqnPopulation firstHalf = new DqnPopulation(track(envs, envsPerMember(config)), config, SEEDS)) {
            whole.listener(1, recorder(uninterrupted)).train(2 * n);
            firstHalf.listener(1, recorder(resumed)).train(n);
            firstHalf.save(checkpoint);
            try (DqnPopulation secondHalf = new DqnPopulation(track(envs, envsPerMember(config)), config, SEEDS);
                 VectorEnv e = envs(config); Dqn member = new Dqn(e, config, SEEDS[1])) {
                secondHalf.load(checkpoint);
                secondHalf.listener(1, recorder(resumed)).train(n);
                member.load(checkpoint.resolve(DqnPopulation.memberFolder(1)));
                member.listener(recorder(single)).train(n);
                assertEquals(whole.steps(), secondHalf.steps());
                assertEquals(whole.updates(), secondHalf.updates());
                assertTrue(uninterrupted.size() > 200, "episodes and updates on both sides of the checkpoint");
                assertEquals(uninterrupted, resumed);
                assertEquals(uninterrupted.subList(uninterrupted.size() - single.size(), uninterrupted.size()), single);
                assertSameTensors(whole.onlineNetworks().stateDict(), secondHalf.onlineNetworks().stateDict());
                try (Module one = whole.onlineNetwork(1)) {
                    assertSameTensors(one.stateDict(), member.onlineNetwork().stateDict());
                }
            }
        } finally {
            envs.forEach(VectorEnv::close);
        }
    }

    @Test
    void whatAPopulationDoesNotBatchYetIsRefusedByName() {
        List<VectorEnv> envs = envsPerMember(config());
        try {
            for (DqnConfig config : List.of(config().maxGradNorm(10), config().rmsPropCentered(0.95f, 0.01f))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> new DqnPopulation(envs, config, SEEDS));
                assertTrue(e.getMessage().contains("max_grad_norm") || e.getMessage().contains("Adam"), e.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> new DqnPopulation(envs, config(), new long[] {1, 2}));
        } finally {
            envs.forEach(VectorEnv::close);
        }
    }

    private static List<VectorEnv> track(List<VectorEnv> all, List<VectorEnv> some) {
        all.addAll(some);
        return some;
    }

    private static void assertSameTensors(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).toFloatArray(), b.get(name).toFloatArray(), 0f, name);
        }
    }

    private static DqnListener recorder(List<String> events) {
        return new DqnListener() {
            @Override
            public void onEpisode(long step, int env, double episodeReturn, int length) {
                events.add(step + ":" + env + ":" + episodeReturn + ":" + length);
            }

            @Override
            public void onUpdate(long step, float loss, double epsilon) {
                events.add("update " + step + " " + Float.floatToIntBits(loss));
            }
        };
    }
}
