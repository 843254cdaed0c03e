package org.jdive.rendering.overlay;

import java.util.List;
import java.util.function.Supplier;

/**
 * The values shown over a gridworld: either a fixed list of sweeps (value iteration's snapshots, stepped
 * through with [ and ]) or a live source read at every frame (a learning agent's current estimates).
 */
public final class ValueView {

    private final GridGeometry grid;
    private final Supplier<List<StateValues>> sweeps;
    private final boolean live;
    private int index;

    private ValueView(GridGeometry grid, Supplier<List<StateValues>> sweeps, boolean live) {
        this.grid = grid;
        this.sweeps = sweeps;
        this.live = live;
    }

    /** Shows {@code sweeps} one at a time, starting with the first. */
    public static ValueView sweeps(GridGeometry grid, List<StateValues> sweeps) {
        if (sweeps.isEmpty()) {
            throw new IllegalArgumentException("a value view needs at least one sweep, got none");
        }
        List<StateValues> copy = List.copyOf(sweeps);
        return new ValueView(grid, () -> copy, false);
    }

    /** Shows whatever {@code current} returns at each frame. */
    public static ValueView live(GridGeometry grid, Supplier<StateValues> current) {
        return new ValueView(grid, () -> List.of(current.get()), true);
    }

    /** The gridworld the values are drawn over. */
    public GridGeometry grid() {
        return grid;
    }

    /** Moves {@code shift} sweeps forward (negative: back), staying within the list. */
    public void move(int shift) {
        index = Math.max(0, Math.min(sweeps.get().size() - 1, index + shift));
    }

    /** The number of sweeps to step through (1 for a live view). */
    public int size() {
        return sweeps.get().size();
    }

    /** The sweep shown now, 0-based. */
    public int index() {
        return index;
    }

    /** The values shown now. */
    public StateValues current() {
        return sweeps.get().get(live ? 0 : index);
    }

    /** A caption: the values' label, and for sweeps the position as {@code k/n}. */
    public String caption() {
        String label = current().label();
        return live ? label : (label.isEmpty() ? "" : label + "  ") + (index + 1) + "/" + sweeps.get().size();
    }
}
