package org.jdive.envs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.TimeLimit;

/**
 * The registry of envs by id, as Gymnasium's {@code gymnasium.make}: {@code Envs.make("FrozenLake-v1",
 * Map.of("is_slippery", false))}. Options use Gymnasium's names; {@code max_episode_steps} overrides an id's
 * time limit (0 removes it). Unknown ids and options are {@link IllegalArgumentException}s that list what is
 * allowed and suggest the nearest name.
 *
 * <p>Registering an env is one line, {@code Envs.register(new EnvSpec(id, description, maxSteps, options,
 * factory))}; the built-in families are registered at start-up through {@link EnvFamily}.
 */
public final class Envs {

    /** The option every id accepts: the time limit, overriding the id's default. */
    public static final String MAX_EPISODE_STEPS = "max_episode_steps";

    private static final Map<String, EnvSpec> SPECS = new ConcurrentHashMap<>();

    static {
        for (EnvFamily family : ServiceLoader.load(EnvFamily.class, Envs.class.getClassLoader())) {
            family.specs().forEach(Envs::register);
        }
    }

    private Envs() {
    }

    /**
     * Adds an id. Registering an id twice is an error (Gymnasium warns and overwrites; here a second spec
     * would silently change what an id means): code that may run more than once asks {@link #isRegistered}
     * first.
     *
     * @throws IllegalArgumentException if {@code spec.id()} is already registered
     */
    public static void register(EnvSpec spec) {
        if (SPECS.putIfAbsent(spec.id(), spec) != null) {
            throw new IllegalArgumentException("env id '" + spec.id() + "' is already registered;"
                    + " check Envs.isRegistered(id) before registering it again");
        }
    }

    /**
     * Whether {@code id} is registered, as Gymnasium's {@code id in gymnasium.registry}: {@code if
     * (!Envs.isRegistered(id)) Envs.register(spec)} registers an id once however often it runs (make that
     * pair {@code synchronized} where threads may race).
     */
    public static boolean isRegistered(String id) {
        return SPECS.containsKey(id);
    }

    /** Every registered id with its one-line description, sorted by id. */
    public static List<EnvSpec> list() {
        return SPECS.values().stream().sorted(Comparator.comparing(EnvSpec::id)).toList();
    }

    /** The spec of an id. */
    public static EnvSpec spec(String id) {
        EnvSpec spec = SPECS.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("unknown env id '" + id + "'." + Names.suggestion(id, SPECS.keySet())
                    + " Registered ids: " + list().stream().map(EnvSpec::id).toList());
        }
        return spec;
    }

    /** Builds an env with its default options, wrapped in its time limit. */
    public static Env make(String id) {
        return make(id, Map.of());
    }

    /**
     * Builds an env with the given options (Gymnasium's keyword arguments), wrapped in its time limit. Any map
     * from names to values will do ({@code Map<String, Integer>} too); {@link Options} checks each value's type
     * when the env reads it.
     */
    public static Env make(String id, Map<String, ?> options) {
        EnvSpec spec = spec(id);
        for (String name : options.keySet()) {
            if (!name.equals(MAX_EPISODE_STEPS) && !spec.optionNames().contains(name)) {
                List<String> allowed = new ArrayList<>(spec.optionNames());
                allowed.add(MAX_EPISODE_STEPS);
                throw new IllegalArgumentException(id + " has no option '" + name + "'."
                        + Names.suggestion(name, allowed) + " Options of " + id + ": " + allowed);
            }
        }
        Options read = new Options(id, options);
        int maxSteps = read.integer(MAX_EPISODE_STEPS, spec.maxEpisodeSteps());
        if (maxSteps < 0) {
            throw read.invalid(MAX_EPISODE_STEPS, "must be >= 0 (0 = no limit), got " + maxSteps);
        }
        Env env = spec.factory().apply(read);
        return maxSteps > 0 ? new TimeLimit(env, maxSteps) : env;
    }

    /**
     * {@code n} copies of an env with its default options, stepped together on the caller's thread and
     * autoresetting on the next step (Gymnasium's default).
     */
    public static VectorEnv makeVector(String id, int n) {
        return makeVector(id, n, AutoresetMode.NEXT_STEP);
    }

    /**
     * {@code n} copies of an env with its default options, stepped together on the caller's thread and
     * autoresetting as {@code mode} says. Agents that learn from each transition as it happens (DQN, SAC, PPO)
     * want {@link AutoresetMode#SAME_STEP}, whose step that ends an episode also starts the next one.
     */
    public static VectorEnv makeVector(String id, int n, AutoresetMode mode) {
        return makeVector(id, Map.of(), n, mode, 1);
    }

    /**
     * {@code n} copies of an env stepped together.
     *
     * @param options as {@link #make(String, Map)}'s, given to every copy
     * @param threads how many threads step the copies (1 steps them on the caller's thread)
     */
    public static VectorEnv makeVector(String id, Map<String, ?> options, int n, AutoresetMode mode,
                                       int threads) {
        Supplier<Env> factory = () -> make(id, options);
        return new VectorEnv(factory, n, mode, threads);
    }
}
