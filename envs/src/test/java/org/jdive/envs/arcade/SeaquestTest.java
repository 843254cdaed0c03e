package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeaquestTest {

    private static final int NOOP = 0;
    private static final int LEFT = 1;
    private static final int UP = 2;
    private static final int RIGHT = 3;
    private static final int DOWN = 4;
    private static final int FIRE = 5;
    private static final int NEVER = 1_000_000;

    /** A game with no spawns, the sub at (x, y) facing left. */
    private static Seaquest quietGame(boolean diverCountQuirk, int x, int y) {
        Seaquest game = new Seaquest(ArcadeSettings.MINATAR.withStickyActionProb(0), diverCountQuirk);
        game.reset(9);
        game.setSpawnTimers(NEVER, NEVER);
        game.setSub(x, y, false);
        return game;
    }

    @Test
    void oxygenLastsTwoHundredFramesAndTheSubDiesTheFrameAfterItRunsOut() {
        Seaquest game = quietGame(true, 5, 4);
        for (int frame = 1; frame <= 201; frame++) {
            game.step(NOOP);
            assertFalse(game.lastTerminated(), "frame " + frame);
        }
        assertEquals(-1, game.oxygen());
        game.step(NOOP);
        assertTrue(game.lastTerminated());
    }

    @Test
    void theOxygenGaugeShowsOneCellPerTwentyUnits() {
        Seaquest game = quietGame(true, 5, 4);
        game.setOxygen(139);
        float[] obs = game.step(NOOP).observation();
        int lit = 0;
        for (int col = 0; col < 10; col++) {
            lit += (int) obs[(9 * 10 + col) * 10 + 7];
        }
        assertEquals(6, lit, "138 units");
    }

    @Test
    void surfacingWithNoDiverTerminates() {
        Seaquest game = quietGame(true, 5, 1);
        game.step(UP);
        assertTrue(game.lastTerminated());
    }

    @Test
    void surfacingWithFewerThanSixDiversRefillsOxygenForOneDiverAndRamps() {
        Seaquest game = quietGame(true, 5, 1);
        game.setDiverCount(3);
        game.setOxygen(50);
        game.step(UP);
        assertFalse(game.lastTerminated());
        assertEquals(0f, game.lastReward());
        assertEquals(2, game.diverCount());
        assertEquals(200, game.oxygen());
        assertEquals(19, game.spawnInterval());
        assertEquals(5, game.moveInterval());

        game.step(DOWN);
        game.step(UP);
        assertEquals(18, game.spawnInterval());
        assertEquals(4, game.moveInterval(), "the move interval shrinks on every second surfacing");
    }

    @Test
    void surfacingWithSixDiversPaysOnePointPerLitOxygenCell() {
        Seaquest game = quietGame(true, 5, 1);
        game.setDiverCount(6);
        game.setOxygen(150);
        game.step(UP);
        assertEquals(7f, game.lastReward());
        assertEquals(200, game.oxygen());
    }

    @Test
    void withMinAtarsQuirkSixDiversSurfaceToMinusOneAndTheNextSurfacingIsNotFatal() {
        Seaquest game = quietGame(true, 5, 1);
        game.setDiverCount(6);
        game.step(UP);
        assertEquals(-1, game.diverCount());

        game.step(DOWN);
        game.step(UP);
        assertFalse(game.lastTerminated());
        assertEquals(-2, game.diverCount());
    }

    @Test
    void withoutTheQuirkSixDiversSurfaceToZeroAndTheNextSurfacingIsFatal() {
        Seaquest game = quietGame(false, 5, 1);
        game.setDiverCount(6);
        game.step(UP);
        assertEquals(0, game.diverCount());

        game.step(DOWN);
        game.step(UP);
        assertTrue(game.lastTerminated());
    }

    @Test
    void movingOntoADiverRescuesItUnlessSixAreAboard() {
        Seaquest game = quietGame(true, 5, 3);
        game.addDiver(6, 3, -1, 5);
        game.step(RIGHT);
        assertEquals(1, game.diverCount());

        Seaquest full = quietGame(true, 5, 3);
        full.setDiverCount(6);
        full.addDiver(6, 3, -1, 5);
        full.step(RIGHT);
        assertEquals(6, full.diverCount());
        float[] obs = full.step(NOOP).observation();
        assertEquals(1f, obs[(3 * 10 + 6) * 10 + 9], "the diver stays");
    }

    @Test
    void aBulletThatMeetsAFishRemovesItAndPaysOne() {
        Seaquest game = quietGame(true, 3, 4);
        game.setSub(3, 4, true);
        game.addFish(5, 4, -1, 5);
        game.step(FIRE);
        assertEquals(0f, game.lastReward());
        game.step(NOOP);
        assertEquals(1f, game.lastReward());
        assertEquals(0, game.fishCount());
    }

    @Test
    void aFishSwimmingIntoTheSubTerminates() {
        Seaquest game = quietGame(true, 5, 4);
        game.addFish(6, 4, -1, 0);
        game.step(NOOP);
        assertTrue(game.lastTerminated());
    }

    @Test
    void enemySubsFireBulletsThatKill() {
        Seaquest game = quietGame(true, 5, 4);
        game.addEnemySub(2, 4, 1, 50, 0);
        game.step(NOOP);
        assertEquals(1, game.enemyBulletCount());
        game.step(NOOP);
        assertFalse(game.lastTerminated());
        game.step(NOOP);
        assertTrue(game.lastTerminated(), "the bullet, fired at column 2, reaches column 5 on the third frame");
    }

    @Test
    void theSubShowsItsFrontAndTheBackBehindIt() {
        Seaquest game = quietGame(true, 5, 4);
        float[] obs = game.step(LEFT).observation();
        assertEquals(1f, obs[(4 * 10 + 4) * 10]);
        assertEquals(1f, obs[(4 * 10 + 5) * 10 + 1]);
    }
}
