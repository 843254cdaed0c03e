package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FreewayTest {

    private static final int NOOP = 0;
    private static final int UP = 2;

    private Freeway game;

    @BeforeEach
    void setUp() {
        game = new Freeway(ArcadeSettings.MINATAR.withStickyActionProb(0));
        game.reset(11);
    }

    @Test
    void theEpisodeEndsOnTheStepThatRunsTheTwoThousandFiveHundredFrameTimerOut() {
        for (int frame = 1; frame <= 2500; frame++) {
            game.step(NOOP);
            assertFalse(game.lastTerminated(), "frame " + frame);
        }
        game.step(NOOP);
        assertTrue(game.lastTerminated());
    }

    @Test
    void carsStartInColumnZeroWithSpeedsOneToFive() {
        for (long seed = 0; seed < 30; seed++) {
            game.reset(seed);
            for (int car = 0; car < Freeway.CARS; car++) {
                assertEquals(0, game.carX(car));
                int speed = Math.abs(game.carVelocity(car));
                assertTrue(speed >= 1 && speed <= 5, "speed " + speed);
            }
        }
    }

    @Test
    void aCarOfSpeedSMovesOnceEverySPlusOneFramesAndWrapsAround() {
        game.setChickenRow(9);
        game.setCar(0, 2, 3);
        game.setCar(1, 0, -1);
        int[] expectedSlow = {2, 2, 2, 3, 3, 3, 3, 4};
        int[] expectedFast = {0, 9, 9, 8, 8, 7, 7, 6};
        for (int frame = 0; frame < 8; frame++) {
            game.step(NOOP);
            assertEquals(expectedSlow[frame], game.carX(0), "speed 3, frame " + (frame + 1));
            assertEquals(expectedFast[frame], game.carX(1), "speed 1 leftward, frame " + (frame + 1));
        }
    }

    @Test
    void reachingTheTopPaysOneAndReturnsTheChickenToTheBottom() {
        game.setChickenRow(1);
        game.setMoveTimer(0);
        game.setCar(0, 8, 5);
        game.step(UP);
        assertEquals(1f, game.lastReward());
        assertEquals(9, game.chickenRow());
    }

    @Test
    void theChickenMovesAtMostOnceEveryThreeFrames() {
        for (int car = 0; car < Freeway.CARS; car++) {
            game.setCar(car, 0, 5);
        }
        game.setMoveTimer(0);
        int[] expected = {8, 8, 8, 7, 7, 7, 6};
        for (int frame = 0; frame < expected.length; frame++) {
            game.step(UP);
            assertEquals(expected[frame], game.chickenRow(), "frame " + (frame + 1));
        }
    }

    @Test
    void aCarDrivingIntoTheChickenSendsItBackToTheBottom() {
        for (int car = 0; car < Freeway.CARS; car++) {
            game.setCar(car, 0, 5);
        }
        game.setChickenRow(3);
        game.setCar(2, 3, 1);
        game.step(NOOP);
        assertEquals(3, game.chickenRow());
        game.step(NOOP);
        assertEquals(9, game.chickenRow());
    }

    @Test
    void eachCarsTrailSitsBehindItInTheChannelOfItsSpeed() {
        game.setCar(0, 5, 3);
        game.setCar(1, 0, -2);
        float[] obs = new float[10 * 10 * 7];
        game.observeInto(obs, 0);
        assertEquals(1f, obs[(1 * 10 + 5) * 7 + 1]);
        assertEquals(1f, obs[(1 * 10 + 4) * 7 + 4], "speed 3: channel speed3 at the car's left");
        assertEquals(1f, obs[(2 * 10 + 1) * 7 + 3], "speed 2 leftward: channel speed2, wrapped to the right");
        assertEquals(1f, obs[(9 * 10 + 4) * 7], "the chicken");
    }
}
