package org.jdive.envs.toytext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Frame;
import org.jdive.envs.Rng;
import org.jdive.envs.Transition;
import org.jdive.envs.render.Canvas;

/**
 * Gymnasium's {@code FrozenLake-v1}: walk from S to G over frozen tiles F without falling into a hole H.
 * Actions: 0 left, 1 down, 2 right, 3 up. Reaching G pays 1 and ends the episode; a hole ends it with 0.
 * On slippery ice the agent moves in the intended direction or either perpendicular one with 1/3 each.
 *
 * <p>The observation is a one-element {@code float[]} holding the state {@code row * ncol + col}; the
 * observation space is {@code Discrete(nrow * ncol)}.
 */
public final class FrozenLake extends TabularEnv {

    /** Gymnasium's built-in maps. */
    public static final Map<String, List<String>> MAPS = Map.of(
            "4x4", List.of("SFFF", "FHFH", "FFFH", "HFFG"),
            "8x8", List.of("SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF",
                    "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"));

    private static final int CELL = 32;
    private static final String[] ACTION_NAMES = {"Left", "Down", "Right", "Up"};

    private final char[][] desc;
    private final int nrow;
    private final int ncol;

    /**
     * @param desc       the map, one string per row, of S (start), F (frozen), H (hole) and G (goal)
     * @param isSlippery whether moves slip to a perpendicular direction with probability 2/3
     */
    public FrozenLake(List<String> desc, boolean isSlippery) {
        this(parse(desc), isSlippery);
    }

    private FrozenLake(char[][] desc, boolean isSlippery) {
        super(modelName(desc, isSlippery), desc.length * desc[0].length, 4, outcomes(desc, isSlippery),
                startDistribution(desc));
        this.desc = desc;
        this.nrow = desc.length;
        this.ncol = desc[0].length;
    }

    private static char[][] parse(List<String> desc) {
        if (desc.isEmpty()) {
            throw new IllegalArgumentException("FrozenLake map (desc) is empty");
        }
        int ncol = desc.get(0).length();
        char[][] grid = new char[desc.size()][];
        boolean hasStart = false;
        for (int r = 0; r < grid.length; r++) {
            String row = desc.get(r);
            if (row.length() != ncol || ncol == 0) {
                throw new IllegalArgumentException("FrozenLake map rows must all have the same, non-zero length; row "
                        + r + " is \"" + row + "\" but row 0 has " + ncol + " tiles");
            }
            for (char c : row.toCharArray()) {
                if ("SFHG".indexOf(c) < 0) {
                    throw new IllegalArgumentException("FrozenLake map tile '" + c + "' in row " + r
                            + " is not one of S (start), F (frozen), H (hole), G (goal)");
                }
                hasStart |= c == 'S';
            }
            grid[r] = row.toCharArray();
        }
        if (!hasStart) {
            throw new IllegalArgumentException("FrozenLake map has no start tile S: " + desc);
        }
        return grid;
    }

    private static String modelName(char[][] desc, boolean isSlippery) {
        StringBuilder name = new StringBuilder("FrozenLake");
        for (char[] row : desc) {
            name.append('/').append(row);
        }
        return name.append(isSlippery ? "/slippery" : "/dry").toString();
    }

    private static double[] startDistribution(char[][] desc) {
        int ncol = desc[0].length;
        double[] d = new double[desc.length * ncol];
        int starts = 0;
        for (int r = 0; r < desc.length; r++) {
            for (int c = 0; c < ncol; c++) {
                if (desc[r][c] == 'S') {
                    d[r * ncol + c] = 1;
                    starts++;
                }
            }
        }
        for (int s = 0; s < d.length; s++) {
            d[s] /= starts;
        }
        return d;
    }

    private static TransitionTable.Outcomes outcomes(char[][] desc, boolean isSlippery) {
        int nrow = desc.length;
        int ncol = desc[0].length;
        return (s, a) -> {
            int row = s / ncol;
            int col = s % ncol;
            if (desc[row][col] == 'G' || desc[row][col] == 'H') {
                return List.of(new Transition(1.0, s, 0, true));
            }
            int[] directions = isSlippery ? new int[] {(a + 3) % 4, a, (a + 1) % 4} : new int[] {a};
            List<Transition> list = new ArrayList<>(directions.length);
            for (int b : directions) {
                int newRow = row;
                int newCol = col;
                switch (b) {
                    case 0 -> newCol = Math.max(col - 1, 0);
                    case 1 -> newRow = Math.min(row + 1, nrow - 1);
                    case 2 -> newCol = Math.min(col + 1, ncol - 1);
                    default -> newRow = Math.max(row - 1, 0);
                }
                char letter = desc[newRow][newCol];
                list.add(new Transition(1.0 / directions.length, newRow * ncol + newCol,
                        letter == 'G' ? 1 : 0, letter == 'G' || letter == 'H'));
            }
            return list;
        };
    }

