package org.jdive.envs.arcade;

import java.util.Arrays;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * MinAtar Breakout: a paddle on the bottom row bounces a diagonally moving ball into three rows of bricks.
 *
 * <p>Channels: 0 paddle, 1 ball, 2 trail (the ball's previous cell, which gives its direction), 3 brick.
 * Minimal actions: no-op, left, right. No difficulty ramp.
 *
 * <p>Rules: a brick hit pays +1, is removed, and reflects the ball vertically (the ball stays in its row
 * this frame); a second brick touched on the very next frame is passed through, not broken (MinAtar's
 * strike flag). Side walls reflect horizontally and the top wall vertically. On reaching the bottom row the
 * ball bounces back if it comes from straight above the paddle (vertical reflection) or lands on it from
 * the side (reflection in both axes), else the episode terminates. Whenever the ball reaches the bottom row
 * with no bricks left, three fresh rows appear. The ball starts in row 3 at the left edge moving down-right
 * or at the right edge moving down-left, with equal probability.
 */
public final class Breakout extends ArcadeGame {

    static final int BRICK_TOP_ROW = 1;
    static final int BRICK_ROWS = 3;
    private static final int BOTTOM = GRID - 1;

    private final boolean[] bricks = new boolean[GRID * GRID];
    private int brickCount;
    private int paddle;
    private int ballX;
    private int ballY;
    private int dx;
    private int dy;
    private int trailX;
    private int trailY;
    private boolean struckLastFrame;

    /**
     * A game set up by {@code settings} (action set, difficulty ramping, sticky actions); the ids {@code
     * MinAtar/Breakout-v0} and {@code -v1} build it with MinAtar's defaults.
     */
    public Breakout(ArcadeSettings settings) {
        super(new String[] {"paddle", "ball", "trail", "brick"}, "=o*#", "nlr", settings);
    }

    @Override
    void startGame() {
        boolean fromLeft = rng.nextBoolean();
        place(fromLeft ? 0 : GRID - 1, 3, fromLeft ? 1 : -1, 1);
        paddle = 4;
        fillBrickRows();
        struckLastFrame = false;
    }

    private void fillBrickRows() {
        Arrays.fill(bricks, false);
        Arrays.fill(bricks, BRICK_TOP_ROW * GRID, (BRICK_TOP_ROW + BRICK_ROWS) * GRID, true);
        brickCount = BRICK_ROWS * GRID;
    }

    @Override
    int playFrame(int action) {
        if (action == LEFT) {
            paddle = Math.max(0, paddle - 1);
        } else if (action == RIGHT) {
            paddle = Math.min(GRID - 1, paddle + 1);
        }
        trailX = ballX;
        trailY = ballY;
        int x = ballX + dx;
        int y = ballY + dy;
        if (x < 0 || x >= GRID) {
            x = x < 0 ? 0 : GRID - 1;
            dx = -dx;
        }
        int reward = 0;
        boolean touchingBrick = false;
        if (y < 0) {
            y = 0;
            dy = -dy;
        } else if (bricks[y * GRID + x]) {
            touchingBrick = true;
            if (!struckLastFrame) {
                reward = 1;
                struckLastFrame = true;
                bricks[y * GRID + x] = false;
                brickCount--;
                y = trailY;
                dy = -dy;
            }
        } else if (y == BOTTOM) {
            if (brickCount == 0) {
                fillBrickRows();
            }
            if (trailX == paddle) {
                dy = -dy;
                y = trailY;
            } else if (x == paddle) {
                dx = -dx;
                dy = -dy;
                y = trailY;
            } else {
                terminal = true;
            }
        }
        if (!touchingBrick) {
            struckLastFrame = false;
        }
        ballX = x;
        ballY = y;
        return reward;
    }

    @Override
    void draw(float[] obs, int offset) {
        mark(obs, offset, BOTTOM, paddle, 0);
        mark(obs, offset, ballY, ballX, 1);
        mark(obs, offset, trailY, trailX, 2);
        for (int cell = BRICK_TOP_ROW * GRID; cell < (BRICK_TOP_ROW + BRICK_ROWS) * GRID; cell++) {
            if (bricks[cell]) {
                mark(obs, offset, cell / GRID, cell % GRID, 3);
            }
        }
    }

    /** Puts the ball at (x, y) moving by (dx, dy), each ±1, with its trail on the ball itself. */
    void place(int x, int y, int dx, int dy) {
        ballX = x;
        ballY = y;
        trailX = x;
        trailY = y;
        this.dx = dx;
        this.dy = dy;
    }

    void setPaddle(int column) {
        paddle = column;
    }

    void setBrick(int row, int col, boolean present) {
        if (row < BRICK_TOP_ROW || row >= BRICK_TOP_ROW + BRICK_ROWS) {
            throw new IllegalArgumentException("bricks live in rows " + BRICK_TOP_ROW + ".."
                    + (BRICK_TOP_ROW + BRICK_ROWS - 1) + ", not " + row);
        }
        if (bricks[row * GRID + col] != present) {
            bricks[row * GRID + col] = present;
            brickCount += present ? 1 : -1;
        }
    }

    void clearBricks() {
        Arrays.fill(bricks, false);
        brickCount = 0;
    }

    int ballX() {
        return ballX;
    }

    int ballY() {
        return ballY;
    }

    int dx() {
        return dx;
    }

    int dy() {
        return dy;
    }

    int brickCount() {
        return brickCount;
    }

    boolean brick(int row, int col) {
        return bricks[row * GRID + col];
    }

    @Override
    void saveGame(StateWriter out) {
        out.writeBooleans(bricks);
        out.writeInt(brickCount);
        out.writeInt(paddle);
        out.writeInt(ballX);
        out.writeInt(ballY);
        out.writeInt(dx);
        out.writeInt(dy);
        out.writeInt(trailX);
        out.writeInt(trailY);
        out.writeBoolean(struckLastFrame);
    }

    @Override
    void restoreGame(StateReader in) {
        in.readBooleans(bricks);
        brickCount = in.readInt();
        paddle = in.readInt();
        ballX = in.readInt();
        ballY = in.readInt();
        dx = in.readInt();
        dy = in.readInt();
        trailX = in.readInt();
        trailY = in.readInt();
        struckLastFrame = in.readBoolean();
    }
}
