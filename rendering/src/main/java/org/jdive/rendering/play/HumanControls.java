package org.jdive.rendering.play;

import java.util.EnumSet;
import java.util.Set;

/**
 * A human at the keyboard as a {@link Policy}: the arrow keys and space (fire) held down pick the action.
 * Arcade games ({@code MinAtar/*-v0} and {@code jdive/Pong-v0}, MinAtar's full action set
 * {@code n l u r d f} = 0..5) run in real time and take the keys held at each step; gridworlds
 * (FrozenLake, CliffWalking) are turn-based and step once per key press.
 */
public final class HumanControls implements Policy {

    /** The keys a human plays with. */
    public enum Pad {
        /** The left arrow key. */
        LEFT,
        /** The right arrow key. */
        RIGHT,
        /** The up arrow key. */
        UP,
        /** The down arrow key. */
        DOWN,
        /** The space bar. */
        FIRE
    }

    private final String envId;
    private final int[] actions;   // action per Pad key, -1 where the key does nothing
    private final int idleAction;  // the action when no key is held; -1 for turn-based envs
    private final Set<Pad> held = EnumSet.noneOf(Pad.class);
    private Pad lastPressed;

    private HumanControls(String envId, int[] actions, int idleAction) {
        this.envId = envId;
        this.actions = actions;
        this.idleAction = idleAction;
    }

    /**
     * Controls for {@code envId}.
     *
     * @throws IllegalArgumentException for envs without a keyboard mapping, naming those that have one
     */
    public static HumanControls forEnv(String envId) {
        if ((envId.startsWith("MinAtar/") || envId.startsWith("jdive/")) && envId.endsWith("-v0")) {
            return new HumanControls(envId, new int[] {1, 3, 2, 4, 5}, 0);
        }
        if (envId.startsWith("FrozenLake")) {
            return new HumanControls(envId, new int[] {0, 2, 3, 1, -1}, -1);
        }
        if (envId.startsWith("CliffWalking")) {
            return new HumanControls(envId, new int[] {3, 1, 0, 2, -1}, -1);
        }
        throw new IllegalArgumentException("human play has keys for the arcade games with the full action set "
                + "(MinAtar/...-v0, jdive/Pong-v0: arrows move, space fires) and for FrozenLake and CliffWalking "
                + "(arrows); got '" + envId + "'" + (envId.endsWith("-v1") && envId.contains("/")
                ? ": use the -v0 id, whose actions are MinAtar's n l u r d f" : ""));
    }

    /** Whether the env steps once per key press rather than in real time. */
    public boolean turnBased() {
        return idleAction < 0;
    }

    /** The id these controls were made for. */
    public String envId() {
        return envId;
    }

    /** Records a key going down; returns the action a turn-based env should take now, or -1. */
    public int press(Pad key) {
        held.add(key);
        if (key != Pad.FIRE) {
            lastPressed = key;
        }
        return turnBased() ? actions[key.ordinal()] : -1;
    }

    /** Records a key going up. */
    public void release(Pad key) {
        held.remove(key);
    }

    @Override
    public float[] act(float[] observation) {
        return new float[] {heldAction()};
    }

    /** Fire while space is held, else the most recently pressed arrow still held, else no-op. */
    public int heldAction() {
        if (held.contains(Pad.FIRE) && actions[Pad.FIRE.ordinal()] >= 0) {
            return actions[Pad.FIRE.ordinal()];
        }
        if (lastPressed != null && held.contains(lastPressed)) {
            return actions[lastPressed.ordinal()];
        }
        for (Pad key : held) {
            if (actions[key.ordinal()] >= 0) {
                return actions[key.ordinal()];
            }
        }
        return Math.max(idleAction, 0);
    }
}
