package org.jdive.envs.toytext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jdive.envs.Step;
import org.jdive.envs.Transition;
import org.junit.jupiter.api.Test;

class TaxiTest {

    private static final int SOUTH = 0;
    private static final int NORTH = 1;
    private static final int EAST = 2;
    private static final int WEST = 3;
    private static final int PICKUP = 4;
    private static final int DROPOFF = 5;

    private final Taxi taxi = new Taxi(false, false);

    @Test
    void encodeAndDecodeFollowGymnasium() {
        assertEquals(((3 * 5 + 1) * 5 + 2) * 4, Taxi.encode(3, 1, 2, 0));
        assertEquals(328, Taxi.encode(3, 1, 2, 0));
        for (int s = 0; s < 500; s++) {
            int[] x = Taxi.decode(s);
            assertEquals(s, Taxi.encode(x[0], x[1], x[2], x[3]));
        }
        assertArrayEquals(new int[] {4, 4, 4, 3}, Taxi.decode(499));
    }

    @Test
    void initialStatesHaveThePassengerWaitingAwayFromTheDestination() {
        double[] d = taxi.initialStateDistribution();
        int support = 0;
        for (int s = 0; s < 500; s++) {
            int[] x = Taxi.decode(s);
            boolean valid = x[2] < 4 && x[2] != x[3];
            assertEquals(valid ? 1.0 / 300 : 0.0, d[s], 1e-15, "state " + s);
            support += valid ? 1 : 0;
        }
        assertEquals(300, support);
    }

    @Test
    void rewardsAreMinusOneMinusTenAndTwenty() {
        int atR = Taxi.encode(0, 0, 0, 1);
        assertEquals(List.of(new Transition(1.0, Taxi.encode(0, 0, 4, 1), -1, false)), taxi.transitions(atR, PICKUP));
        assertEquals(List.of(new Transition(1.0, atR, -10, false)), taxi.transitions(atR, DROPOFF));
        int away = Taxi.encode(2, 2, 0, 1);
        assertEquals(List.of(new Transition(1.0, away, -10, false)), taxi.transitions(away, PICKUP));
        int carryingToG = Taxi.encode(0, 4, 4, 1);
        assertEquals(List.of(new Transition(1.0, Taxi.encode(0, 4, 1, 1), 20, true)), taxi.transitions(carryingToG, DROPOFF));
        int carryingAtY = Taxi.encode(4, 0, 4, 1);
        assertEquals(List.of(new Transition(1.0, Taxi.encode(4, 0, 2, 1), -1, false)), taxi.transitions(carryingAtY, DROPOFF));
    }

    @Test
    void wallsBlockSidewaysMovesOnly() {
        // the wall east of (0, 1); the passage east of (0, 0); no wall between rows
        assertEquals(Taxi.encode(0, 1, 0, 1), taxi.transitions(Taxi.encode(0, 1, 0, 1), EAST).get(0).nextState());
        assertEquals(Taxi.encode(0, 1, 0, 1), taxi.transitions(Taxi.encode(0, 0, 0, 1), EAST).get(0).nextState());
        assertEquals(Taxi.encode(1, 1, 0, 1), taxi.transitions(Taxi.encode(0, 1, 0, 1), SOUTH).get(0).nextState());
        assertEquals(Taxi.encode(0, 1, 0, 1), taxi.transitions(Taxi.encode(0, 1, 0, 1), NORTH).get(0).nextState());
        assertEquals(Taxi.encode(4, 1, 0, 1), taxi.transitions(Taxi.encode(4, 1, 0, 1), WEST).get(0).nextState());
    }

    @Test
    void actionMaskIsInTheInfo() {
        taxi.reset(0);
        int[] expected = Taxi.actionMask(taxi.state());
        assertArrayEquals(expected, (int[]) taxi.reset(0).info().get("action_mask"));
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0}, Taxi.actionMask(Taxi.encode(0, 0, 0, 1)));
        assertArrayEquals(new int[] {1, 1, 0, 1, 0, 0}, Taxi.actionMask(Taxi.encode(3, 4, 4, 0)));
        assertArrayEquals(new int[] {0, 1, 1, 0, 0, 1}, Taxi.actionMask(Taxi.encode(4, 3, 4, 0)));
    }

    @Test
    void rainyMovesGoAstrayWithOneTenthToEachSide() {
        Taxi rainy = new Taxi(true, false);
        int s = Taxi.encode(2, 2, 0, 1);
        List<Transition> south = rainy.transitions(s, SOUTH);
        assertEquals(List.of(new Transition(0.8, Taxi.encode(3, 2, 0, 1), -1, false),
                new Transition(0.1, Taxi.encode(2, 1, 0, 1), -1, false),
                new Transition(0.1, Taxi.encode(2, 3, 0, 1), -1, false)), south);
    }

    @Test
    void aFullDeliveryPaysTwentyAndTerminates() {
        taxi.reset(0);
        int[] x = Taxi.decode(taxi.state());
        Step last = null;
        float total = 0;
        for (int a : route(x[0], x[1], x[2])) {
            last = taxi.step(a);
            total += last.reward();
        }
        total += (last = taxi.step(PICKUP)).reward();
        assertEquals(4f, Taxi.decode((int) last.observation()[0])[2]);
        int[] y = Taxi.decode(taxi.state());
        for (int a : route(y[0], y[1], y[3])) {
            total += taxi.step(a).reward();
        }
        last = taxi.step(DROPOFF);
        assertTrue(last.terminated());
        assertEquals(20f, last.reward());
        assertTrue(total < 0);
        assertFalse(last.truncated());
    }

    /** Moves from (row, col) to a stand through row 2, which has no walls. */
    private static int[] route(int row, int col, int stand) {
        int[][] locs = {{0, 0}, {0, 4}, {4, 0}, {4, 3}};
        List<Integer> moves = new ArrayList<>();
        for (int r = row; r != 2; r += r < 2 ? 1 : -1) {
            moves.add(r < 2 ? SOUTH : NORTH);
        }
        for (int c = col; c != locs[stand][1]; c += c < locs[stand][1] ? 1 : -1) {
            moves.add(c < locs[stand][1] ? EAST : WEST);
        }
        for (int r = 2; r != locs[stand][0]; r += r < locs[stand][0] ? 1 : -1) {
            moves.add(r < locs[stand][0] ? SOUTH : NORTH);
        }
        return moves.stream().mapToInt(Integer::intValue).toArray();
    }
}
