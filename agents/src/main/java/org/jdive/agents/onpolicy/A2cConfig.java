package org.jdive.agents.onpolicy;

import java.util.Arrays;

/**
 * The settings of an {@link A2c}, with Stable-Baselines3's {@code A2C} names in the Javadoc; the defaults are SB3's
 * (5 steps per rollout, RMSprop 7e-4 with α 0.99 and ε 1e-5, γ 0.99, λ 1, no entropy bonus as rl-baselines3-zoo sets
 * it for CartPole, value weight 0.5, gradient norm 0.5, tanh MLPs of 64-64) with rl-baselines3-zoo's 8 envs.
 * Setters return this; {@link A2c} checks the whole at construction.
 */
public final class A2cConfig {

    int numEnvs = 8;
    int numSteps = 5;
    float learningRate = 7e-4f;
    boolean annealLr;
    long totalSteps = 500_000;
    double gamma = 0.99;
    double gaeLambda = 1.0;
    boolean normalizeAdvantages;
    float entCoef = 0f;
    float vfCoef = 0.5f;
    float maxGradNorm = 0.5f;
    float rmsPropAlpha = 0.99f;
    float rmsPropEps = 1e-5f;
    int[] hidden = {64, 64};

    /** SB3's defaults with rl-baselines3-zoo's 8 envs, as the class comment lists them; the setters change them. */
    public A2cConfig() {
    }

    /** Envs stepped together ({@code n_envs}). */
    public A2cConfig numEnvs(int v) { numEnvs = v; return this; }

    /** Steps of each env per update ({@code n_steps}). */
    public A2cConfig numSteps(int v) { numSteps = v; return this; }

    /** RMSprop's step size ({@code learning_rate}), at the start when annealed. */
    public A2cConfig learningRate(float v) { learningRate = v; return this; }

    /** Anneal the learning rate linearly to 0 over {@link #totalSteps} (rl-baselines3-zoo's {@code lin_7e-4}). */
    public A2cConfig annealLr(boolean v) { annealLr = v; return this; }

    /** The run's length in environment steps, over which the learning rate anneals. */
    public A2cConfig totalSteps(long v) { totalSteps = v; return this; }

    /** The discount ({@code gamma}). */
    public A2cConfig gamma(double v) { gamma = v; return this; }

    /** GAE's λ ({@code gae_lambda}); 1 gives A2C's n-step returns. */
    public A2cConfig gaeLambda(double v) { gaeLambda = v; return this; }

    /** Normalise each rollout's advantages to mean 0, standard deviation 1 ({@code normalize_advantage}). */
    public A2cConfig normalizeAdvantages(boolean v) { normalizeAdvantages = v; return this; }

    /** The entropy bonus's weight ({@code ent_coef}). */
    public A2cConfig entCoef(float v) { entCoef = v; return this; }

    /** The value loss's weight ({@code vf_coef}). */
    public A2cConfig vfCoef(float v) { vfCoef = v; return this; }

    /** The gradients' global norm limit ({@code max_grad_norm}); 0 disables clipping. */
    public A2cConfig maxGradNorm(float v) { maxGradNorm = v; return this; }

    /** RMSprop's smoothing constant (PyTorch's {@code alpha}). */
    public A2cConfig rmsPropAlpha(float v) { rmsPropAlpha = v; return this; }

    /** RMSprop's ε ({@code rms_prop_eps}). */
    public A2cConfig rmsPropEps(float v) { rmsPropEps = v; return this; }

    /** Hidden widths of the actor's and the critic's tanh MLPs. */
    public A2cConfig hidden(int... widths) { hidden = widths.clone(); return this; }

    /** Envs stepped together ({@code n_envs}). */
    public int numEnvs() { return numEnvs; }

    /** Steps of each env per update ({@code n_steps}). */
    public int numSteps() { return numSteps; }

    /** RMSprop's step size ({@code learning_rate}), at the start when annealed. */
    public float learningRate() { return learningRate; }

    /**
     * Whether the learning rate anneals linearly to 0 over {@link #totalSteps} (rl-baselines3-zoo's {@code lin_7e-4}).
     */
    public boolean annealLr() { return annealLr; }

    /** The run's length in environment steps, over which the learning rate anneals. */
    public long totalSteps() { return totalSteps; }

    /** The discount ({@code gamma}). */
    public double gamma() { return gamma; }

    /** GAE's λ ({@code gae_lambda}); 1 gives A2C's n-step returns. */
    public double gaeLambda() { return gaeLambda; }

    /**
     * Whether each rollout's advantages are normalised to mean 0, standard deviation 1 ({@code normalize_advantage}).
     */
    public boolean normalizeAdvantages() { return normalizeAdvantages; }

    /** The entropy bonus's weight ({@code ent_coef}). */
    public float entCoef() { return entCoef; }

    /** The value loss's weight ({@code vf_coef}). */
    public float vfCoef() { return vfCoef; }

    /** The gradients' global norm limit ({@code max_grad_norm}); 0: no clipping. */
    public float maxGradNorm() { return maxGradNorm; }

    /** RMSprop's smoothing constant (PyTorch's {@code alpha}). */
    public float rmsPropAlpha() { return rmsPropAlpha; }

    /** RMSprop's ε ({@code rms_prop_eps}). */
    public float rmsPropEps() { return rmsPropEps; }

    /** Hidden widths of the actor's and the critic's tanh MLPs (a copy). */
    public int[] hidden() { return hidden.clone(); }

    /** Checks the settings together; throws {@link IllegalArgumentException} saying what is wrong. */
    public void validate() {
        require(numEnvs >= 1 && numSteps >= 1, "num_envs and num_steps must be >= 1");
        require(learningRate > 0, "learning_rate must be > 0, got " + learningRate);
        require(totalSteps >= 1, "the budget must be >= 1 step, got " + totalSteps);
        require(gamma >= 0 && gamma <= 1 && gaeLambda >= 0 && gaeLambda <= 1, "gamma and gae_lambda must lie in [0, 1]");
        require(entCoef >= 0 && vfCoef >= 0 && maxGradNorm >= 0, "ent_coef, vf_coef and max_grad_norm must be >= 0");
        require(rmsPropAlpha >= 0 && rmsPropAlpha <= 1 && rmsPropEps >= 0,
                "RMSprop's alpha must lie in [0, 1] and its eps be >= 0");
        require(hidden.length > 0 && Arrays.stream(hidden).allMatch(w -> w > 0),
                "hidden widths must be positive, got " + Arrays.toString(hidden));
        if (normalizeAdvantages) {
            require(numEnvs * numSteps > 1, "normalize_advantage needs more than one transition per update");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("A2C: " + message);
        }
    }
}
