package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsterixTest {

    private static final int NOOP = 0;
    private static final int RIGHT = 3;

    private Asterix game;

    @BeforeEach
    void setUp() {
        game = new Asterix(ArcadeSettings.MINATAR.withStickyActionProb(0));
        game.reset(5);
        game.setTimers(100, 100);
    }

    @Test
    void steppingOntoGoldPaysOneAndRemovesIt() {
        game.put(4, 6, false, true);
        game.step(RIGHT);
        assertEquals(1f, game.lastReward());
        assertFalse(game.occupied(4));
        assertFalse(game.lastTerminated());
    }

    @Test
    void steppingOntoAnEnemyTerminates() {
        game.put(4, 6, false, false);
        game.step(RIGHT);
        assertTrue(game.lastTerminated());
        assertEquals(0f, game.lastReward());
    }

    @Test
    void anEnemyMovingOntoThePlayerTerminates() {
        game.put(4, 7, false, false);
        game.setPlayer(6, 5);
        game.setTimers(100, 0);
        game.step(NOOP);
        assertEquals(6, game.entityX(4));
        assertTrue(game.lastTerminated());
    }

    @Test
    void entitiesMoveEveryMoveIntervalFramesAndVanishPastTheEdge() {
        game.put(0, 1, false, true);
        game.setTimers(100, 0);
        game.step(NOOP);
        assertEquals(0, game.entityX(0));
        for (int frame = 0; frame < 4; frame++) {
            game.step(NOOP);
            assertEquals(0, game.entityX(0));
        }
        game.step(NOOP);
        assertFalse(game.occupied(0));
    }

    @Test
    void spawnsAppearAtAnEdgeInAFreeRowAndAreGoldAThirdOfTheTime() {
        int golds = 0;
        int spawns = 3000;
        for (int i = 0; i < spawns; i++) {
            game.reset(100 + i);
            for (int lane = 0; lane < Asterix.LANES; lane++) {
                if (lane != 3) {
                    game.put(lane, 5, true, false);
                }
            }
            game.setPlayer(5, 1);
            game.setTimers(0, 100);
            game.step(NOOP);
            assertTrue(game.occupied(3), "the only free row gets the spawn");
            assertTrue(game.entityX(3) == 0 || game.entityX(3) == 9);
            golds += game.gold(3) ? 1 : 0;
        }
        // Binomial(3000, 1/3): standard deviation 26; 5 sigma is 130.
        assertEquals(1000, golds, 130);
    }

    @Test
    void nothingSpawnsWhenEveryRowIsTaken() {
        for (int lane = 0; lane < Asterix.LANES; lane++) {
            game.put(lane, 2, true, true);
        }
        game.setPlayer(8, 8);
        game.setTimers(0, 100);
        game.step(NOOP);
        for (int lane = 0; lane < Asterix.LANES; lane++) {
            assertEquals(2, game.entityX(lane));
        }
    }

    @Test
    void withRampingSpawnsSpeedUpEvery102FramesAndMovesEverySecondTime() {
        int[] spawnAfterRamp = new int[4];
        int[] moveAfterRamp = new int[4];
        for (int frame = 1; frame <= 408; frame++) {
            game.clearEntities();
            game.step(NOOP);
            if (frame % 102 == 0) {
                spawnAfterRamp[frame / 102 - 1] = game.spawnInterval();
                moveAfterRamp[frame / 102 - 1] = game.moveInterval();
            }
        }
        assertEquals(4, game.rampLevel());
        assertArrayEquals(new int[] {9, 8, 7, 6}, spawnAfterRamp);
        assertArrayEquals(new int[] {5, 4, 4, 3}, moveAfterRamp);

        Asterix steady = new Asterix(ArcadeSettings.MINATAR.withDifficultyRamping(false).withStickyActionProb(0));
        steady.reset(5);
        for (int frame = 0; frame < 300; frame++) {
            steady.clearEntities();
            steady.step(NOOP);
        }
        assertEquals(10, steady.spawnInterval());
    }
}
