package org.jdive.rendering.overlay;

import org.jdive.envs.Env;
import org.jdive.envs.Frame;
import org.jdive.envs.TabularModel;
import org.jdive.envs.toytext.CliffWalking;
import org.jdive.envs.toytext.FrozenLake;

/**
 * How a gridworld's states sit on its rendered frame: {@code rows x cols} cells of {@code cellSize} pixels,
 * state {@code row * cols + col}, and the direction each action moves the agent, as {@code (dx, dy)} with y
 * down.
 *
 * @param rows       cells down
 * @param cols       cells across
 * @param cellSize   pixels per cell side in the env's frame
 * @param directions per action, its {@code {dx, dy}}
 */
public record GridGeometry(int rows, int cols, int cellSize, int[][] directions) {

    private static final int[] LEFT = {-1, 0};
    private static final int[] RIGHT = {1, 0};
    private static final int[] UP = {0, -1};
    private static final int[] DOWN = {0, 1};

    /**
     * Checks the sizes and copies {@code directions}.
     *
     * @throws IllegalArgumentException unless {@code rows}, {@code cols} and {@code cellSize} are positive
     */
    public GridGeometry {
        if (rows <= 0 || cols <= 0 || cellSize <= 0) {
            throw new IllegalArgumentException("a grid needs positive rows, cols and cell size, got "
                    + rows + "x" + cols + " cells of " + cellSize + " px");
        }
        directions = directions.clone();
    }

    /** Number of states ({@code rows * cols}). */
    public int states() {
        return rows * cols;
    }

    /**
     * The geometry of a gridworld env: FrozenLake (any map; actions left, down, right, up) or CliffWalking
     * (actions up, right, down, left), under any wrappers.
     *
     * @throws IllegalArgumentException for any other env (e.g. Taxi, whose 500 states are not grid cells)
     */
    public static GridGeometry of(Env env) {
        Env inner = env.unwrapped();
        int[][] directions;
        if (inner instanceof FrozenLake) {
            directions = new int[][] {LEFT, DOWN, RIGHT, UP};
        } else if (inner instanceof CliffWalking) {
            directions = new int[][] {UP, RIGHT, DOWN, LEFT};
        } else {
            throw new IllegalArgumentException("the value overlay draws gridworlds whose states are grid cells: "
                    + "FrozenLake-v1, FrozenLake8x8-v1 and CliffWalking-v1; got " + inner.getClass().getSimpleName());
        }
        int states = ((TabularModel) inner).numStates();
        Frame frame = inner.render();
        int cols = (int) Math.round(Math.sqrt((double) states * frame.width() / frame.height()));
        int rows = states / cols;
        return new GridGeometry(rows, cols, frame.width() / cols, directions);
    }
}
