package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jdive.envs.Env;
import org.jdive.envs.EnvSpec;
import org.jdive.envs.Envs;
import org.jdive.envs.spaces.Discrete;
import org.junit.jupiter.api.Test;

class ArcadeFamilyTest {

    @Test
    void registersEveryGameUnderMinAtarsIdsWithoutATimeLimit() {
        Map<String, Integer> minimalActions = Map.of("MinAtar/Asterix", 5, "MinAtar/Breakout", 3,
                "MinAtar/Freeway", 3, "MinAtar/Seaquest", 6, "MinAtar/SpaceInvaders", 4, "jdive/Pong", 3);
        minimalActions.forEach((name, n) -> {
            assertEquals(0, Envs.spec(name + "-v0").maxEpisodeSteps(), name);
            assertEquals(new Discrete(6), Envs.make(name + "-v0").actionSpace(), name);
            Env minimal = Envs.make(name + "-v1");
            assertInstanceOf(ArcadeGame.class, minimal, "no TimeLimit wrapper");
            assertEquals(new Discrete(n), minimal.actionSpace(), name);
        });
        assertTrue(Envs.list().stream().map(EnvSpec::id).anyMatch("MinAtar/Breakout-v1"::equals));
    }

    @Test
    void optionsSwitchRampingAndStickyActionsAndSeaquestsQuirk() {
        SpaceInvaders steady = (SpaceInvaders) Envs.make("MinAtar/SpaceInvaders-v1",
                Map.of("difficulty_ramping", false, "sticky_action_prob", 0.0));
        steady.reset(1);
        steady.setAliens(0, 0, 0, 0, 1 << 5);
        steady.setFriendlyBullet(5, 5);
        steady.step(0);
        assertEquals(12, steady.moveInterval());

        Seaquest readmeRule = (Seaquest) Envs.make("MinAtar/Seaquest-v0",
                Map.of("diver_count_quirk", false, "sticky_action_prob", 0.0));
        readmeRule.reset(1);
        readmeRule.setSub(5, 1, false);
        readmeRule.setDiverCount(6);
        readmeRule.step(2);
        assertEquals(0, readmeRule.diverCount());
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Envs.make("MinAtar/Breakout-v1", Map.of("sticky_action_prob", 1.5)));
        assertTrue(e.getMessage().contains("sticky_action_prob"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Envs.make("MinAtar/Breakout-v1", Map.of("diver_count_quirk", false)));
    }
}
