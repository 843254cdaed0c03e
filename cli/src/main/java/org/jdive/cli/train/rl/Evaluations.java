package org.jdive.cli.train.rl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdive.agents.Policy;
import org.jdive.agents.eval.Evaluation;
import org.jdive.agents.eval.EvaluationResult;
import org.jdive.cli.scenario.Scenario;
import org.jdive.envs.Env;
import org.jdive.envs.wrappers.TimeLimit;

/** Greedy evaluation on a fresh copy of the scenario's env, with the same episodes (seeds) every time. */
public final class Evaluations {

    /** Salt of the evaluation env's seed, so that it never replays a training episode's seed. */
    private static final long EVAL_SALT = 0x6576616CL;

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

    static Map<String, Double> run(Scenario scenario, Policy policy) {
        EvaluationResult result;
        try (Env env = env(scenario)) {
            result = Evaluation.run(env, policy, scenario.intValue(RlKeys.EVAL_EPISODES.path()), firstSeed(scenario));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mean_return", result.mean());
        metrics.put("std_return", result.std());
        metrics.put("mean_length", result.meanLength());
        return metrics;
    }
}
