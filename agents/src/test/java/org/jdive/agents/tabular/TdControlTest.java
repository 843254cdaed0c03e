package org.jdive.agents.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdive.agents.Policy;
import org.jdive.agents.eval.Evaluation;
import org.jdive.agents.eval.EvaluationResult;
import org.jdive.agents.explore.EpsilonSchedule;
import org.jdive.core.Rng;
import org.jdive.envs.Env;
import org.jdive.envs.Envs;
import org.jdive.envs.toytext.CliffWalking;
import org.junit.jupiter.api.Test;

class TdControlTest {

    private static TdControl learner(Env env, TdRule rule, double alpha, double gamma, EpsilonSchedule epsilon) {
        return new TdControl(env, new TdControl.Settings(rule, alpha, gamma, epsilon), Rng.split(7, "explore"));
    }

    @Test
    void d2lQLearningFindsTheOptimalPathOnDeterministicFrozenLake() {
        Env env = Envs.make("FrozenLake-v1", Map.of("is_slippery", false));
        TdControl agent = learner(env, TdRule.Q_LEARNING, 0.9, 0.95, EpsilonSchedule.constant(0.9));
        List<Double> returns = new ArrayList<>();
        TabularSnapshot tables = agent.train(256, 0, (ret, length, eps, snapshot) -> returns.add(ret));
        assertEquals(256, returns.size());
        assertEquals(256, tables.iteration());

        EvaluationResult greedy = Evaluation.run(env, agent.greedyPolicy(), 1, 0);
        assertEquals(1.0, greedy.mean(), "the greedy policy reaches the goal");
        assertEquals(6, greedy.lengths()[0], "along a shortest path");
        assertEquals(Math.pow(0.95, 5), tables.values()[0], 1e-3, "Q(start) is close to γ^5");
    }

    @Test
    void qLearningReachesGymnasiumsThresholdOnSlipperyFrozenLake4x4() {
        assertReaches("FrozenLake-v1", 0.1, 10_000, 0.70);
    }

    @Test
    void qLearningReachesGymnasiumsThresholdOnSlipperyFrozenLake8x8() {
        assertReaches("FrozenLake8x8-v1", 0.05, 30_000, 0.85);
    }

    /** ε falls linearly from 1 to 0 over {@code decay} episodes, then half as many greedy episodes follow. */
    private static void assertReaches(String id, double alpha, int decay, double threshold) {
        Env env = Envs.make(id, Map.of("is_slippery", true));
        TdControl agent = learner(env, TdRule.Q_LEARNING, alpha, 0.999, EpsilonSchedule.linear(1, 0, decay));
        agent.train(decay + decay / 2, 0);
        EvaluationResult result = Evaluation.run(env, agent.greedyPolicy(), 5_000, 123);
        assertTrue(result.successRate() >= threshold, id + " success " + result.successRate() + " < " + threshold);
    }

    @Test
    void offPolicyAndExpectedSarsaMatchTheValueIterationPolicyOnTaxi() {
        Env taxi = Envs.make("Taxi-v3");
        TabularSnapshot plan = new ValueIteration(Mdp.of(taxi), 0.99).run(10_000, 1e-10);
        EvaluationResult optimal = Evaluation.run(taxi, Policy.tabular(plan.policy()), 1_000, 42);
        assertTrue(optimal.mean() >= 8, "Gymnasium's reward threshold for Taxi-v3 is 8: " + optimal);
        for (TdRule rule : List.of(TdRule.Q_LEARNING, TdRule.EXPECTED_SARSA)) {
            TdControl agent = learner(taxi, rule, 0.5, 0.99, EpsilonSchedule.linear(1, 0, 3_000));
            agent.train(4_500, 0);
            EvaluationResult learned = Evaluation.run(taxi, agent.greedyPolicy(), 1_000, 42);
            assertEquals(optimal.mean(), learned.mean(), 0.05, rule + " on the same 1,000 evaluation episodes");
        }
    }

