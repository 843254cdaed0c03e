package org.jdive.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.jdive.agents.eval.Evaluation;
import org.jdive.agents.eval.EvaluationResult;
import org.jdive.agents.explore.EpsilonSchedule;
import org.jdive.agents.tabular.TabularSnapshot;
import org.jdive.agents.tabular.TdControl;
import org.jdive.agents.tabular.TdRule;
import org.jdive.core.Rng;
import org.jdive.envs.Env;
import org.jdive.envs.EnvSpec;
import org.jdive.envs.Envs;

/**
 * Your own env in jdive's registry, learned by tabular Q-learning: {@link Corridor} is registered as
 * {@value #ID} with an option and a time limit, built by id with {@link Envs#make}, and learned by
 * {@link TdControl} (Watkins's Q-learning, D2L 17.3) with optimistic initial values and ε falling linearly
 * over the episodes. The greedy policy walks past the +1 next to the start to the +10 at the far end, as long as
 * the discount leaves the +10 worth more.
 *
 * <p>Run: {@code mvn -f examples/pom.xml compile exec:exec -Dexample=CustomEnvQLearning -Dargs="300 8"}
 * (episodes, corridor length).
 */
public final class CustomEnvQLearning {

    /** A Gymnasium-style id; the namespace keeps it apart from jdive's own ids. */
    public static final String ID = "examples/Corridor-v0";

    /** What training produced: the greedy action of each cell and one greedy episode from the start. */
    public record Result(int[] policy, double greedyReturn, int greedyLength) {
    }

    private CustomEnvQLearning() {
    }

    /**
     * Adds {@value #ID} to the registry unless it is there already (registering an id twice is an error).
     * {@code make} then accepts the option {@code length} and adds a 100-step time limit
     * ({@code max_episode_steps} overrides it).
     */
    public static synchronized void register() {
        if (!Envs.isRegistered(ID)) {
            Envs.register(new EnvSpec(ID, "a corridor: +1 one step left of the start, +10 at the far right end",
                    100, List.of("length"), options -> {
                        int length = options.integer("length", 8);
                        if (length < 3) {
                            throw options.invalid("length", "must be >= 3, got " + length);
                        }
                        return new Corridor(length);
                    }));
        }
    }

    /** Trains Q-learning for {@code episodes} episodes on a corridor of {@code length} cells. */
    public static Result train(int episodes, int length, long seed, PrintStream out) {
        register();
        try (Env env = Envs.make(ID, Map.of("length", length))) {
            var settings = new TdControl.Settings(TdRule.Q_LEARNING, 0.5, 0.9,
                    EpsilonSchedule.linear(1.0, 0.05, Math.max(episodes / 2, 1)));
            // Optimistic initial values (Sutton and Barto 2.6): an untried action looks worth the largest reward, so
            // the learner walks on past the +1 until it has seen the far end. From zeros, ε-greedy play mostly stops
            // at the +1 (on 8 cells 9 seeds in 10 still find the +10; on 10 cells none does).
            TdControl learner = new TdControl(env, settings, Rng.split(seed, "explore")).initializeQ(10);
            TabularSnapshot tables = learner.train(episodes, seed, (episodeReturn, steps, epsilon, snapshot) -> {
                int episode = snapshot.iteration();
                if (episode == 1 || episode % Math.max(episodes / 5, 1) == 0) {
                    out.printf("episode %4d  ε %.2f  return %5.1f in %3d steps%n", episode, epsilon, episodeReturn,
                            steps);
                }
            });
            EvaluationResult greedy = Evaluation.run(env, learner.greedyPolicy(), 1, seed);
            return new Result(tables.policy(), greedy.returns()[0], greedy.lengths()[0]);
        }
    }

    public static void main(String[] args) {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int length = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Result result = train(episodes, length, 0, System.out);
        StringBuilder arrows = new StringBuilder("+1 ");
        for (int cell = 1; cell < length - 1; cell++) {
            arrows.append(result.policy()[cell] == Corridor.RIGHT ? "→ " : "← ");
        }
        System.out.println("greedy policy: " + arrows + "+10");
        System.out.printf("greedy episode: return %.1f in %d steps%n", result.greedyReturn(), result.greedyLength());
    }
}
