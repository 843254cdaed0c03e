package org.jdive.envs.vector;

/** When a vector env resets a sub-env whose episode ended, as Gymnasium 1.x's {@code AutoresetMode}. */
public enum AutoresetMode {
    /**
     * Gymnasium's default: the step that ends an episode returns its last observation; the next step resets
     * that sub-env, ignores its action, and returns reward 0, not terminated, not truncated and the first
     * observation of the new episode.
     */
    NEXT_STEP,
    /**
     * The step that ends an episode also resets the sub-env: it returns the ending reward and flags with the
     * first observation of the new episode; the ending observation is kept in
     * {@link VectorEnv#finalObservations()}.
     */
    SAME_STEP
}
