package org.jdive.envs.toytext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.Frame;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.Transition;
import org.jdive.envs.render.Canvas;

/**
 * Gymnasium's {@code Taxi-v3} (Dietterich 2000): a 5x5 grid with walls and four stands R, G, Y, B; pick the
 * passenger up at one stand and drop them off at their destination. Actions: 0 south, 1 north, 2 east,
 * 3 west, 4 pickup, 5 dropoff. Rewards: -1 per step, +20 for delivering, -10 for an illegal pickup or dropoff.
 *
 * <p>State {@code ((taxiRow * 5 + taxiCol) * 5 + passengerLocation) * 4 + destination}, 500 in all, where a
 * passenger location of 4 means "in the taxi". Episodes start uniformly among states with the passenger
 * waiting at a stand other than the destination. {@link #info()} adds Gymnasium's {@code action_mask}
 * (an {@code int[6]}, 1 where the action changes the state).
 *
 * <p>Options as Gymnasium 1.2: {@code is_rainy} (moves go as intended with 0.8, to either side with 0.1) and
 * {@code fickle_passenger} (with probability 0.3 per episode, the passenger changes destination once, on the
 * first move of the taxi after the pickup).
 */
public final class Taxi extends TabularEnv {

    /** Gymnasium's map: {@code |} is a wall, {@code :} a passage between cells. */
    public static final List<String> MAP = List.of(
            "+---------+",
            "|R: | : :G|",
            "| : | : : |",
            "| : : : : |",
            "| | : | : |",
            "|Y| : |B: |",
            "+---------+");
    /** The stands R, G, Y, B as {row, col}. */
    private static final int[][] LOCS = {{0, 0}, {0, 4}, {4, 0}, {4, 3}};
    private static final int SIZE = 5;
    private static final int IN_TAXI = 4;
    private static final int CELL = 40;
    private static final String[] ACTION_NAMES = {"South", "North", "East", "West", "Pickup", "Dropoff"};
    /** Rainy moves per action: intended, then the two sides, as {dRow, dCol}. */
    private static final int[][][] RAINY_MOVES = {
            {{1, 0}, {0, -1}, {0, 1}},
            {{-1, 0}, {0, -1}, {0, 1}},
            {{0, 1}, {1, 0}, {-1, 0}},
            {{0, -1}, {1, 0}, {-1, 0}}};

    private final boolean ficklePassenger;
    private boolean fickleStep;

    /**
     * Gymnasium's taxi with its two options.
     *
     * @param isRainy Gymnasium's {@code is_rainy}: moves go as intended with probability 0.8, to either side with 0.1
     * @param ficklePassenger Gymnasium's {@code fickle_passenger}: with probability 0.3 per episode the
     *                        passenger changes destination once, on the taxi's first move after the pickup
     */
    public Taxi(boolean isRainy, boolean ficklePassenger) {
        super("Taxi/" + (isRainy ? "rainy" : "dry"), 500, 6, isRainy ? Taxi::rainyOutcomes : Taxi::dryOutcomes,
                initialDistribution());
        this.ficklePassenger = ficklePassenger;
    }

    /** Gymnasium's {@code encode}. */
    public static int encode(int taxiRow, int taxiCol, int passengerLocation, int destination) {
        return ((taxiRow * SIZE + taxiCol) * SIZE + passengerLocation) * 4 + destination;
    }

    /** Gymnasium's {@code decode}: {taxiRow, taxiCol, passengerLocation, destination}. */
    public static int[] decode(int state) {
        int destination = state % 4;
        state /= 4;
        int passenger = state % SIZE;
        state /= SIZE;
        return new int[] {state / SIZE, state % SIZE, passenger, destination};
    }

    private static double[] initialDistribution() {
        double[] d = new double[500];
        int count = 0;
        for (int s = 0; s < 500; s++) {
            int[] x = decode(s);
            if (x[2] < IN_TAXI && x[2] != x[3]) {
                d[s] = 1;
                count++;
            }
        }
        for (int s = 0; s < 500; s++) {
            d[s] /= count;
        }
        return d;
    }

    private static char mapAt(int row, int col) {
        return MAP.get(row).charAt(col);
    }

    /** Whether there is no wall east of the cell ({@code desc[1 + row, 2 * col + 2] == ':'}). */
    private static boolean openEast(int row, int col) {
        return mapAt(1 + row, 2 * col + 2) == ':';
    }

