package org.jdive.envs.arcade;

import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;

/**
 * A fixed-capacity list of things that move along a row (Seaquest's fish, subs, divers and bullets), kept in
 * spawn order as parallel primitive arrays so that stepping allocates nothing. Removal keeps the order,
 * because the games resolve collisions in spawn order.
 */
final class Movers {

    final int[] x;
    final int[] y;
    /** +1 moving right, -1 moving left. */
    final int[] direction;
    /** Frames until the next move. */
    final int[] moveTimer;
    /** Frames until the next shot (enemy subs only). */
    final int[] shotTimer;
    private int size;

    Movers(int capacity) {
        x = new int[capacity];
        y = new int[capacity];
        direction = new int[capacity];
        moveTimer = new int[capacity];
        shotTimer = new int[capacity];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Appends a mover, unless the list is full (its capacity is sized so that play never fills it). */
    void add(int x0, int y0, int direction0, int moveTimer0, int shotTimer0) {
        if (size == x.length) {
            return;
        }
        x[size] = x0;
        y[size] = y0;
        direction[size] = direction0;
        moveTimer[size] = moveTimer0;
        shotTimer[size] = shotTimer0;
        size++;
    }

    void remove(int i) {
        int tail = size - i - 1;
        System.arraycopy(x, i + 1, x, i, tail);
        System.arraycopy(y, i + 1, y, i, tail);
        System.arraycopy(direction, i + 1, direction, i, tail);
        System.arraycopy(moveTimer, i + 1, moveTimer, i, tail);
        System.arraycopy(shotTimer, i + 1, shotTimer, i, tail);
        size--;
    }

    /** The index of the first mover at (x0, y0), or -1. */
    int indexAt(int x0, int y0) {
        for (int i = 0; i < size; i++) {
            if (x[i] == x0 && y[i] == y0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a mover in row y0 travels in the direction opposite to {@code direction0}. */
    boolean opposesInRow(int y0, int direction0) {
        for (int i = 0; i < size; i++) {
            if (y[i] == y0 && direction[i] != direction0) {
                return true;
            }
        }
        return false;
    }

    void save(StateWriter out) {
        out.writeInt(size).writeInts(x).writeInts(y).writeInts(direction).writeInts(moveTimer).writeInts(shotTimer);
    }

    void restore(StateReader in) {
        size = in.readInt();
        in.readInts(x);
        in.readInts(y);
        in.readInts(direction);
        in.readInts(moveTimer);
        in.readInts(shotTimer);
    }
}
