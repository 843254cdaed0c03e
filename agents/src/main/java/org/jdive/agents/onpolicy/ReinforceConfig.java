package org.jdive.agents.onpolicy;

import java.util.Arrays;
import java.util.Locale;

/**
 * The settings of a {@link Reinforce}; the defaults are SLM-Lab's {@code reinforce_cartpole} (4 envs, an update per
 * 512 steps of finished episodes, γ 0.99, returns centred on their mean, entropy bonus 0.001 decaying linearly to 0
 * over 200k steps, Adam 2e-3, gradient norm 0.5, tanh MLPs of 128-128). Setters return this; {@link Reinforce}
 * checks the whole at construction.
 */
public final class ReinforceConfig {

    /** What is subtracted from the returns to lower the gradient's variance. */
    public enum Baseline {
        /** Nothing: Williams' (1992) plain REINFORCE. */
        NONE,
        /** The batch's mean return (SLM-Lab's {@code center_return}). */
        MEAN,
        /** A learnt state value, Sutton and Barto's REINFORCE with baseline (13.4). */
        VALUE;

        /** The name scenario files use. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    int numEnvs = 4;
    int batchSteps = 512;
    double gamma = 0.99;
    Baseline baseline = Baseline.MEAN;
    float learningRate = 2e-3f;
    float entCoef = 0.001f;
    float entCoefFinal = 0f;
    long entDecaySteps = 200_000;
    float vfCoef = 0.5f;
    float maxGradNorm = 0.5f;
    int[] hidden = {128, 128};

    /** SLM-Lab's defaults, as the class comment lists them; the setters change them. */
    public ReinforceConfig() {
    }

    /** Envs stepped together. */
    public ReinforceConfig numEnvs(int v) { numEnvs = v; return this; }

    /** Steps of finished episodes per update (SLM-Lab's {@code training_frequency}). */
    public ReinforceConfig batchSteps(int v) { batchSteps = v; return this; }

    /** The discount. */
    public ReinforceConfig gamma(double v) { gamma = v; return this; }

    /** What the returns are compared with. */
    public ReinforceConfig baseline(Baseline v) { baseline = v; return this; }

    /** Adam's step size. */
    public ReinforceConfig learningRate(float v) { learningRate = v; return this; }

    /** The entropy bonus's weight at the start. */
    public ReinforceConfig entCoef(float v) { entCoef = v; return this; }

    /** The entropy bonus's weight after {@link #entDecaySteps}. */
    public ReinforceConfig entCoefFinal(float v) { entCoefFinal = v; return this; }

    /** Environment steps over which the entropy weight moves linearly from its start to its final value. */
    public ReinforceConfig entDecaySteps(long v) { entDecaySteps = v; return this; }

    /** The value loss's weight, with the {@code value} baseline. */
    public ReinforceConfig vfCoef(float v) { vfCoef = v; return this; }

    /** The gradients' global norm limit; 0 disables clipping. */
    public ReinforceConfig maxGradNorm(float v) { maxGradNorm = v; return this; }

    /** Hidden widths of the policy's (and the value's) tanh MLPs. */
    public ReinforceConfig hidden(int... widths) { hidden = widths.clone(); return this; }

    /** Envs stepped together. */
    public int numEnvs() { return numEnvs; }

    /** Steps of finished episodes per update (SLM-Lab's {@code training_frequency}). */
    public int batchSteps() { return batchSteps; }

    /** The discount. */
    public double gamma() { return gamma; }

    /** What the returns are compared with. */
    public Baseline baseline() { return baseline; }

    /** Adam's step size. */
    public float learningRate() { return learningRate; }

    /** The entropy bonus's weight at the start. */
    public float entCoef() { return entCoef; }

    /** The entropy bonus's weight after {@link #entDecaySteps}. */
    public float entCoefFinal() { return entCoefFinal; }

    /** Environment steps over which the entropy weight moves linearly from its start to its final value. */
    public long entDecaySteps() { return entDecaySteps; }

    /** The value loss's weight, with the {@code value} baseline. */
    public float vfCoef() { return vfCoef; }

    /** The gradients' global norm limit; 0: no clipping. */
    public float maxGradNorm() { return maxGradNorm; }

    /** Hidden widths of the policy's (and the value's) tanh MLPs (a copy). */
    public int[] hidden() { return hidden.clone(); }

    /** The entropy weight after {@code steps} environment steps. */
    float entCoefAt(long steps) {
        double progress = entDecaySteps == 0 ? 1 : Math.min(1, (double) steps / entDecaySteps);
        return (float) (entCoef + progress * (entCoefFinal - entCoef));
    }

    /** Checks the settings together; throws {@link IllegalArgumentException} saying what is wrong. */
    public void validate() {
        require(numEnvs >= 1 && batchSteps >= 1, "num_envs and batch_steps must be >= 1");
        require(gamma >= 0 && gamma <= 1, "gamma must lie in [0, 1]");
        require(learningRate > 0, "learning_rate must be > 0, got " + learningRate);
        require(entCoef >= 0 && entCoefFinal >= 0 && entDecaySteps >= 0 && vfCoef >= 0 && maxGradNorm >= 0,
                "ent_coef, ent_coef_final, ent_decay_steps, vf_coef and max_grad_norm must be >= 0");
        require(baseline != null, "a baseline is needed (none, mean or value)");
        require(hidden.length > 0 && Arrays.stream(hidden).allMatch(w -> w > 0),
                "hidden widths must be positive, got " + Arrays.toString(hidden));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("REINFORCE: " + message);
        }
    }
}
