package org.jdive.agents.eval;

import java.util.Arrays;

/**
 * The returns of a batch of evaluation episodes.
 *
 * @param returns the undiscounted return of each episode
 * @param lengths the number of steps of each episode
 */
public record EvaluationResult(double[] returns, int[] lengths) {

    /** The number of episodes. */
    public int episodes() {
        return returns.length;
    }

    /** The mean return; NaN for no episodes. */
    public double mean() {
        return Arrays.stream(returns).average().orElse(Double.NaN);
    }

    /** The population standard deviation, as SB3's {@code evaluate_policy} and CleanRL report. */
    public double std() {
        double mean = mean();
        return Math.sqrt(Arrays.stream(returns).map(r -> (r - mean) * (r - mean)).average().orElse(Double.NaN));
    }

    /** The fraction of episodes whose return is positive: the success rate on FrozenLake. */
    public double successRate() {
        return (double) Arrays.stream(returns).filter(r -> r > 0).count() / returns.length;
    }

    /** The mean episode length in steps; NaN for no episodes. */
    public double meanLength() {
        return Arrays.stream(lengths).average().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return String.format("%.3f ± %.3f over %d episodes", mean(), std(), episodes());
    }
}
