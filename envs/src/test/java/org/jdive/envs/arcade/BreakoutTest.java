package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.jdive.envs.Frame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BreakoutTest {

    private static final int NOOP = 0;
    private static final int LEFT = 1;
    private static final int RIGHT = 3;

    private Breakout game;

    @BeforeEach
    void setUp() {
        game = new Breakout(ArcadeSettings.MINATAR.withStickyActionProb(0));
        game.reset(7);
        game.clearBricks();
        game.setPaddle(0);
    }

    @Test
    void startsWithThreeRowsOfBricksAndTheBallInRowThreeAtAnEdgeMovingDown() {
        for (long seed = 0; seed < 20; seed++) {
            game.reset(seed);
            assertEquals(30, game.brickCount());
            assertEquals(3, game.ballY());
            assertEquals(1, game.dy());
            assertTrue(game.ballX() == 0 && game.dx() == 1 || game.ballX() == 9 && game.dx() == -1);
        }
    }

    @Test
    void aBrickPaysOneDisappearsAndReflectsTheBall() {
        game.setBrick(3, 5, true);
        game.place(4, 4, 1, -1);

        game.step(NOOP);

        assertEquals(1f, game.lastReward());
        assertFalse(game.brick(3, 5));
        assertEquals(5, game.ballX());
        assertEquals(4, game.ballY(), "the ball stays in its row on the frame it breaks a brick");
        assertEquals(1, game.dy());
        assertEquals(1, game.dx());
    }

    @Test
    void aBrickTouchedOnTheFrameAfterAStrikeIsPassedThrough() {
        game.setBrick(3, 5, true);
        game.setBrick(3, 7, true);
        game.place(4, 4, 1, -1);
        game.step(NOOP);
        game.place(6, 4, 1, -1);

        game.step(NOOP);

        assertEquals(0f, game.lastReward());
        assertTrue(game.brick(3, 7));
        assertEquals(7, game.ballX());
        assertEquals(3, game.ballY());
    }

    @Test
    void sideWallsReflectHorizontallyAndTheTopWallVertically() {
        game.place(9, 5, 1, 1);
        game.step(NOOP);
        assertEquals(9, game.ballX());
        assertEquals(6, game.ballY());
        assertEquals(-1, game.dx());

        game.place(3, 0, -1, -1);
        game.step(NOOP);
        assertEquals(2, game.ballX());
        assertEquals(0, game.ballY());
        assertEquals(1, game.dy());
    }

    @Test
    void thePaddleReturnsABallFromAboveVerticallyAndFromTheSideInBothAxes() {
        game.setPaddle(4);
        game.place(4, 8, 1, 1);
        game.step(NOOP);
        assertFalse(game.lastTerminated());
        assertEquals(5, game.ballX());
        assertEquals(8, game.ballY());
        assertEquals(1, game.dx());
        assertEquals(-1, game.dy());

        game.place(3, 8, 1, 1);
        game.step(NOOP);
        assertFalse(game.lastTerminated());
        assertEquals(4, game.ballX());
        assertEquals(-1, game.dx());
        assertEquals(-1, game.dy());
    }

    @Test
    void missingTheBallTerminatesAndLaterStepsChangeNothing() {
        game.setPaddle(0);
        game.place(5, 8, 1, 1);
        game.step(NOOP);
        assertTrue(game.lastTerminated());

        game.step(LEFT);
        assertTrue(game.lastTerminated());
        assertEquals(0f, game.lastReward());
        assertEquals(6, game.ballX());
    }

    @Test
    void threeNewRowsOfBricksAppearWhenTheBallReachesTheBottomWithNoneLeft() {
        game.setPaddle(6);
        game.place(5, 8, 1, 1);
        game.step(NOOP);
        assertEquals(30, game.brickCount());

        game.reset(7);
        game.setBrick(2, 2, false);
        game.setPaddle(6);
        game.place(5, 8, 1, 1);
        game.step(NOOP);
        assertEquals(29, game.brickCount(), "no refill while bricks remain");
    }

    @Test
    void thePaddleMovesOneCellAndStopsAtTheWalls() {
        game.place(0, 0, 1, 1);
        game.step(LEFT);
        float[] obs = game.step(RIGHT).observation();
        assertEquals(1f, obs[(9 * 10 + 1) * 4]);
    }

    @Test
    void theObservationHoldsPaddleBallTrailAndBricksInMinAtarsChannels() {
        game.setBrick(2, 3, true);
        game.setPaddle(2);
        game.place(6, 6, 1, 1);
        float[] obs = game.step(NOOP).observation();

        assertEquals(400, obs.length);
        assertEquals(1f, obs[(9 * 10 + 2) * 4]);
        assertEquals(1f, obs[(7 * 10 + 7) * 4 + 1]);
        assertEquals(1f, obs[(6 * 10 + 6) * 4 + 2]);
        assertEquals(1f, obs[(2 * 10 + 3) * 4 + 3]);
        double sum = 0;
        for (float v : obs) {
            sum += v;
        }
        assertEquals(4.0, sum);
    }

    @Test
    void rendersEachCellInItsTopChannelsColourAndAsText() {
        game.setPaddle(2);
        game.place(6, 6, 1, 1);
        Frame frame = game.render();
        assertEquals(160, frame.width());
        int p = ((9 * 16 + 8) * 160 + 2 * 16 + 8) * 3;
        int paddle = ArcadePalette.rgb(0);
        assertEquals((byte) (paddle >>> 16), frame.rgb()[p]);
        assertEquals((byte) paddle, frame.rgb()[p + 2]);

        String[] lines = game.renderText().split("\n");
        assertEquals("..=.......", lines[9]);
        assertEquals("......*...", lines[6], "ball and trail share a cell; the trail's channel is higher");
    }

    /** MinAtar's README: a random policy scores 0.5 +/- 0.023 (standard error over 1,000 episodes). */
    @Test
    void aRandomPolicyScoresAboutMinAtarsPublishedHalfPointPerEpisode() {
        Breakout env = new Breakout(ArcadeSettings.MINATAR);
        UniformRandomProvider policy = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        env.reset(2024);
        int episodes = 4000;
        double total = 0;
        for (int e = 0; e < episodes; e++) {
            env.reset();
            do {
                env.step(policy.nextInt(6));
                total += env.lastReward();
            } while (!env.lastTerminated());
        }
        double mean = total / episodes;
        // Our standard error over 4,000 episodes is about 0.012; 0.06 allows MinAtar's and ours together at 4 sigma.
        assertEquals(0.5, mean, 0.06, "mean return of a random policy");
    }
}
