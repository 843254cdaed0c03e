package org.jdive.agents.kinds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdive.agents.Controller;
import org.jdive.agents.Policy;
import org.jdive.agents.eval.Evaluation;
import org.jdive.agents.eval.EvaluationResult;
import org.jdive.engine.scenario.Scenario;
import org.jdive.envs.Env;
import org.jdive.envs.Rng;
import org.jdive.envs.spaces.Discrete;
import org.jdive.envs.wrappers.TimeLimit;

/**
 * Evaluation on a fresh copy of the scenario's env, with the same episodes (seeds) every time: the greedy policy,
 * or an ε-greedy one with {@code eval.epsilon}.
 */
public final class Evaluations {

    /** Salt of the evaluation env's seed, so that it never replays a training episode's seed. */
    private static final long EVAL_SALT = 0x6576616CL;
    /** Salt of the stream of evaluation's random actions (with {@code eval.epsilon}), apart from the env's. */
    private static final long EPSILON_SALT = 0x65707369L;

    private Evaluations() {
    }

    /** A fresh evaluation env: the scenario's env, cut at {@code eval.max_steps}. */
    public static Env env(Scenario scenario) {
        return new TimeLimit(RlKeys.makeEnv(scenario), scenario.intValue(RlKeys.EVAL_MAX_STEPS.path()));
    }

    /** The seed of the first evaluation episode's reset (the next episodes continue the env's stream). */
    public static long firstSeed(Scenario scenario) {
        return scenario.seed() ^ EVAL_SALT;
    }

    /**
     * The policy an evaluation on {@code env} plays: {@code greedy}, or ε-greedy around it with {@code eval.epsilon}
     * above 0, its random actions drawn from a stream that starts afresh (from the scenario's seed) for each call.
     */
    public static Controller policy(Scenario scenario, Env env, Controller greedy) {
        double epsilon = scenario.number(RlKeys.EVAL_EPSILON.path());
        if (epsilon == 0) {
            return greedy;
        }
        if (!(greedy instanceof Policy discrete) || !(env.actionSpace() instanceof Discrete space)) {
            throw new IllegalArgumentException("eval.epsilon needs discrete actions; " + env.actionSpace()
                    + " is continuous");
        }
        return Policy.epsilonGreedy(discrete, space.n(), epsilon, Rng.seeded(firstSeed(scenario), EPSILON_SALT));
    }

    static Map<String, Double> run(Scenario scenario, Controller greedy) {
        EvaluationResult result;
        try (Env env = env(scenario)) {
            result = Evaluation.run(env, policy(scenario, env, greedy), scenario.intValue(RlKeys.EVAL_EPISODES.path()),
                    firstSeed(scenario));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mean_return", result.mean());
        metrics.put("std_return", result.std());
        metrics.put("mean_length", result.meanLength());
        return metrics;
    }
}
