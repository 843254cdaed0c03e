package org.jdive.agents.offpolicy;

import java.util.Arrays;

/**
 * The settings of a {@link Sac}, with Stable-Baselines3's {@code SAC} names; the defaults are SB3's (one env, a
 * buffer of 10⁶, 100 random steps, batches of 256, τ 0.005, γ 0.99, one gradient step per step, Adam 3e-4 for the
 * actor, the critics and the temperature, the temperature learnt from 1 towards an entropy of −dim(A), ReLU MLPs of
 * 256-256). Setters return this; {@link Sac} checks the whole at construction.
 */
public final class SacConfig {

    int numEnvs = 1;
    int bufferSize = 1_000_000;
    long learningStarts = 100;
    int batchSize = 256;
    double tau = 0.005;
    double gamma = 0.99;
    int trainFreq = 1;
    int gradientSteps = 1;
    float learningRate = 3e-4f;
    /** A fixed temperature; NaN: learnt ({@code ent_coef: auto}). */
    double entCoef = Double.NaN;
    double entCoefInit = 1.0;
    /** The entropy the temperature aims at; NaN: −dim(A) ({@code target_entropy: auto}). */
    double targetEntropy = Double.NaN;
    int[] hidden = {256, 256};
    boolean useSde;
    int sdeSampleFreq = -1;
    double logStdInit = -3;

    /** SB3's defaults, as the class comment lists them; the setters change them. */
    public SacConfig() {
    }

    /** Envs stepped together ({@code n_envs}). */
    public SacConfig numEnvs(int v) { numEnvs = v; return this; }

    /** Transitions the replay buffer holds ({@code buffer_size}). */
    public SacConfig bufferSize(int v) { bufferSize = v; return this; }

    /** Steps of uniformly random actions before learning ({@code learning_starts}). */
    public SacConfig learningStarts(long v) { learningStarts = v; return this; }

    /** Transitions per gradient step ({@code batch_size}). */
    public SacConfig batchSize(int v) { batchSize = v; return this; }

    /** Polyak averaging of the target critics ({@code tau}). */
    public SacConfig tau(double v) { tau = v; return this; }

    /** The discount ({@code gamma}). */
    public SacConfig gamma(double v) { gamma = v; return this; }

    /** Env steps between trainings ({@code train_freq}). */
    public SacConfig trainFreq(int v) { trainFreq = v; return this; }

    /** Gradient steps per training ({@code gradient_steps}). */
    public SacConfig gradientSteps(int v) { gradientSteps = v; return this; }

    /** Adam's step size for the actor, the critics and the temperature ({@code learning_rate}). */
    public SacConfig learningRate(float v) { learningRate = v; return this; }

    /** A fixed entropy temperature α ({@code ent_coef}); NaN learns it ({@code auto}). */
    public SacConfig entCoef(double v) { entCoef = v; return this; }

    /** The learnt temperature's first value ({@code auto_1.0}). */
    public SacConfig entCoefInit(double v) { entCoefInit = v; return this; }

    /** The entropy the learnt temperature aims at; NaN: −dim(A). */
    public SacConfig targetEntropy(double v) { targetEntropy = v; return this; }

    /** Hidden widths of the actor's and each critic's ReLU MLPs ({@code net_arch}). */
    public SacConfig hidden(int... widths) { hidden = widths.clone(); return this; }

    /** Explore with generalised state-dependent noise ({@code use_sde}). */
    public SacConfig useSde(boolean v) { useSde = v; return this; }

    /** Steps between new exploration matrices; −1: only at the start of each stretch of collection. */
    public SacConfig sdeSampleFreq(int v) { sdeSampleFreq = v; return this; }

    /** The first value of gSDE's {@code log_std} ({@code log_std_init}). */
    public SacConfig logStdInit(double v) { logStdInit = v; return this; }

    /** Envs stepped together ({@code n_envs}). */
    public int numEnvs() { return numEnvs; }

    /** Transitions the replay buffer holds ({@code buffer_size}). */
    public int bufferSize() { return bufferSize; }

    /** Steps of uniformly random actions before learning ({@code learning_starts}). */
    public long learningStarts() { return learningStarts; }

    /** Transitions per gradient step ({@code batch_size}). */
    public int batchSize() { return batchSize; }

    /** Polyak averaging of the target critics ({@code tau}). */
    public double tau() { return tau; }

    /** The discount ({@code gamma}). */
    public double gamma() { return gamma; }

    /** Env steps between trainings ({@code train_freq}). */
    public int trainFreq() { return trainFreq; }

    /** Gradient steps per training ({@code gradient_steps}). */
    public int gradientSteps() { return gradientSteps; }

    /** Adam's step size for the actor, the critics and the temperature ({@code learning_rate}). */
    public float learningRate() { return learningRate; }

    /** A fixed entropy temperature α ({@code ent_coef}); NaN learns it ({@code auto}). */
    public double entCoef() { return entCoef; }

    /** The learnt temperature's first value ({@code auto_1.0}). */
    public double entCoefInit() { return entCoefInit; }

    /** The entropy the learnt temperature aims at; NaN: −dim(A). */
    public double targetEntropy() { return targetEntropy; }

    /** Hidden widths of the actor's and each critic's ReLU MLPs ({@code net_arch}; a copy). */
    public int[] hidden() { return hidden.clone(); }

    /** Whether exploration uses generalised state-dependent noise ({@code use_sde}). */
    public boolean useSde() { return useSde; }

    /** Steps between new exploration matrices; −1: only at the start of each stretch of collection. */
    public int sdeSampleFreq() { return sdeSampleFreq; }

    /** The first value of gSDE's {@code log_std} ({@code log_std_init}). */
    public double logStdInit() { return logStdInit; }

    OffPolicySettings settings() {
        return new OffPolicySettings(numEnvs, bufferSize, learningStarts, batchSize, tau, gamma, trainFreq,
                gradientSteps);
    }

    /** Checks the settings together; throws {@link IllegalArgumentException} saying what is wrong. */
    public void validate() {
        settings().validate("SAC");
        require(learningRate > 0, "learning_rate must be > 0, got " + learningRate);
        require(Double.isNaN(entCoef) || entCoef >= 0, "ent_coef must be >= 0 (or auto), got " + entCoef);
        require(sdeSampleFreq == -1 || sdeSampleFreq >= 1, "sde_sample_freq must be -1 or >= 1, got " + sdeSampleFreq);
        require(entCoefInit > 0, "the temperature's first value must be > 0, got " + entCoefInit);
        require(hidden.length > 0 && Arrays.stream(hidden).allMatch(w -> w > 0),
                "hidden widths must be positive, got " + Arrays.toString(hidden));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("SAC: " + message);
        }
    }
}