    /**
     * A random {@code size x size} map whose start (top-left) reaches the goal (bottom-right), as Gymnasium's
     * {@code generate_random_map}: each tile is frozen with probability {@code p}, redrawn until a path exists.
     */
    public static List<String> generateRandomMap(int size, double p, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("a random FrozenLake map needs size >= 2, got " + size);
        }
        if (!(p > 0)) {
            throw new IllegalArgumentException("a random FrozenLake map needs a frozen probability p > 0, got " + p);
        }
        UniformRandomProvider rng = Rng.seeded(seed);
        double frozen = Math.min(1, p);
        char[][] board = new char[size][size];
        do {
            for (char[] row : board) {
                for (int c = 0; c < size; c++) {
                    row[c] = rng.nextDouble() < frozen ? 'F' : 'H';
                }
            }
            board[0][0] = 'S';
            board[size - 1][size - 1] = 'G';
        } while (!goalReachable(board));
        List<String> rows = new ArrayList<>(size);
        for (char[] row : board) {
            rows.add(new String(row));
        }
        return rows;
    }

    private static boolean goalReachable(char[][] board) {
        int size = board.length;
        boolean[][] seen = new boolean[size][size];
        Deque<int[]> frontier = new ArrayDeque<>();
        frontier.push(new int[] {0, 0});
        seen[0][0] = true;
        int[][] moves = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        while (!frontier.isEmpty()) {
            int[] cell = frontier.pop();
            for (int[] m : moves) {
                int r = cell[0] + m[0];
                int c = cell[1] + m[1];
                if (r < 0 || r >= size || c < 0 || c >= size || seen[r][c] || board[r][c] == 'H') {
                    continue;
                }
                if (board[r][c] == 'G') {
                    return true;
                }
                seen[r][c] = true;
                frontier.push(new int[] {r, c});
            }
        }
        return false;
    }

    /** The tile letter at a row and column. */
    public char tile(int row, int col) {
        return desc[row][col];
    }

    /** Rows of the lake's map (4 or 8 for the named maps). */
    public int rows() {
        return nrow;
    }

    /** Columns of the lake's map. */
    public int cols() {
        return ncol;
    }

    @Override
    public Frame render() {
        Canvas canvas = new Canvas(ncol * CELL, nrow * CELL);
        for (int r = 0; r < nrow; r++) {
            for (int c = 0; c < ncol; c++) {
                int x = c * CELL;
                int y = r * CELL;
                canvas.fillRect(x, y, CELL, CELL, GridPalette.ICE);
                switch (desc[r][c]) {
                    case 'H' -> canvas.fillCircle(x + CELL / 2.0, y + CELL / 2.0, CELL * 0.42, GridPalette.HOLE);
                    case 'G' -> canvas.fillRect(x + 4, y + 4, CELL - 8, CELL - 8, GridPalette.GOAL);
                    case 'S' -> canvas.fillRect(x + 4, y + 4, CELL - 8, CELL - 8, GridPalette.START);
                    default -> { }
                }
                canvas.strokeRect(x, y, CELL, CELL, GridPalette.GRID_LINE);
            }
        }
        int row = state / ncol;
        int col = state % ncol;
        int agent = desc[row][col] == 'H' ? GridPalette.AGENT_FALLEN : GridPalette.AGENT;
        canvas.fillCircle(col * CELL + CELL / 2.0, row * CELL + CELL / 2.0, CELL * 0.3, agent);
        return canvas.toFrame();
    }

    /** Gymnasium's ansi view: the last action in brackets, then the map with the agent's tile highlighted red. */
    @Override
    public String renderText() {
        StringBuilder out = new StringBuilder();
        out.append(lastAction >= 0 ? "  (" + ACTION_NAMES[lastAction] + ")\n" : "\n");
        for (int r = 0; r < nrow; r++) {
            for (int c = 0; c < ncol; c++) {
                String tile = String.valueOf(desc[r][c]);
                out.append(r * ncol + c == state ? Ansi.colorize(tile, Ansi.RED, true, false) : tile);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
