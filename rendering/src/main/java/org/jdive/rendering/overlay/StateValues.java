package org.jdive.rendering.overlay;

/**
 * What a tabular agent knows about each state of a gridworld, for the value overlay: a value per state and,
 * optionally, a greedy action per state. Value and policy iteration publish one of these per sweep, so the
 * window can show them sweep by sweep.
 */
public interface StateValues {

    /** One value per state, indexed like the env's observation ({@code row * cols + col}). */
    float[] values();

    /** The greedy action per state, -1 where there is none; {@code null} when only values are known. */
    int[] policy();

    /** A short caption such as {@code "sweep 3"}; empty by default. */
    default String label() {
        return "";
    }

    /** A fixed snapshot. */
    static StateValues of(float[] values, int[] policy, String label) {
        float[] v = values.clone();
        int[] p = policy == null ? null : policy.clone();
        return new StateValues() {
            @Override
            public float[] values() {
                return v;
            }

            @Override
            public int[] policy() {
                return p;
            }

            @Override
            public String label() {
                return label;
            }
        };
    }
}
