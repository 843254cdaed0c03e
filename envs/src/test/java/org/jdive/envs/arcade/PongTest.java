package org.jdive.envs.arcade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PongTest {

    private static final int NOOP = 0;

    private Pong game;

    @BeforeEach
    void setUp() {
        game = new Pong(ArcadeSettings.MINATAR.withStickyActionProb(0));
        game.reset(4);
    }

    @Test
    void theFirstServeGoesFromTheMiddleTowardsTheAgent() {
        for (long seed = 0; seed < 10; seed++) {
            game.reset(seed);
            assertEquals(4, game.ballY());
            assertEquals(1, game.dy());
        }
    }

    @Test
    void thePaddleReturnsTheBallOffTheSideItHits() {
        game.setPaddles(4, 0);
        game.place(3, 8, 1, 1);
        game.step(NOOP);
        assertEquals(4, game.ballX());
        assertEquals(8, game.ballY());
        assertEquals(-1, game.dx(), "off the paddle's left cell the ball goes left");
        assertEquals(-1, game.dy());

        game.place(6, 8, -1, 1);
        game.step(NOOP);
        assertEquals(5, game.ballX());
        assertEquals(1, game.dx(), "off the right cell it goes right");
    }

    @Test
    void aBallPastTheOpponentPaysOneAndIsServedTowardsIt() {
        game.setPaddles(4, 7);
        game.place(2, 1, -1, -1);
        game.step(NOOP);
        assertEquals(1f, game.lastReward());
        assertEquals(5, game.ballY());
        assertEquals(-1, game.dy());
    }

    @Test
    void aBallPastTheAgentCostsOneAndTheGameEndsAtFivePoints() {
        for (int point = 1; point <= 5; point++) {
            game.setPaddles(0, 0);
            game.place(6, 8, 1, 1);
            game.step(NOOP);
            assertEquals(-1f, game.lastReward());
            assertEquals(point == 5, game.lastTerminated(), "after point " + point);
        }
    }

    @Test
    void theOpponentFollowsTheBallEverySecondFrame() {
        game.setPaddles(4, 0);
        game.place(9, 5, 0, 0);
        int[] expected = {0, 0, 1, 1, 2, 2, 3};
        for (int frame = 0; frame < expected.length; frame++) {
            game.step(NOOP);
            assertEquals(expected[frame], game.opponent(), "frame " + (frame + 1));
        }
        assertFalse(game.lastTerminated());
    }

    @Test
    void theOpponentReturnsABallThatReachesItsPaddle() {
        game.setPaddles(4, 3);
        game.place(3, 1, 1, -1);
        game.step(NOOP);
        assertEquals(0f, game.lastReward());
        assertEquals(1, game.dy());
        assertTrue(game.ballY() >= 1);
    }
}
