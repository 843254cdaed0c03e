package org.jdive.agents.onpolicy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jdive.agents.PolicyGradient;
import org.jdive.agents.onpolicy.ReinforceConfig.Baseline;
import org.jdive.core.Tensor;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.ClipAction;
import org.jdive.envs.wrappers.ClipObservation;
import org.jdive.envs.wrappers.ClipReward;
import org.jdive.envs.wrappers.NormalizeObservation;
import org.jdive.envs.wrappers.NormalizeReward;
import org.jdive.envs.wrappers.RecordEpisodeStatistics;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every policy-gradient agent checkpointed mid-experience and mid-episode goes on bit for bit. */
class ResumeTest {

    @TempDir
    Path dir;

    static Stream<Arguments> agents() {
        return Stream.of(
                Arguments.of("PPO, mid-rollout", (BiFunction<VectorEnv, Long, OnPolicyAgent>) (envs, seed) -> new Ppo(envs,
                        new PpoConfig().numSteps(16).numMinibatches(2).updateEpochs(2).totalSteps(2_000)
                                .hidden(16, 16), seed)),
                Arguments.of("A2C, mid-rollout", (BiFunction<VectorEnv, Long, OnPolicyAgent>) (envs, seed) -> new A2c(envs,
                        new A2cConfig().numEnvs(4).numSteps(7).hidden(16, 16), seed)),
                Arguments.of("REINFORCE, episodes half-played",
                        (BiFunction<VectorEnv, Long, OnPolicyAgent>) (envs, seed) -> new Reinforce(envs,
                                new ReinforceConfig().batchSteps(100).hidden(16, 16), seed)),
                Arguments.of("REINFORCE with a value baseline",
                        (BiFunction<VectorEnv, Long, OnPolicyAgent>) (envs, seed) -> new Reinforce(envs,
                                new ReinforceConfig().batchSteps(100).baseline(Baseline.VALUE).hidden(16, 16), seed)),
                Arguments.of("Gaussian PPO behind normalising wrappers",
                        (BiFunction<VectorEnv, Long, OnPolicyAgent>) (envs, seed) -> new Ppo(envs,
                                new PpoConfig().numSteps(16).numMinibatches(2).updateEpochs(2).totalSteps(2_000)
                                        .hidden(16, 16), seed)));
    }

    /** Four CartPoles, or for the Gaussian case four Pendulums wrapped as CleanRL's continuous PPO wraps them. */
    private static VectorEnv envsFor(String name) {
        if (name.startsWith("Gaussian")) {
            return new VectorEnv(ResumeTest::normalisedPendulum, 4, AutoresetMode.SAME_STEP, 1);
        }
        return Envs.makeVector("CartPole-v1", Map.of(), 4, AutoresetMode.SAME_STEP, 1);
    }

    static Env normalisedPendulum() {
        Env env = new ClipAction(new RecordEpisodeStatistics(Envs.make("Pendulum-v1")));
        env = new ClipObservation(new NormalizeObservation(env), -10, 10);
        return new ClipReward(new NormalizeReward(env, 0.99), -10, 10);
    }

    /**
     * Train N steps, checkpoint, resume in a fresh agent and envs to 2N: every episode and update reported, the
     * networks and the optimizer's state equal the uninterrupted run's bit for bit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("agents")
    void aResumedRunContinuesExactlyAsTheUninterruptedOne(String name,
                                                          BiFunction<VectorEnv, Long, OnPolicyAgent> make)
            throws IOException {
        long n = 4 * 150;
        List<String> uninterruptedEvents = new ArrayList<>();
        List<String> resumedEvents = new ArrayList<>();
        Path checkpoint = dir.resolve("checkpoint");
        try (VectorEnv e = envsFor(name); OnPolicyAgent uninterrupted = make.apply(e, 5L);
             VectorEnv e1 = envsFor(name); OnPolicyAgent firstHalf = make.apply(e1, 5L)) {
            uninterrupted.listener(recorder(uninterruptedEvents)).train(2 * n);
            firstHalf.listener(recorder(resumedEvents)).train(n);
            firstHalf.save(checkpoint);
            try (VectorEnv e2 = envsFor(name); OnPolicyAgent resumed = make.apply(e2, 5L)) {
                resumed.load(checkpoint);
                resumed.listener(recorder(resumedEvents)).train(n);
                assertEquals(uninterrupted.steps(), resumed.steps());
                assertEquals(uninterrupted.updates(), resumed.updates());
                assertTrue(uninterrupted.updates() >= 4, "updates on both sides of the checkpoint");
                assertTrue(uninterruptedEvents.size() > 10, "episodes end on both sides of the checkpoint");
                assertEquals(uninterruptedEvents, resumedEvents);
                assertSameTensors(uninterrupted.agent.stateDict(), resumed.agent.stateDict());
                assertSameTensors(uninterrupted.optimizer().stateDict(), resumed.optimizer().stateDict());
                assertArrayEquals(e.observations(), e2.observations());
            }
        }
    }

    private static void assertSameTensors(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).toFloatArray(), b.get(name).toFloatArray(), name);
        }
    }

    private static PolicyGradient.Listener recorder(List<String> events) {
        return new PolicyGradient.Listener() {
            @Override
            public void onEpisode(long step, int env, double episodeReturn, int length) {
                events.add(step + ":" + env + ":" + episodeReturn + ":" + length);
            }

            @Override
            public void onUpdate(long step, Map<String, Double> stats) {
                events.add("update " + step + " " + stats);
            }
        };
    }
}
