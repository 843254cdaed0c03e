package org.jdive.agents.tabular;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.envs.TabularModel;
import org.jdive.envs.Transition;

/**
 * A seeded random gridworld model of any size, for planning at scale (benchmarks of value iteration):
 * start in the top-left corner, reach the bottom-right goal (reward 1, terminal) without falling into a
 * hole (terminal, reward 0). Actions 0 left, 1 down, 2 right, 3 up, as FrozenLake; with probability
 * {@code slip} the move goes to one of the two perpendicular directions instead (half each). Moves into
 * the border stay put. Holes are drawn independently per cell with probability {@code holeFraction}
 * (never on the start or the goal).
 */
public final class GeneratedGridworld implements TabularModel {

    private static final int[][] MOVES = {{0, -1}, {1, 0}, {0, 1}, {-1, 0}};

    private final int rows;
    private final int cols;
    private final double slip;
    private final boolean[] hole;

    /**
     * A gridworld of {@code rows × cols} cells (at least 2), its holes drawn from {@code seed}.
     *
     * @param holeFraction the probability that a cell is a hole, in [0, 1)
     * @param slip the probability that a move goes perpendicular, in [0, 1]
     */
    public GeneratedGridworld(int rows, int cols, double holeFraction, double slip, long seed) {
        if (rows < 1 || cols < 1 || rows * cols < 2) {
            throw new IllegalArgumentException("a gridworld needs at least 2 cells, got " + rows + "x" + cols);
        }
        if (!(holeFraction >= 0 && holeFraction < 1) || !(slip >= 0 && slip <= 1)) {
            throw new IllegalArgumentException("holeFraction must lie in [0, 1) and slip in [0, 1], got "
                    + holeFraction + " and " + slip);
        }
        this.rows = rows;
        this.cols = cols;
        this.slip = slip;
        this.hole = new boolean[rows * cols];
        UniformRandomProvider rng = Rng.split(seed, "gridworld");
        for (int s = 1; s < hole.length - 1; s++) {
            hole[s] = rng.nextDouble() < holeFraction;
        }
    }

    private int goal() {
        return rows * cols - 1;
    }

    /** Whether a state is a hole. */
    public boolean isHole(int state) {
        return hole[state];
    }

    @Override
    public int numStates() {
        return rows * cols;
    }

    @Override
    public int numActions() {
        return 4;
    }

    @Override
    public List<Transition> transitions(int state, int action) {
        if (hole[state] || state == goal()) {
            return List.of(new Transition(1.0, state, 0, true));
        }
        List<Transition> list = new ArrayList<>(3);
        add(list, state, action, 1 - slip);
        add(list, state, (action + 1) % 4, slip / 2);
        add(list, state, (action + 3) % 4, slip / 2);
        return list;
    }

    private void add(List<Transition> list, int state, int direction, double p) {
        if (p == 0) {
            return;
        }
        int row = Math.clamp(state / cols + MOVES[direction][0], 0, rows - 1);
        int col = Math.clamp(state % cols + MOVES[direction][1], 0, cols - 1);
        int next = row * cols + col;
        list.add(new Transition(p, next, next == goal() ? 1 : 0, next == goal() || hole[next]));
    }

    @Override
    public double[] initialStateDistribution() {
        double[] d = new double[numStates()];
        d[0] = 1;
        return d;
    }
}
