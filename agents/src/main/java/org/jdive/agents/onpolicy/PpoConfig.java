package org.jdive.agents.onpolicy;

import java.util.Arrays;

/**
 * The settings of a {@link Ppo}, with CleanRL's {@code ppo.py} names in the Javadoc; the defaults are CleanRL's
 * (4 envs × 128 steps, Adam 2.5e-4 annealed linearly to 0, γ 0.99, λ 0.95, 4 epochs of 4 minibatches, clip 0.2 for
 * the policy and the value, entropy 0.01, value 0.5, gradient norm 0.5, tanh MLPs of 64-64). Setters return this;
 * {@link Ppo} checks the whole at construction.
 */
public final class PpoConfig {

    int numEnvs = 4;
    int numSteps = 128;
    float learningRate = 2.5e-4f;
    boolean annealLr = true;
    long totalSteps = 500_000;
    double gamma = 0.99;
    double gaeLambda = 0.95;
    int numMinibatches = 4;
    int updateEpochs = 4;
    boolean normalizeAdvantages = true;
    float clipCoef = 0.2f;
    boolean annealClip;
    boolean clipValueLoss = true;
    float entCoef = 0.01f;
    float vfCoef = 0.5f;
    float maxGradNorm = 0.5f;
    double targetKl = 0;
    int[] hidden = {64, 64};
    NetworkStyle network = NetworkStyle.CLEANRL;

    /** CleanRL's defaults, as the class comment lists them; the setters change them. */
    public PpoConfig() {
    }

    /** Envs stepped together ({@code num_envs}). */
    public PpoConfig numEnvs(int v) { numEnvs = v; return this; }

    /** Steps of each env per rollout ({@code num_steps}); a rollout is {@code numEnvs × numSteps} transitions. */
    public PpoConfig numSteps(int v) { numSteps = v; return this; }

    /** Adam's step size ({@code learning_rate}), at the start when annealed. */
    public PpoConfig learningRate(float v) { learningRate = v; return this; }

    /** Anneal the learning rate linearly to 0 over {@link #totalSteps} ({@code anneal_lr}). */
    public PpoConfig annealLr(boolean v) { annealLr = v; return this; }

    /** The run's length in environment steps ({@code total_timesteps}), over which the learning rate anneals. */
    public PpoConfig totalSteps(long v) { totalSteps = v; return this; }

    /** The discount ({@code gamma}). */
    public PpoConfig gamma(double v) { gamma = v; return this; }

    /** GAE's λ ({@code gae_lambda}). */
    public PpoConfig gaeLambda(double v) { gaeLambda = v; return this; }

    /** Minibatches per epoch ({@code num_minibatches}). */
    public PpoConfig numMinibatches(int v) { numMinibatches = v; return this; }

    /** Passes over each rollout ({@code update_epochs}). */
    public PpoConfig updateEpochs(int v) { updateEpochs = v; return this; }

    /** Normalise each minibatch's advantages to mean 0, standard deviation 1 ({@code norm_adv}). */
    public PpoConfig normalizeAdvantages(boolean v) { normalizeAdvantages = v; return this; }

    /** The surrogate's clipping range ({@code clip_coef}). */
    public PpoConfig clipCoef(float v) { clipCoef = v; return this; }

    /**
     * Anneal the clipping range linearly to 0 over {@link #totalSteps}, as rl-baselines3-zoo's {@code lin_0.2}
     * clip range does (CleanRL keeps it constant).
     */
    public PpoConfig annealClip(boolean v) { annealClip = v; return this; }

    /** Clip the value loss too ({@code clip_vloss}). */
    public PpoConfig clipValueLoss(boolean v) { clipValueLoss = v; return this; }

    /** The entropy bonus's weight ({@code ent_coef}). */
    public PpoConfig entCoef(float v) { entCoef = v; return this; }

    /** The value loss's weight ({@code vf_coef}). */
    public PpoConfig vfCoef(float v) { vfCoef = v; return this; }

    /** The gradients' global norm limit ({@code max_grad_norm}); 0 disables clipping. */
    public PpoConfig maxGradNorm(float v) { maxGradNorm = v; return this; }

    /** Stop a rollout's epochs once the approximate KL exceeds this ({@code target_kl}); 0: never. */
    public PpoConfig targetKl(double v) { targetKl = v; return this; }

    /** Hidden widths of the actor's and the critic's MLPs. */
    public PpoConfig hidden(int... widths) { hidden = widths.clone(); return this; }

