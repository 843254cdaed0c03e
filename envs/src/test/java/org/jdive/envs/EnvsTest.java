package org.jdive.envs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.TimeLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvsTest {

    static Stream<String> registeredIds() {
        return Envs.list().stream().map(EnvSpec::id);
    }

    @ParameterizedTest
    @MethodSource("registeredIds")
    void everyRegisteredEnvPassesTheChecker(String id) {
        EnvChecker.check(Envs.make(id), 7, 300);
    }

    @Test
    void listsTheGymnasiumIdsWithDescriptions() {
        List<String> ids = Envs.list().stream().map(EnvSpec::id).toList();
        assertTrue(ids.containsAll(List.of("FrozenLake-v1", "FrozenLake8x8-v1", "CliffWalking-v1", "Taxi-v3",
                "CartPole-v1", "MountainCar-v0", "Acrobot-v1")), ids.toString());
        Envs.list().forEach(spec -> assertFalse(spec.description().isBlank(), spec.id()));
    }

    @Test
    void unknownIdIsRejectedWithTheNearestName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Envs.make("CartPole-v0"));
        assertTrue(e.getMessage().contains("'CartPole-v0'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'CartPole-v1'?"), e.getMessage());
        assertTrue(e.getMessage().contains("Taxi-v3"), e.getMessage());
    }

    @Test
    void unknownOptionIsRejectedWithTheNearestName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("FrozenLake-v1", Map.of("is_slipery", false)));
        assertTrue(e.getMessage().contains("'is_slipery'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'is_slippery'?"), e.getMessage());
        assertTrue(e.getMessage().contains("map_name"), e.getMessage());
    }

    @Test
    void optionOfTheWrongTypeNamesTheTypeItNeeds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("FrozenLake-v1", Map.of("is_slippery", "no")));
        assertTrue(e.getMessage().contains("is_slippery") && e.getMessage().contains("boolean"), e.getMessage());
        IllegalArgumentException map = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("FrozenLake-v1", Map.of("map_name", "5x5")));
        assertTrue(map.getMessage().contains("4x4") && map.getMessage().contains("8x8"), map.getMessage());
    }

    @Test
    void registryAppliesGymnasiumTimeLimits() {
        assertEquals(100, ((TimeLimit) Envs.make("FrozenLake-v1")).maxEpisodeSteps());
        assertEquals(200, ((TimeLimit) Envs.make("FrozenLake8x8-v1")).maxEpisodeSteps());
        assertEquals(200, ((TimeLimit) Envs.make("Taxi-v3")).maxEpisodeSteps());
        assertEquals(500, ((TimeLimit) Envs.make("CartPole-v1")).maxEpisodeSteps());
        assertEquals(200, ((TimeLimit) Envs.make("MountainCar-v0")).maxEpisodeSteps());
        assertEquals(500, ((TimeLimit) Envs.make("Acrobot-v1")).maxEpisodeSteps());
        assertFalse(Envs.make("CliffWalking-v1") instanceof TimeLimit, "Gymnasium registers CliffWalking without a limit");
        assertEquals(7, ((TimeLimit) Envs.make("CartPole-v1", Map.of("max_episode_steps", 7))).maxEpisodeSteps());
        assertFalse(Envs.make("CartPole-v1", Map.of("max_episode_steps", 0)) instanceof TimeLimit);
    }

    @Test
    void nullMapNameGivesAReproducibleRandomLakeWithAPath() {
        Map<String, Object> options = new HashMap<>();
        options.put("map_name", null);
        Env a = Envs.make("FrozenLake-v1", options);
        Env b = Envs.make("FrozenLake-v1", options);
        assertEquals(64, ((TabularModel) a.unwrapped()).numStates());
        assertEquals(a.reset(0).observation()[0], 0f);
        assertEquals(a.renderText(), b.renderText());
    }

    @Test
    void registeringAnIdTwiceIsAnErrorThatNamesIsRegistered() {
        EnvSpec duplicate = new EnvSpec("CartPole-v1", "again", 0, List.of(), o -> new EchoEnv(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Envs.register(duplicate));
        assertTrue(e.getMessage().contains("'CartPole-v1'") && e.getMessage().contains("Envs.isRegistered"),
                e.getMessage());
    }

    @Test
    void isRegisteredAnswersForBuiltInAndAddedIds() {
        assertTrue(Envs.isRegistered("CartPole-v1"));
        assertTrue(Envs.isRegistered("MinAtar/Breakout-v1"));
        assertFalse(Envs.isRegistered("CartPole-v0"), "no near-miss matching");
        assertFalse(Envs.isRegistered("Test/Once-v0"));
        for (int i = 0; i < 2; i++) { // the idiom for code that may run twice
            if (!Envs.isRegistered("Test/Once-v0")) {
                Envs.register(new EnvSpec("Test/Once-v0", "registered once", 0, List.of(), o -> new EchoEnv(1)));
            }
        }
        assertTrue(Envs.isRegistered("Test/Once-v0"));
        assertEquals(1, Envs.list().stream().filter(spec -> spec.id().equals("Test/Once-v0")).count());
    }

    @Test
    void optionsMayBeAnyMapFromNames() {
        Map<String, Integer> steps = Map.of("max_episode_steps", 7);
        assertEquals(7, ((TimeLimit) Envs.make("CartPole-v1", steps)).maxEpisodeSteps());
        Map<String, Boolean> slippery = Map.of("is_slippery", false);
        Env lake = Envs.make("FrozenLake-v1", slippery);
        lake.reset(0);
        assertEquals(4f, lake.step(1).observation()[0], "down from the start, without slipping");
        try (VectorEnv vector = Envs.makeVector("CartPole-v1", steps, 2, AutoresetMode.NEXT_STEP, 1)) {
            assertEquals(7, ((TimeLimit) vector.env(1)).maxEpisodeSteps());
        }
    }

    @Test
    void makeVectorTakesTheAutoresetMode() {
        try (VectorEnv sameStep = Envs.makeVector("CartPole-v1", 3, AutoresetMode.SAME_STEP);
             VectorEnv nextStep = Envs.makeVector("CartPole-v1", 2, AutoresetMode.NEXT_STEP);
             VectorEnv byDefault = Envs.makeVector("CartPole-v1", 2)) {
            assertEquals(AutoresetMode.SAME_STEP, sameStep.autoresetMode());
            assertEquals(3, sameStep.numEnvs());
            assertEquals(500, ((TimeLimit) sameStep.env(0)).maxEpisodeSteps(), "the id's time limit");
            assertEquals(AutoresetMode.NEXT_STEP, nextStep.autoresetMode());
            assertEquals(AutoresetMode.NEXT_STEP, byDefault.autoresetMode(), "Gymnasium's default");
        }
    }

    @Test
    void registeredEnvIsMadeWithItsOptions() {
        Envs.register(new EnvSpec("Test/Echo-v0", "echoes the action", 3, List.of("length"),
                o -> new EchoEnv(o.integer("length", 10))));
        Env env = Envs.make("Test/Echo-v0", Map.of("length", 2));
        env.reset(0);
        env.step(1);
        Step end = env.step(1);
        assertTrue(end.terminated());
        assertFalse(end.truncated());
    }
}
