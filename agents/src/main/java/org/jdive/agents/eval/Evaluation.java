package org.jdive.agents.eval;

import org.jdive.agents.Controller;
import org.jdive.envs.Env;

/** Runs a policy for whole episodes and collects their returns, as SB3's {@code evaluate_policy}. */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * Plays {@code episodes} episodes of {@code policy} on {@code env}: the first reset seeds the env with
     * {@code seed}, the next ones continue its random stream. An episode ends when the env terminates or
     * truncates it (keep the env's time limit on, or a policy that never finishes never returns).
     */
    public static EvaluationResult run(Env env, Controller policy, int episodes, long seed) {
        if (episodes < 1) {
            throw new IllegalArgumentException("evaluation needs at least 1 episode, got " + episodes);
        }
        double[] returns = new double[episodes];
        int[] lengths = new int[episodes];
        float[] obs = new float[env.observationSpace().size()];
        for (int e = 0; e < episodes; e++) {
            float[] first = e == 0 ? env.reset(seed).observation() : env.reset().observation();
            System.arraycopy(first, 0, obs, 0, obs.length);
            double total = 0;
            int steps = 0;
            boolean done = false;
            while (!done) {
                env.stepInto(policy.action(obs), obs, 0);
                total += env.lastReward();
                steps++;
                done = env.lastTerminated() || env.lastTruncated();
            }
            returns[e] = total;
            lengths[e] = steps;
        }
        return new EvaluationResult(returns, lengths);
    }
}