    /** How the MLPs are built: CleanRL's tanh and orthogonal weights, or gymnax's ReLU and LeCun-normal weights. */
    public PpoConfig network(NetworkStyle v) { network = v; return this; }

    /** Envs stepped together ({@code num_envs}). */
    public int numEnvs() { return numEnvs; }

    /** Steps of each env per rollout ({@code num_steps}); a rollout is {@code numEnvs × numSteps} transitions. */
    public int numSteps() { return numSteps; }

    /** Adam's step size ({@code learning_rate}), at the start when annealed. */
    public float learningRate() { return learningRate; }

    /** Whether the learning rate anneals linearly to 0 over {@link #totalSteps} ({@code anneal_lr}). */
    public boolean annealLr() { return annealLr; }

    /** The run's length in environment steps ({@code total_timesteps}), over which the learning rate anneals. */
    public long totalSteps() { return totalSteps; }

    /** The discount ({@code gamma}). */
    public double gamma() { return gamma; }

    /** GAE's λ ({@code gae_lambda}). */
    public double gaeLambda() { return gaeLambda; }

    /** Minibatches per epoch ({@code num_minibatches}). */
    public int numMinibatches() { return numMinibatches; }

    /** Passes over each rollout ({@code update_epochs}). */
    public int updateEpochs() { return updateEpochs; }

    /** Whether each minibatch's advantages are normalised to mean 0, standard deviation 1 ({@code norm_adv}). */
    public boolean normalizeAdvantages() { return normalizeAdvantages; }

    /** The surrogate's clipping range ({@code clip_coef}). */
    public float clipCoef() { return clipCoef; }

    /**
     * Whether the clipping range anneals linearly to 0 over {@link #totalSteps} (rl-baselines3-zoo's {@code lin_0.2}).
     */
    public boolean annealClip() { return annealClip; }

    /** Whether the value loss is clipped too ({@code clip_vloss}). */
    public boolean clipValueLoss() { return clipValueLoss; }

    /** The entropy bonus's weight ({@code ent_coef}). */
    public float entCoef() { return entCoef; }

    /** The value loss's weight ({@code vf_coef}). */
    public float vfCoef() { return vfCoef; }

    /** The gradients' global norm limit ({@code max_grad_norm}); 0: no clipping. */
    public float maxGradNorm() { return maxGradNorm; }

    /** The approximate KL past which a rollout's remaining epochs are skipped ({@code target_kl}); 0: never. */
    public double targetKl() { return targetKl; }

    /** Hidden widths of the actor's and the critic's MLPs (a copy). */
    public int[] hidden() { return hidden.clone(); }

    /** How the MLPs are built: CleanRL's tanh and orthogonal weights, or gymnax's ReLU and LeCun-normal weights. */
    public NetworkStyle network() { return network; }

    /** Transitions per rollout ({@code batch_size}). */
    int batchSize() {
        return numEnvs * numSteps;
    }

    /** Checks the settings together; throws {@link IllegalArgumentException} saying what is wrong. */
    public void validate() {
        require(numEnvs >= 1 && numSteps >= 1, "num_envs and num_steps must be >= 1");
        require(numMinibatches >= 1 && batchSize() % numMinibatches == 0, "the rollout's " + batchSize()
                + " transitions (num_envs × num_steps) must split into num_minibatches (" + numMinibatches
                + ") equal minibatches");
        require(updateEpochs >= 1, "update_epochs must be >= 1, got " + updateEpochs);
        require(learningRate > 0, "learning_rate must be > 0, got " + learningRate);
        require(totalSteps >= 1, "the budget must be >= 1 step, got " + totalSteps);
        require(gamma >= 0 && gamma <= 1 && gaeLambda >= 0 && gaeLambda <= 1, "gamma and gae_lambda must lie in [0, 1]");
        require(clipCoef > 0, "clip_coef must be > 0, got " + clipCoef);
        require(entCoef >= 0 && vfCoef >= 0 && maxGradNorm >= 0 && targetKl >= 0,
                "ent_coef, vf_coef, max_grad_norm and target_kl must be >= 0");
        require(network != null, "a network style is needed (cleanrl or gymnax)");
        require(hidden.length > 0 && Arrays.stream(hidden).allMatch(w -> w > 0),
                "hidden widths must be positive, got " + Arrays.toString(hidden));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("PPO: " + message);
        }
    }
}
