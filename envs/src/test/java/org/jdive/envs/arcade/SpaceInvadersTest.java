package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpaceInvadersTest {

    private static final int NOOP = 0;
    private static final int FIRE = 5;

    private SpaceInvaders game;

    @BeforeEach
    void setUp() {
        game = new SpaceInvaders(ArcadeSettings.MINATAR.withStickyActionProb(0));
        game.reset(3);
        game.setEnemyShotTimer(1000);
    }

    @Test
    void startsWithSixColumnsOfFourAliensMarchingLeft() {
        for (int row = 0; row < 4; row++) {
            assertEquals(0b0011111100, game.alienRow(row));
        }
        assertEquals(0, game.alienRow(4));
        assertEquals(-1, game.alienDirection());
        assertEquals(12, game.moveTimer());
    }

    @Test
    void aliensStepSidewaysWhenTheirTimerRunsOut() {
        game.setAliens(0, 1 << 5);
        game.setMoveTimer(0);
        game.step(NOOP);
        assertEquals(1 << 4, game.alienRow(1));
        assertEquals(0, game.moveTimer(), "a lone alien moves every frame: min(1 alien, 12) - 1");
    }

    @Test
    void theBlockMovesEveryMinOfAliensLeftAndTheIntervalFrames() {
        game.setAliens(0b111);
        game.setAlienDirection(1);
        game.setMoveTimer(0);
        game.step(NOOP);
        assertEquals(0b1110, game.alienRow(0));
        assertEquals(2, game.moveTimer(), "3 aliens: a move every 3 frames");
    }

    @Test
    void atTheEdgeTheBlockStepsDownAndTurns() {
        game.setAliens(1, 1);
        game.setMoveTimer(0);
        game.step(NOOP);
        assertEquals(0, game.alienRow(0));
        assertEquals(1, game.alienRow(1));
        assertEquals(1, game.alienRow(2));
        assertEquals(1, game.alienDirection());
    }

    @Test
    void aBulletRemovesTheAlienItMeetsAndPaysOne() {
        game.setAliens(0, 0, 0, 0, 1 << 5);
        game.setFriendlyBullet(5, 5);
        game.step(NOOP);
        assertEquals(1f, game.lastReward());
        assertEquals(0, game.alienRow(4) & (1 << 5));
    }

    @Test
    void firedBulletsRiseOneRowPerFrameAndTheCannonCoolsDownFiveFrames() {
        game.setAliens(1 << 5);
        game.setCannon(5);
        float reward = 0;
        int shots = 0;
        for (int frame = 0; frame < 9; frame++) {
            float[] obs = game.step(FIRE).observation();
            reward += game.lastReward();
            shots += obs[(8 * 10 + 5) * 6 + 4] > 0 ? 1 : 0;
        }
        assertEquals(2, shots, "fired on frames 1 and 6");
        assertEquals(1f, reward, "the first bullet reaches row 0 on frame 9");
    }

    @Test
    void eachClearedWaveIsReplacedByAFasterOne() {
        for (int wave = 1; wave <= 8; wave++) {
            game.setAliens(0, 0, 0, 0, 1 << 5);
            game.setFriendlyBullet(5, 5);
            game.setMoveTimer(100);
            game.step(NOOP);
            assertEquals(0b0011111100, game.alienRow(0), "a new wave appears");
            assertEquals(Math.max(6, 12 - wave), game.moveInterval());
        }
        assertEquals(6, game.rampLevel());

        SpaceInvaders steady = new SpaceInvaders(ArcadeSettings.MINATAR.withDifficultyRamping(false)
                .withStickyActionProb(0));
        steady.reset(3);
        steady.setAliens(0, 0, 0, 0, 1 << 5);
        steady.setFriendlyBullet(5, 5);
        steady.step(NOOP);
        assertEquals(12, steady.moveInterval());
    }

    @Test
    void enemyBulletsFallAndKillTheCannon() {
        game.setCannon(3);
        game.setEnemyBullet(7, 3);
        game.step(NOOP);
        assertFalse(game.lastTerminated());
        game.step(NOOP);
        assertTrue(game.lastTerminated());
    }

    @Test
    void theLowestAlienOfTheColumnNearestTheCannonFires() {
        game.setAliens(1 << 2 | 1 << 7, 1 << 2);
        game.setMoveTimer(100);
        game.setCannon(4);
        game.setEnemyShotTimer(0);
        game.step(NOOP);
        assertEquals(1 << 2, game.enemyBulletRow(1));

        game.setAliens(1 << 3 | 1 << 5);
        game.setEnemyShotTimer(0);
        game.step(NOOP);
        assertEquals(1 << 3, game.enemyBulletRow(0), "on a tie the left column fires");
    }

    @Test
    void anAlienReachingTheCannonTerminates() {
        game.setAliens(0, 0, 0, 0, 0, 0, 0, 0, 0, 1 << 4);
        game.setCannon(3);
        game.setAlienDirection(-1);
        game.setMoveTimer(0);
        game.step(NOOP);
        assertTrue(game.lastTerminated());
    }

    @Test
    void theDirectionChannelsRepeatTheAliensOfTheCurrentDirection() {
        float[] obs = game.reset(3).observation();
        int cell = (0 * 10 + 2) * 6;
        assertEquals(1f, obs[cell + 1]);
        assertEquals(1f, obs[cell + 2]);
        assertEquals(0f, obs[cell + 3]);
    }
}
