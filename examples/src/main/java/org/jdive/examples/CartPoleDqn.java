package org.jdive.examples;

import java.io.PrintStream;
import org.jdive.agents.dqn.Dqn;
import org.jdive.agents.dqn.DqnConfig;
import org.jdive.agents.dqn.DqnListener;
import org.jdive.agents.eval.PeriodicEvaluation;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;

/**
 * DQN (Mnih et al. 2015) learns to balance {@code CartPole-v1}, written against jdive's library API rather than
 * a scenario file: a vector env from the registry, a {@link DqnConfig} with rl-baselines3-zoo's settings (those of
 * {@code scenarios/cartpole-dqn.yaml}), {@link Dqn#train} driven by a {@link PeriodicEvaluation} that plays the greedy
 * policy on an env of its own every 5,000 steps and prints a progress line. A random policy scores about 22; the
 * maximum is 500, which seed 0 first reaches at 30,000 steps.
 *
 * <p>Run: {@code mvn -f examples/pom.xml compile exec:exec -Dexample=CartPoleDqn -Dargs="50000 0"} (the step
 * budget, 50,000 by default, and the seed).
 */
public final class CartPoleDqn {

    public static final String ENV_ID = "CartPole-v1";

    private CartPoleDqn() {
    }

    /** rl-baselines3-zoo's DQN hyperparameters for CartPole-v1. */
    public static DqnConfig zooConfig() {
        return new DqnConfig().gamma(0.99).learningRate(2.3e-3f).batchSize(64).bufferSize(100_000)
                .learningStarts(1_000).targetUpdateInterval(10).trainFrequency(256).gradientSteps(128)
                .exploration(1.0, 0.04, 8_000).hidden(256, 256).loss(DqnConfig.Loss.HUBER);
    }

    /**
     * Trains for {@code steps} environment steps, playing 10 greedy episodes every 5,000 steps (as SB3's
     * {@code EvalCallback}); returns the learning curve. DQN can dip after it first plays perfectly, so the outcome
     * names the best evaluation as well as the last.
     */
    public static PeriodicEvaluation.Outcome train(long steps, long seed, PrintStream out) {
        // DQN learns from a whole transition at every step, so the vector env autoresets within the same step.
        try (VectorEnv envs = Envs.makeVector(ENV_ID, 1, AutoresetMode.SAME_STEP);
             Dqn dqn = new Dqn(envs, zooConfig(), seed)) {
            EpisodeStats stats = new EpisodeStats();
            dqn.listener(stats);
            // The same evaluation episodes every time, on an env of its own that no training episode touches.
            var evaluation = new PeriodicEvaluation(() -> Envs.make(ENV_ID), 5_000, 10, Double.POSITIVE_INFINITY,
                    seed + 1_000_000);
            PeriodicEvaluation.Outcome outcome = evaluation.run(dqn, steps, (point, best) -> {
                out.printf("step %6d  ε %.3f  training return %5.1f (%3d episodes)  loss %.3f  greedy return %s%n",
                        point.step(), dqn.epsilon(), stats.meanReturn(), stats.episodes, stats.meanLoss(),
                        point.result());
                stats.clear();
            });
            out.printf("best greedy evaluation: %s at step %d%n", outcome.best().result(), outcome.best().step());
            return outcome;
        }
    }

    /** Averages the episodes and losses {@link Dqn} reports between two progress lines. */
    private static final class EpisodeStats implements DqnListener {
        int episodes;
        double returns;
        int updates;
        double losses;

        @Override
        public void onEpisode(long step, int env, double episodeReturn, int length) {
            episodes++;
            returns += episodeReturn;
        }

        @Override
        public void onUpdate(long step, float loss, double epsilon) {
            updates++;
            losses += loss;
        }

        double meanReturn() {
            return episodes == 0 ? Double.NaN : returns / episodes;
        }

        double meanLoss() {
            return updates == 0 ? Double.NaN : losses / updates;
        }

        void clear() {
            episodes = 0;
            returns = 0;
            updates = 0;
            losses = 0;
        }
    }

    public static void main(String[] args) {
        long steps = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 50_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 0;
        train(steps, seed, System.out);
    }
}
