package org.jdive.envs.toytext;

import java.util.List;
import org.jdive.envs.EnvFamily;
import org.jdive.envs.EnvSpec;
import org.jdive.envs.Options;

/** Registers Gymnasium's toy-text gridworlds with their Gymnasium ids, options and time limits. */
public final class ToyTextFamily implements EnvFamily {

    /** Seed of the random map drawn when neither {@code desc} nor {@code map_name} is given. */
    static final long RANDOM_MAP_SEED = 0;

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public ToyTextFamily() {
    }

    @Override
    public List<EnvSpec> specs() {
        List<String> lakeOptions = List.of("desc", "map_name", "is_slippery");
        return List.of(
                new EnvSpec("FrozenLake-v1", "cross a frozen lake to the goal without falling into a hole (4x4)",
                        100, lakeOptions, o -> frozenLake(o, "4x4")),
                new EnvSpec("FrozenLake8x8-v1", "cross a frozen lake to the goal without falling into a hole (8x8)",
                        200, lakeOptions, o -> frozenLake(o, "8x8")),
                new EnvSpec("CliffWalking-v1", "walk along a cliff to the goal; falling costs -100 and restarts",
                        0, List.of("is_slippery"), o -> new CliffWalking(o.bool("is_slippery", false))),
                new EnvSpec("Taxi-v3", "pick up a passenger and drop them off at their destination",
                        200, List.of("is_rainy", "fickle_passenger"),
                        o -> new Taxi(o.bool("is_rainy", false), o.bool("fickle_passenger", false))));
    }

    /**
     * Gymnasium's choice of map: {@code desc} if given, else the named map, else (map_name given as null) a
     * random 8x8 map with 80% frozen tiles, here drawn from a fixed seed so that it is reproducible.
     */
    private static FrozenLake frozenLake(Options o, String defaultMap) {
        boolean slippery = o.bool("is_slippery", true);
        List<String> desc = o.strings("desc", null);
        if (desc != null) {
            return new FrozenLake(desc, slippery);
        }
        String mapName = o.string("map_name", defaultMap);
        if (mapName == null) {
            return new FrozenLake(FrozenLake.generateRandomMap(8, 0.8, RANDOM_MAP_SEED), slippery);
        }
        List<String> map = FrozenLake.MAPS.get(mapName);
        if (map == null) {
            throw o.invalid("map_name", "must be one of " + FrozenLake.MAPS.keySet() + " (or null for a random map), got '"
                    + mapName + "'");
        }
        return new FrozenLake(map, slippery);
    }
}
