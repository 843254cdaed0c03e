package org.jdive.agents.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdive.envs.Env;

/**
 * Trains an agent and evaluates it every so many steps, as SB3's {@code EvalCallback}: records the learning
 * curve, tells a listener about each new best mean return (to save a best-model checkpoint), and stops early
 * once the mean return reaches a threshold.
 *
 * @param evalEnv    builds the evaluation env (kept apart from the training envs)
 * @param every      environment steps between evaluations
 * @param episodes   evaluation episodes each time
 * @param threshold  stop once an evaluation's mean return reaches it ({@code Double.POSITIVE_INFINITY}: never)
 * @param evalSeed   the seed of each evaluation's first reset, the same every time so evaluations compare
 */
public record PeriodicEvaluation(Supplier<Env> evalEnv, long every, int episodes, double threshold, long evalSeed) {

    /** One point of the learning curve. */
    public record Point(long step, EvaluationResult result) {
    }

    /** Told after every evaluation. */
    public interface Listener {
        /** @param best whether this evaluation's mean is the best so far */
        void onEvaluation(Point point, boolean best);
    }

    /** What a run produced. */
    public record Outcome(List<Point> curve, boolean reachedThreshold) {

        /** The best point of the curve by mean return. */
        public Point best() {
            return curve.stream().max((a, b) -> Double.compare(a.result().mean(), b.result().mean())).orElseThrow();
        }
    }

    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException unless {@code every} and {@code episodes} are at least 1
     */
    public PeriodicEvaluation {
        if (every < 1 || episodes < 1) {
            throw new IllegalArgumentException("periodic evaluation needs every >= 1 and episodes >= 1, got " + every
                    + " and " + episodes);
        }
    }

    /** Trains {@code agent} until it has taken {@code budget} steps or reached the threshold. */
    public Outcome run(Trainable agent, long budget, Listener listener) {
        List<Point> curve = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        try (Env env = evalEnv.get()) {
            while (agent.steps() < budget) {
                agent.train(Math.min(every, budget - agent.steps()));
                EvaluationResult result = Evaluation.run(env, agent.evaluationPolicy(), episodes, evalSeed);
                Point point = new Point(agent.steps(), result);
                curve.add(point);
                boolean isBest = result.mean() > best;
                best = Math.max(best, result.mean());
                listener.onEvaluation(point, isBest);
                if (result.mean() >= threshold) {
                    return new Outcome(List.copyOf(curve), true);
                }
            }
        }
        return new Outcome(List.copyOf(curve), false);
    }
}
