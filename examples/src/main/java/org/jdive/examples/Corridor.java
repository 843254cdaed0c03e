package org.jdive.examples;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.AbstractEnv;
import org.jdive.envs.Frame;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.render.Canvas;
import org.jdive.envs.spaces.Discrete;

/**
 * A corridor of cells with a small reward one step behind the start and a large one at the far end: an env
 * written outside jdive, on {@link AbstractEnv} as jdive's own envs are. {@link CustomEnvQLearning} registers it.
 *
 * <p><b>Actions</b>: {@code Discrete(2)}: 0 left, 1 right.
 * <p><b>Observations</b>: {@code Discrete(length)}, the agent's cell {@code 0 .. length-1}.
 * <p><b>Rewards</b>: +1 for stepping into cell 0, +10 for stepping into cell {@code length - 1}, 0 otherwise.
 * <p><b>Starting state</b>: cell 1, next to the +1.
 * <p><b>Episode end</b>: either end cell terminates the episode; the registry's time limit truncates it.
 * <p><b>Options</b>: {@code length}, at least 3.
 *
 * <p>A learner that looks one step ahead takes the +1; with a discount γ the walk to the +10 is worth
 * {@code 10·γ^(length-3)}, the better choice at every cell while that exceeds 1.
 */
public final class Corridor extends AbstractEnv {

    public static final int LEFT = 0;
    public static final int RIGHT = 1;

    private static final int CELL = 32;

    private final int length;
    private final Discrete observationSpace;
    private final Discrete actionSpace = new Discrete(2);
    private int cell;

    public Corridor(int length) {
        super(2, 1); // two actions, observations of one number
        if (length < 3) {
            throw new IllegalArgumentException("a corridor needs at least 3 cells, got " + length);
        }
        this.length = length;
        this.observationSpace = new Discrete(length);
    }

    @Override
    protected void startEpisode(UniformRandomProvider rng) {
        cell = 1; // deterministic: the env's random stream is not needed
    }

    @Override
    protected void advance(int action, UniformRandomProvider rng) {
        cell += action == RIGHT ? 1 : -1;
        boolean atLeftEnd = cell == 0;
        boolean atRightEnd = cell == length - 1;
        setOutcome(atLeftEnd ? 1f : atRightEnd ? 10f : 0f, atLeftEnd || atRightEnd);
    }

    @Override
    public void observeInto(float[] obs, int offset) {
        obs[offset] = cell;
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    // Checkpoints of vector envs save and restore every env's episode; the cell is all this one has.

    @Override
    protected void saveEpisode(StateWriter out) {
        out.writeInt(cell);
    }

    @Override
    protected void restoreEpisode(StateReader in) {
        cell = in.readInt();
    }

    /** One row of cells: the ends gold (+10) and pale (+1), the agent a red dot. */
    @Override
    public Frame render() {
        Canvas canvas = new Canvas(length * CELL, CELL);
        for (int c = 0; c < length; c++) {
            int color = c == length - 1 ? 0xF2C230 : c == 0 ? 0xF5E6B0 : 0xD6ECFA;
            canvas.fillRect(c * CELL, 0, CELL, CELL, color).strokeRect(c * CELL, 0, CELL, CELL, 0xB4C8E6);
        }
        return canvas.fillCircle((cell + 0.5) * CELL, 0.5 * CELL, CELL * 0.3, 0xD62828).toFrame();
    }

    /** For example {@code "+1 . x . . . . +10"} with the agent at x. */
    @Override
    public String renderText() {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < length; c++) {
            text.append(c == cell ? "x" : c == 0 ? "+1" : c == length - 1 ? "+10" : ".");
            text.append(c < length - 1 ? " " : "\n");
        }
        return text.toString();
    }
}