    /** Sutton and Barto, example 6.6: α 0.5, ε 0.1, 500 episodes. */
    @Test
    void cliffWalkingQLearningWalksTheEdgeAndSarsaTakesTheSaferPath() {
        List<Integer> qPath = greedyPath(TdRule.Q_LEARNING);
        List<Integer> sarsaPath = greedyPath(TdRule.SARSA);
        List<Integer> expectedSarsaPath = greedyPath(TdRule.EXPECTED_SARSA);

        assertEquals(14, qPath.size(), "Q-learning: start, 12 cells along the cliff, goal: " + qPath);
        for (int cell : qPath.subList(1, 13)) {
            assertEquals(2, cell / CliffWalking.COLS, "Q-learning's path runs in the row above the cliff: " + qPath);
        }
        for (List<Integer> safe : List.of(sarsaPath, expectedSarsaPath)) {
            assertTrue(safe.size() > 14, "the on-policy path is longer than the edge: " + safe);
            assertTrue(safe.stream().anyMatch(cell -> cell / CliffWalking.COLS <= 1),
                    "the on-policy path climbs away from the cliff: " + safe);
        }
    }

    private static List<Integer> greedyPath(TdRule rule) {
        Env env = Envs.make("CliffWalking-v1");
        TdControl agent = learner(env, rule, 0.5, 1.0, EpsilonSchedule.constant(0.1));
        agent.train(500, 0);
        Policy policy = agent.greedyPolicy();
        List<Integer> path = new ArrayList<>();
        float[] obs = env.reset(0).observation();
        path.add((int) obs[0]);
        for (int step = 0; step < 100 && !env.lastTerminated(); step++) {
            obs = env.step(policy.act(obs)).observation();
            path.add((int) obs[0]);
        }
        assertEquals(CliffWalking.GOAL, path.get(path.size() - 1), rule + "'s greedy path reaches the goal: " + path);
        assertFalse(path.contains(CliffWalking.START) && path.lastIndexOf(CliffWalking.START) > 0,
                rule + "'s greedy path never falls off the cliff: " + path);
        return path;
    }

    @Test
    void truncationBootstrapsAndTerminationDoesNot() {
        // Optimistic Q = 1, α = 1, γ = 0.5, greedy. Action 0 (left) from the start bumps the wall: reward 0 and,
        // with a 1-step time limit, a truncation, which still bootstraps: Q(S, left) = 0 + 0.5 · max Q(S) = 0.5.
        Env cut = Envs.make("FrozenLake-v1", Map.of("desc", List.of("SFG"), "is_slippery", false,
                Envs.MAX_EPISODE_STEPS, 1));
        TdControl truncated = learner(cut, TdRule.Q_LEARNING, 1.0, 0.5, EpsilonSchedule.constant(0)).initializeQ(1);
        truncated.train(1, 0);
        assertEquals(0.5, truncated.snapshot().q()[0][0], 0.0);

        // Right from S onto G terminates with reward 1: the target is 1, with nothing bootstrapped from G.
        Env toGoal = Envs.make("FrozenLake-v1", Map.of("desc", List.of("SG"), "is_slippery", false));
        TdControl terminal = learner(toGoal, TdRule.Q_LEARNING, 1.0, 0.5, EpsilonSchedule.constant(0)).initializeQ(1);
        terminal.train(1, 0);
        double[] q = terminal.snapshot().q()[0];
        assertEquals(0.5, q[0], 0.0, "left bumps the wall");
        assertEquals(0.5, q[1], 0.0, "down bumps the wall");
        assertEquals(1.0, q[2], 0.0, "right reaches the goal and terminates");
    }

    @Test
    void rejectsContinuousObservationsAndBadSettings() {
        Env cartPole = Envs.make("CartPole-v1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learner(cartPole, TdRule.SARSA, 0.1, 0.9, EpsilonSchedule.constant(0.1)));
        assertTrue(e.getMessage().contains("discrete"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TdControl.Settings(TdRule.SARSA, 0, 0.9,
                EpsilonSchedule.constant(0.1)));
    }
}
