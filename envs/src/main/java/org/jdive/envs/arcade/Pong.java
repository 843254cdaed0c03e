package org.jdive.envs.arcade;

import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * Pong in MinAtar's style (jdive's own game, the exercise D2L suggests): the agent's two-cell paddle on the
 * bottom row plays against a scripted two-cell paddle on the top row.
 *
 * <p>Channels: 0 paddle, 1 opponent, 2 ball, 3 trail (the ball's previous cell). Minimal actions: no-op,
 * left, right. No difficulty ramp.
 *
 * <p>Rules: the ball moves one cell diagonally per frame; side walls reflect it horizontally (it keeps its
 * column on the frame it bounces, as in Breakout). A paddle whose cells include the ball's next column
 * returns it, sending it left off the paddle's left cell and right off its right cell. A ball that passes
 * the opponent pays +1, one that passes the agent pays -1; after each point the ball is served again from
 * the middle row towards the side that lost the point, in a random column and direction. The opponent
 * follows the ball's column but moves only every second frame, so fast diagonal balls beat it. The episode
 * terminates when either side has {@value #POINTS_TO_WIN} points. The first serve goes towards the agent.
 */
public final class Pong extends ArcadeGame {

    static final int POINTS_TO_WIN = 5;
    static final int OPPONENT_MOVE_INTERVAL = 2;
    static final int PADDLE_WIDTH = 2;
    private static final int BOTTOM = GRID - 1;

    private int paddle;
    private int opponent;
    private int opponentTimer;
    private int ballX;
    private int ballY;
    private int dx;
    private int dy;
    private int trailX;
    private int trailY;
    private int agentPoints;
    private int opponentPoints;

    /**
     * A game set up by {@code settings} (action set, difficulty ramping, sticky actions); the ids {@code jdive/Pong-v0}
     * and {@code -v1} build it with MinAtar's defaults.
     */
    public Pong(ArcadeSettings settings) {
        super(new String[] {"paddle", "opponent", "ball", "trail"}, "=Ho*", "nlr", settings);
    }

    @Override
    void startGame() {
        paddle = (GRID - PADDLE_WIDTH) / 2;
        opponent = paddle;
        opponentTimer = OPPONENT_MOVE_INTERVAL;
        agentPoints = 0;
        opponentPoints = 0;
        serveTowards(1);
    }

    /** Serves from the middle towards the agent ({@code direction} +1) or the opponent (-1). */
    private void serveTowards(int direction) {
        place(rng.nextInt(GRID), direction > 0 ? GRID / 2 - 1 : GRID / 2, rng.nextBoolean() ? 1 : -1, direction);
    }

    @Override
    int playFrame(int action) {
        if (action == LEFT) {
            paddle = Math.max(0, paddle - 1);
        } else if (action == RIGHT) {
            paddle = Math.min(GRID - PADDLE_WIDTH, paddle + 1);
        }
        moveOpponent();
        trailX = ballX;
        trailY = ballY;
        int x = ballX + dx;
        int y = ballY + dy;
        if (x < 0 || x >= GRID) {
            x = x < 0 ? 0 : GRID - 1;
            dx = -dx;
        }
        if (y == BOTTOM || y == 0) {
            int left = y == BOTTOM ? paddle : opponent;
            if (x == left || x == left + 1) {
                dx = x == left ? -1 : 1;
                dy = -dy;
                y = trailY;
            } else {
                return score(y == BOTTOM ? -1 : 1);
            }
        }
        ballX = x;
        ballY = y;
        return 0;
    }

    private void moveOpponent() {
        if (opponentTimer > 0) {
            opponentTimer--;
            return;
        }
        opponentTimer = OPPONENT_MOVE_INTERVAL - 1;
        if (ballX < opponent) {
            opponent--;
        } else if (ballX > opponent + 1) {
            opponent++;
        }
    }

    private int score(int reward) {
        if (reward > 0) {
            agentPoints++;
        } else {
            opponentPoints++;
        }
        terminal = agentPoints == POINTS_TO_WIN || opponentPoints == POINTS_TO_WIN;
        serveTowards(reward > 0 ? -1 : 1);
        return reward;
    }

    @Override
    void draw(float[] obs, int offset) {
        for (int i = 0; i < PADDLE_WIDTH; i++) {
            mark(obs, offset, BOTTOM, paddle + i, 0);
            mark(obs, offset, 0, opponent + i, 1);
        }
        mark(obs, offset, ballY, ballX, 2);
        mark(obs, offset, trailY, trailX, 3);
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

    void setPaddles(int agentLeft, int opponentLeft) {
        paddle = agentLeft;
        opponent = opponentLeft;
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

    int opponent() {
        return opponent;
    }

    @Override
    void saveGame(StateWriter out) {
        out.writeInt(paddle);
        out.writeInt(opponent);
        out.writeInt(opponentTimer);
        out.writeInt(ballX);
        out.writeInt(ballY);
        out.writeInt(dx);
        out.writeInt(dy);
        out.writeInt(trailX);
        out.writeInt(trailY);
        out.writeInt(agentPoints);
        out.writeInt(opponentPoints);
    }

    @Override
    void restoreGame(StateReader in) {
        paddle = in.readInt();
        opponent = in.readInt();
        opponentTimer = in.readInt();
        ballX = in.readInt();
        ballY = in.readInt();
        dx = in.readInt();
        dy = in.readInt();
        trailX = in.readInt();
        trailY = in.readInt();
        agentPoints = in.readInt();
        opponentPoints = in.readInt();
    }
}