    /** Whether there is no wall west of the cell ({@code desc[1 + row, 2 * col] == ':'}). */
    private static boolean openWest(int row, int col) {
        return mapAt(1 + row, 2 * col) == ':';
    }

    private static int standAt(int row, int col) {
        for (int i = 0; i < LOCS.length; i++) {
            if (LOCS[i][0] == row && LOCS[i][1] == col) {
                return i;
            }
        }
        return -1;
    }

    /** Pickup or dropoff in state {@code x}; the same in dry and rainy weather. */
    private static Transition serve(int[] x, int action) {
        int row = x[0];
        int col = x[1];
        int passenger = x[2];
        int destination = x[3];
        int stand = standAt(row, col);
        if (action == 4) {
            boolean legal = passenger < IN_TAXI && stand == passenger;
            return new Transition(1.0, encode(row, col, legal ? IN_TAXI : passenger, destination),
                    legal ? -1 : -10, false);
        }
        if (passenger == IN_TAXI && stand == destination) {
            return new Transition(1.0, encode(row, col, destination, destination), 20, true);
        }
        if (passenger == IN_TAXI && stand >= 0) {
            return new Transition(1.0, encode(row, col, stand, destination), -1, false);
        }
        return new Transition(1.0, encode(row, col, passenger, destination), -10, false);
    }

    private static List<Transition> dryOutcomes(int s, int action) {
        int[] x = decode(s);
        if (action >= 4) {
            return List.of(serve(x, action));
        }
        int row = x[0];
        int col = x[1];
        switch (action) {
            case 0 -> row = Math.min(row + 1, SIZE - 1);
            case 1 -> row = Math.max(row - 1, 0);
            case 2 -> col = openEast(row, col) ? Math.min(col + 1, SIZE - 1) : col;
            default -> col = openWest(row, col) ? Math.max(col - 1, 0) : col;
        }
        return List.of(new Transition(1.0, encode(row, col, x[2], x[3]), -1, false));
    }

    /**
     * Gymnasium's {@code _build_rainy_transitions}, including its quirk: a sideways slip is blocked by the
     * separator east ({@code offset=2}, first side) or west (second side) of the cell it slips into.
     */
    private static List<Transition> rainyOutcomes(int s, int action) {
        int[] x = decode(s);
        if (action >= 4) {
            return List.of(serve(x, action));
        }
        int row = x[0];
        int col = x[1];
        int[] intended = {row, col};
        int[] left = {row, col};
        int[] right = {row, col};
        boolean allowed = action <= 1 || (action == 2 && openEast(row, col)) || (action == 3 && openWest(row, col));
        if (allowed) {
            int[][] moves = RAINY_MOVES[action];
            intended = new int[] {Math.clamp(row + moves[0][0], 0, SIZE - 1), Math.clamp(col + moves[0][1], 0, SIZE - 1)};
            left = slip(row, col, moves[1], 2);
            right = slip(row, col, moves[2], 0);
        }
        List<Transition> list = new ArrayList<>(3);
        list.add(new Transition(0.8, encode(intended[0], intended[1], x[2], x[3]), -1, false));
        list.add(new Transition(0.1, encode(left[0], left[1], x[2], x[3]), -1, false));
        list.add(new Transition(0.1, encode(right[0], right[1], x[2], x[3]), -1, false));
        return list;
    }

    private static int[] slip(int row, int col, int[] move, int offset) {
        int newRow = Math.clamp(row + move[0], 0, SIZE - 1);
        int newCol = Math.clamp(col + move[1], 0, SIZE - 1);
        return mapAt(1 + newRow, 2 * newCol + offset) == ':' ? new int[] {newRow, newCol} : new int[] {row, col};
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        super.startEpisode(rng);
        fickleStep = ficklePassenger && rng.nextDouble() < 0.3;
    }

    @Override
    protected int afterTransition(int previous, int next, UniformRandomProvider rng) {
        int[] before = decode(previous);
        int[] after = decode(next);
        boolean moved = after[0] != before[0] || after[1] != before[1];
        if (!(fickleStep && before[2] == IN_TAXI && moved)) {
            return next;
        }
        fickleStep = false;
        int pick = rng.nextInt(3);
        int destination = pick >= before[3] ? pick + 1 : pick;
        return encode(after[0], after[1], after[2], destination);
    }

