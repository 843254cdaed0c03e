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
final class Evaluations {

    /** Salt of the evaluation env's seed, so that it never replays a training episode's seed. */
    private static final long EVAL_SALT = 0x6576616CL;

    private Evaluations() {
    }

    static Map<String, Double> run(Scenario scenario, Policy policy) {
        EvaluationResult result;
        try (Env env = new TimeLimit(RlKeys.makeEnv(scenario), scenario.intValue(RlKeys.EVAL_MAX_STEPS.path()))) {
            result = Evaluation.run(env, policy, scenario.intValue(RlKeys.EVAL_EPISODES.path()), scenario.seed() ^ EVAL_SALT);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mean_return", result.mean());
        metrics.put("std_return", result.std());
        metrics.put("mean_length", result.meanLength());
        return metrics;
    }
}
