package org.jdive.agents.kinds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.envs.Env;
import org.jdive.envs.EnvSpec;
import org.jdive.envs.Envs;

/** The keys and checks every reinforcement-learning kind shares: the env, the discount, evaluation. */
public final class RlKeys {

    /** {@code env.id}: the env's registered id (required). */
    public static final Key ENV_ID = Key.required("env.id",
            new ValueType.Choice(() -> Envs.list().stream().map(EnvSpec::id).toList(),
                    "a registered env id (`jdive list`), e.g. FrozenLake-v1, CartPole-v1, MinAtar/Breakout-v1"),
            "The environment, by its Gymnasium or MinAtar id.");
    /** {@code env.options}: the env's options, as {@code Envs.make} takes them. */
    public static final Key ENV_OPTIONS = Key.optional("env.options", new ValueType.Options(), Map.of(),
            "The env's options (Gymnasium's keyword arguments, e.g. `map_name: 8x8`, `is_slippery: false`, `max_episode_steps`).");
    /** {@code agent.gamma}: the discount, in [0, 1]. */
    public static final Key GAMMA = Key.optional("agent.gamma", ValueType.Real.closed(0, 1), 0.99,
            "The discount factor.");
    /** {@code eval.every}: budget units between evaluations; 0 evaluates only at the end. */
    public static final Key EVAL_EVERY = Key.optional("eval.every", new ValueType.Int(0, Long.MAX_VALUE), 0L,
            "Evaluate the policy (greedy, or ε-greedy with `eval.epsilon`) every this many budget units "
                    + "(0: only at the end).");
    /** {@code eval.episodes}: episodes per evaluation. */
    public static final Key EVAL_EPISODES = Key.optional("eval.episodes", new ValueType.Int(1, 1_000_000), 100L,
            "Episodes per evaluation (mean and standard deviation of their returns are reported).");

    /** {@code eval.max_episode_steps}: the cut of an evaluation episode, for envs without a time limit. */
    public static final Key EVAL_MAX_STEPS = Key.optional("eval.max_episode_steps", new ValueType.Int(1, Integer.MAX_VALUE),
            10_000L, "Cuts an evaluation episode after this many steps (a greedy policy can loop forever in an env "
                    + "without a time limit, such as CliffWalking).");

    /** {@code eval.epsilon}: ε of the evaluation policy; 0 plays greedily. */
    public static final Key EVAL_EPSILON = Key.optional("eval.epsilon", ValueType.Real.closed(0, 1), 0.0,
            "ε of the evaluation episodes: 0 plays the greedy policy, more an ε-greedy one (Mnih et al. 2015 "
                    + "evaluate with 0.05). Its random actions come from a stream seeded by the scenario's seed, the "
                    + "same at every evaluation.");

    /** {@code eval.stop_at}: the mean evaluation return that ends training early; absent, the whole budget runs. */
    public static final Key EVAL_STOP_AT = Key.optional("eval.stop_at", ValueType.Real.closed(-1e9, 1e9), null,
            "Stop training once a periodic evaluation's mean return reaches this (absent: train the whole budget); "
                    + "needs `eval.every`. As SB3's `StopTrainingOnRewardThreshold`, e.g. 475 for CartPole-v1.");

    /** {@code record.gif}: whether each evaluation's first episode is recorded as a GIF. */
    public static final Key RECORD_GIF = Key.optional("record.gif", new ValueType.Bool(), false,
            "Record the first episode of every evaluation as an animated GIF, `recordings/<units>.gif` in the run "
                    + "folder, with the window's overlays (as `jdive eval RUN --gif` does for one checkpoint).");

    /** The keys every RL kind has, before its own. */
    public static final List<Key> COMMON = List.of(ENV_ID, ENV_OPTIONS, GAMMA, EVAL_EVERY, EVAL_EPISODES, EVAL_MAX_STEPS,
            EVAL_EPSILON, EVAL_STOP_AT, RECORD_GIF);

    private RlKeys() {
    }

    /** {@link #COMMON} followed by {@code own}. */
    public static List<Key> with(List<Key> own) {
        List<Key> keys = new ArrayList<>(COMMON);
        keys.addAll(own);
        return List.copyOf(keys);
    }

    /** Builds the scenario's env (its time limit included). */
    public static Env makeEnv(Scenario scenario) {
        return Envs.make(scenario.text(ENV_ID.path()), scenario.options(ENV_OPTIONS.path()));
    }

    /**
     * Builds the env once to check its options: a problem at {@code env.options} when the env rejects them. Every
     * RL kind runs this same check, so it runs too when a file names an agent kind that does not exist.
     */
    public static final TrainerKind.Check ENV = scenario -> {
        try (Env env = makeEnv(scenario)) {
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(scenario.problem(ENV_OPTIONS.path(), e.getMessage()));
        }
    };

    /** {@code eval.stop_at} is looked at by periodic evaluations, so it needs {@code eval.every} of at least 1. */
    public static final TrainerKind.Check STOP_AT = scenario -> {
        if (scenario.has(EVAL_STOP_AT.path()) && scenario.integer(EVAL_EVERY.path()) == 0) {
            return List.of(scenario.problem(EVAL_STOP_AT.path(), "is checked at periodic evaluations, but eval.every is 0 "
                    + "(only a final evaluation); set eval.every to a number of budget units >= 1"));
        }
        return List.of();
    };

    /** The checks every RL kind shares ({@link #ENV}, {@link #STOP_AT}) followed by a kind's own. */
    public static List<TrainerKind.Check> checksWith(TrainerKind.Check... own) {
        List<TrainerKind.Check> checks = new ArrayList<>(List.of(ENV, STOP_AT));
        checks.addAll(List.of(own));
        return List.copyOf(checks);
    }

    /**
     * The agent's settings checked together by {@code validate} (a config's {@code validate()}, which throws
     * {@link IllegalArgumentException} saying what is wrong), reported at {@code agent}.
     */
    public static TrainerKind.Check settings(Consumer<Scenario> validate) {
        return scenario -> {
            try {
                validate.accept(scenario);
                return List.of();
            } catch (IllegalArgumentException e) {
                return List.of(scenario.problem("agent", e.getMessage()));
            }
        };
    }

    /** A check of the scenario's built env; it finds nothing when the env cannot be built (which {@link #ENV} reports). */
    public static TrainerKind.Check onEnv(BiFunction<Scenario, Env, List<Problem>> check) {
        return scenario -> {
            Env env;
            try {
                env = makeEnv(scenario);
            } catch (IllegalArgumentException reportedByEnvCheck) {
                return List.of();
            }
            try (env) {
                return check.apply(scenario, env);
            }
        };
    }

    /** A float setting as the decimal a person wrote (2.5e-4, not 2.4999999368e-4), for a key's default. */
    static double exact(float v) {
        return Double.parseDouble(Float.toString(v));
    }
}
