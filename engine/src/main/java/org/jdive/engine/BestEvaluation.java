package org.jdive.engine;

import java.util.Map;

/**
 * The best evaluation of a run so far by mean return, as SB3's {@code EvalCallback} tracks it for its
 * {@code best_model}: an evaluation is a new best when its mean return beats every earlier one (ties keep the
 * earlier). Read back from {@code eval.csv} when a run starts, so that a resumed run continues the tracking of the
 * part before it. Evaluations without a mean return (generative models) are never a best.
 */
final class BestEvaluation {

    /** The evaluation metric that ranks models. */
    static final String METRIC = "mean_return";

    private double mean = Double.NEGATIVE_INFINITY;
    private long at = -1;

    /** The best of the evaluations logged in {@code eval} so far. */
    static BestEvaluation of(MetricsTable eval) {
        BestEvaluation best = new BestEvaluation();
        MetricsTable.Curve means = eval.curve(METRIC);
        for (int i = 0; i < means.x().length; i++) {
            best.offer((long) means.x()[i], Map.of(METRIC, means.y()[i]));
        }
        return best;
    }

    /** Takes the evaluation after {@code done} units into account; returns whether it is the new best. */
    boolean offer(long done, Map<String, Double> evaluation) {
        Double value = evaluation.get(METRIC);
        if (value == null || !(value > mean)) {
            return false;
        }
        mean = value;
        at = done;
        return true;
    }

    /** Whether any evaluation has been offered. */
    boolean exists() {
        return at >= 0;
    }

    /** The best mean return. */
    double mean() {
        return mean;
    }

    /** The budget units done when the best evaluation happened. */
    long at() {
        return at;
    }
}
