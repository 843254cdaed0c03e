package org.jdive.envs.toytext;

import java.util.ArrayList;
import java.util.List;
import org.jdive.envs.Frame;
import org.jdive.envs.Transition;
import org.jdive.envs.render.Canvas;

/**
 * Gymnasium's {@code CliffWalking-v1} (Sutton and Barto, example 6.6): a 4x12 grid, start at (3, 0), goal at
 * (3, 11), a cliff along (3, 1..10). Actions: 0 up, 1 right, 2 down, 3 left. Every step costs -1; stepping
 * onto the cliff costs -100 and sends the agent back to the start without ending the episode; reaching the
 * goal ends it. With {@code is_slippery} the move goes in the intended or either perpendicular direction with
 * 1/3 each.
 *
 * <p>The observation is a one-element {@code float[]} holding the state {@code row * 12 + col}; the
 * observation space is {@code Discrete(48)}.
 */
public final class CliffWalking extends TabularEnv {

    /** Rows of the grid. */
    public static final int ROWS = 4;
    /** Columns of the grid. */
    public static final int COLS = 12;
    /** The start state, the bottom-left cell (3, 0). */
    public static final int START = 3 * COLS;
    /** The goal state, the bottom-right cell (3, 11). */
    public static final int GOAL = ROWS * COLS - 1;

    private static final int[][] MOVES = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};
    private static final int CELL = 32;

    /**
     * The 4x12 cliff of Sutton and Barto, deterministic or slippery.
     *
     * @param isSlippery Gymnasium's {@code is_slippery}: each move goes the intended way or to either side, 1/3 each
     */
    public CliffWalking(boolean isSlippery) {
        super("CliffWalking/" + isSlippery, ROWS * COLS, 4, outcomes(isSlippery), startingIn(ROWS * COLS, START));
    }

    /** Whether a cell is part of the cliff. */
    public static boolean isCliff(int row, int col) {
        return row == ROWS - 1 && col > 0 && col < COLS - 1;
    }

    private static TransitionTable.Outcomes outcomes(boolean isSlippery) {
        return (s, a) -> {
            int[] directions = isSlippery ? new int[] {(a + 3) % 4, a, (a + 1) % 4} : new int[] {a};
            List<Transition> list = new ArrayList<>(directions.length);
            for (int b : directions) {
                int row = Math.clamp(s / COLS + MOVES[b][0], 0, ROWS - 1);
                int col = Math.clamp(s % COLS + MOVES[b][1], 0, COLS - 1);
                double p = 1.0 / directions.length;
                if (isCliff(row, col)) {
                    list.add(new Transition(p, START, -100, false));
                } else {
                    int next = row * COLS + col;
                    list.add(new Transition(p, next, -1, next == GOAL));
                }
            }
            return list;
        };
    }

    @Override
    public Frame render() {
        Canvas canvas = new Canvas(COLS * CELL, ROWS * CELL);
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int x = c * CELL;
                int y = r * CELL;
                canvas.fillRect(x, y, CELL, CELL, (r + c) % 2 == 0 ? GridPalette.GRASS : GridPalette.GRASS_DARK);
                if (isCliff(r, c)) {
                    canvas.fillRect(x, y, CELL, CELL, GridPalette.CLIFF);
                } else if (r * COLS + c == START) {
                    canvas.fillRect(x + 4, y + 4, CELL - 8, CELL - 8, GridPalette.START);
                } else if (r * COLS + c == GOAL) {
                    canvas.fillRect(x + 4, y + 4, CELL - 8, CELL - 8, GridPalette.GOAL);
                }
                canvas.strokeRect(x, y, CELL, CELL, GridPalette.GRID_LINE);
            }
        }
        canvas.fillCircle((state % COLS + 0.5) * CELL, (state / COLS + 0.5) * CELL, CELL * 0.3, GridPalette.AGENT);
        return canvas.toFrame();
    }

    /** Gymnasium's ansi view: x for the agent, T for the goal, C for the cliff, o elsewhere. */
    @Override
    public String renderText() {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < ROWS * COLS; s++) {
            int row = s / COLS;
            int col = s % COLS;
            String cell;
            if (s == state) {
                cell = " x ";
            } else if (s == GOAL) {
                cell = " T ";
            } else if (isCliff(row, col)) {
                cell = " C ";
            } else {
                cell = " o ";
            }
            if (col == 0) {
                cell = cell.stripLeading();
            }
            if (col == COLS - 1) {
                cell = cell.stripTrailing() + "\n";
            }
            out.append(cell);
        }
        return out.append('\n').toString();
    }
}