    /** Gymnasium's {@code action_mask}: 1 where the action would change the state. */
    public static int[] actionMask(int state) {
        int[] x = decode(state);
        int row = x[0];
        int col = x[1];
        int[] mask = new int[6];
        mask[0] = row < SIZE - 1 ? 1 : 0;
        mask[1] = row > 0 ? 1 : 0;
        mask[2] = col < SIZE - 1 && openEast(row, col) ? 1 : 0;
        mask[3] = col > 0 && openWest(row, col) ? 1 : 0;
        mask[4] = x[2] < IN_TAXI && standAt(row, col) == x[2] ? 1 : 0;
        mask[5] = x[2] == IN_TAXI && standAt(row, col) >= 0 ? 1 : 0;
        return mask;
    }

    @Override
    public Map<String, Object> info() {
        return Map.of("prob", super.info().get("prob"), "action_mask", actionMask(state));
    }

    @Override
    public Frame render() {
        Canvas canvas = new Canvas(SIZE * CELL, SIZE * CELL).clear(GridPalette.ROAD);
        int[] x = decode(state);
        for (int i = 0; i < LOCS.length; i++) {
            canvas.fillRect(LOCS[i][1] * CELL, LOCS[i][0] * CELL, CELL, CELL, GridPalette.STANDS[i]);
        }
        int[] dest = LOCS[x[3]];
        canvas.strokeRect(dest[1] * CELL + 2, dest[0] * CELL + 2, CELL - 4, CELL - 4, GridPalette.DESTINATION);
        canvas.strokeRect(dest[1] * CELL + 3, dest[0] * CELL + 3, CELL - 6, CELL - 6, GridPalette.DESTINATION);
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                canvas.strokeRect(c * CELL, r * CELL, CELL, CELL, GridPalette.GRID_LINE);
                if (c < SIZE - 1 && !openEast(r, c)) {
                    canvas.fillRect((c + 1) * CELL - 2, r * CELL, 4, CELL, GridPalette.WALL);
                }
            }
        }
        double cx = (x[1] + 0.5) * CELL;
        double cy = (x[0] + 0.5) * CELL;
        boolean carrying = x[2] == IN_TAXI;
        canvas.fillRect((int) cx - 12, (int) cy - 8, 24, 16, carrying ? GridPalette.TAXI_FULL : GridPalette.TAXI_EMPTY);
        if (!carrying) {
            int[] p = LOCS[x[2]];
            canvas.fillCircle((p[1] + 0.5) * CELL, (p[0] + 0.25) * CELL, 6, GridPalette.PASSENGER);
        }
        return canvas.toFrame();
    }

    /**
     * Gymnasium's ansi view: the taxi highlighted yellow (green when carrying, its cell underlined as {@code _}),
     * the waiting passenger blue and bold, the destination magenta, then the last action.
     */
    @Override
    public String renderText() {
        String[][] out = new String[MAP.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = MAP.get(r).chars().mapToObj(ch -> String.valueOf((char) ch)).toArray(String[]::new);
        }
        int[] x = decode(state);
        int taxiRow = 1 + x[0];
        int taxiCol = 2 * x[1] + 1;
        if (x[2] < IN_TAXI) {
            out[taxiRow][taxiCol] = Ansi.colorize(out[taxiRow][taxiCol], Ansi.YELLOW, true, false);
            int[] p = LOCS[x[2]];
            out[1 + p[0]][2 * p[1] + 1] = Ansi.colorize(out[1 + p[0]][2 * p[1] + 1], Ansi.BLUE, false, true);
        } else {
            String cell = out[taxiRow][taxiCol].equals(" ") ? "_" : out[taxiRow][taxiCol];
            out[taxiRow][taxiCol] = Ansi.colorize(cell, Ansi.GREEN, true, false);
        }
        int[] d = LOCS[x[3]];
        out[1 + d[0]][2 * d[1] + 1] = Ansi.colorize(out[1 + d[0]][2 * d[1] + 1], Ansi.MAGENTA, false, false);
        StringBuilder text = new StringBuilder();
        for (String[] row : out) {
            text.append(String.join("", row)).append('\n');
        }
        text.append(lastAction >= 0 ? "  (" + ACTION_NAMES[lastAction] + ")\n" : "\n");
        return text.toString();
    }

    @Override
    protected void saveEpisode(StateWriter out) {
        super.saveEpisode(out);
        out.writeBoolean(fickleStep);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        super.restoreEpisode(in);
        fickleStep = in.readBoolean();
    }
}
