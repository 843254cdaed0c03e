package org.jdive.agents.dqn;

import java.util.Arrays;

/**
 * The settings of a {@link Dqn}, with SB3's and CleanRL's names in the Javadoc. The defaults are CleanRL's
 * {@code dqn.py} for CartPole (Adam 2.5e-4, batch 128, buffer 10k, hard target copy every 500 steps, train
 * every 10 steps, ε 1 → 0.05, MSE, MLP 120-84), with {@link #explorationSteps} and {@link #learningStarts}
 * scaled to a 100k-step budget. Setters return this; {@link Dqn} checks the whole at construction.
 *
 * <p>Steps count environment steps summed over all envs of a vector env, as SB3's {@code num_timesteps}.
 */
public final class DqnConfig {

    /** The regression loss of the TD error. */
    public enum Loss {
        /** Huber's loss with δ = 1 (SB3's {@code smooth_l1_loss}): squared below an error of 1, linear above. */
        HUBER,
        /** The squared error (CleanRL's {@code mse_loss}). */
        MSE
    }

    /** The optimizer: Adam, or the centred RMSProp of Mnih et al. 2015 and MinAtar. */
    public enum OptimizerKind {
        /** Adam (Kingma and Ba 2015). */
        ADAM,
        /** RMSProp that divides by the centred second moment, an estimate of the gradient's variance. */
        RMSPROP_CENTERED
    }

    int numEnvs = 1;
    double gamma = 0.99;
    float learningRate = 2.5e-4f;
    OptimizerKind optimizer = OptimizerKind.ADAM;
    float adamEps = 1e-8f;
    float rmsAlpha = 0.95f;
    float rmsEps = 0.01f;
    int bufferSize = 10_000;
    int batchSize = 128;
    long learningStarts = 1_000;
    int trainFrequency = 10;
    int gradientSteps = 1;
    long targetUpdateInterval = 500;
    double tau = 1.0;
    double explorationStart = 1.0;
    double explorationEnd = 0.05;
    long explorationSteps = 50_000;
    Loss loss = Loss.MSE;
    float maxGradNorm = 0;
    boolean doubleDqn;
    boolean dueling;
    int nSteps = 1;
    boolean prioritized;
    double priorityAlpha = 0.6;
    double priorityBetaStart = 0.4;
    long priorityBetaSteps = 100_000;
    double priorityEpsilon = 1e-6;
    int[] hidden = {120, 84};
    boolean minAtarTorso;

    /** The defaults the class comment lists (CleanRL's for CartPole); the setters change them. */
    public DqnConfig() {
    }

    /** Envs stepped together ({@code n_envs}); each step of the vector env is {@code numEnvs} steps. */
    public DqnConfig numEnvs(int v) { numEnvs = v; return this; }

    /** The discount ({@code gamma}). */
    public DqnConfig gamma(double v) { gamma = v; return this; }

    /** The step size of the optimizer ({@code learning_rate}). */
    public DqnConfig learningRate(float v) { learningRate = v; return this; }

    /** Adam with the given epsilon. */
    public DqnConfig adam(float eps) { optimizer = OptimizerKind.ADAM; adamEps = eps; return this; }

    /** Centred RMSProp with the given smoothing and epsilon (MinAtar: alpha 0.95, eps 0.01). */
    public DqnConfig rmsPropCentered(float alpha, float eps) {
        optimizer = OptimizerKind.RMSPROP_CENTERED;
        rmsAlpha = alpha;
        rmsEps = eps;
        return this;
    }

    /** Transitions kept in the replay buffer ({@code buffer_size}). */
    public DqnConfig bufferSize(int v) { bufferSize = v; return this; }

    /** Transitions per gradient step ({@code batch_size}). */
    public DqnConfig batchSize(int v) { batchSize = v; return this; }

    /** Steps of ε-greedy play before the first gradient step ({@code learning_starts}). */
    public DqnConfig learningStarts(long v) { learningStarts = v; return this; }

    /** Vector-env steps between rounds of gradient steps ({@code train_freq}). */
    public DqnConfig trainFrequency(int v) { trainFrequency = v; return this; }

    /** Gradient steps per round ({@code gradient_steps}). */
    public DqnConfig gradientSteps(int v) { gradientSteps = v; return this; }

    /** Steps between target-network updates ({@code target_update_interval}). */
    public DqnConfig targetUpdateInterval(long v) { targetUpdateInterval = v; return this; }

    /** 1: hard copy; below 1: Polyak averaging {@code θ' ← τθ + (1-τ)θ'} at each target update ({@code tau}). */
    public DqnConfig tau(double v) { tau = v; return this; }

    /** ε falls linearly from {@code start} to {@code end} over {@code steps} steps, then stays. */
    public DqnConfig exploration(double start, double end, long steps) {
        explorationStart = start;
        explorationEnd = end;
        explorationSteps = steps;
        return this;
    }

    /** The regression loss of the TD error: Huber (SB3, MinAtar) or the squared error (CleanRL). */
    public DqnConfig loss(Loss v) { loss = v; return this; }

    /** Clips the gradients' joint L2 norm ({@code max_grad_norm}; SB3: 10); 0 disables clipping. */
    public DqnConfig maxGradNorm(float v) { maxGradNorm = v; return this; }

    /** Double DQN (van Hasselt et al. 2016): the online network picks the next action, the target values it. */
    public DqnConfig doubleDqn(boolean v) { doubleDqn = v; return this; }

    /** A {@link DuelingHead} instead of a linear one. */
    public DqnConfig dueling(boolean v) { dueling = v; return this; }

    /** Rewards summed before bootstrapping (n-step returns). */
    public DqnConfig nSteps(int v) { nSteps = v; return this; }

    /**
     * Proportional prioritized replay with exponent {@code alpha} (paper: 0.6), the importance-sampling
     * exponent β annealed linearly from {@code betaStart} (paper: 0.4) to 1 over {@code betaSteps} steps.
     */
    public DqnConfig prioritized(double alpha, double betaStart, long betaSteps) {
        prioritized = true;
        priorityAlpha = alpha;
        priorityBetaStart = betaStart;
        priorityBetaSteps = betaSteps;
        return this;
    }

    /** Hidden widths of the MLP torso. */
    public DqnConfig hidden(int... widths) { hidden = widths.clone(); minAtarTorso = false; return this; }

    /** MinAtar's convolutional torso for {@code 10×10×C} grids. */
    public DqnConfig minAtarTorso() { minAtarTorso = true; return this; }

    // The settings as they stand, for the scenario kind's defaults and for checks: one place says each default.

    /** Envs stepped together ({@code n_envs}); each step of the vector env is {@code numEnvs} steps. */
    public int numEnvs() { return numEnvs; }

    /** The discount ({@code gamma}). */
    public double gamma() { return gamma; }

    /** The step size of the optimizer ({@code learning_rate}). */
    public float learningRate() { return learningRate; }

    /** Which optimizer: Adam ({@link #adam}) or centred RMSProp ({@link #rmsPropCentered}). */
    public OptimizerKind optimizer() { return optimizer; }

    /** Adam's epsilon, when the optimizer is Adam. */
    public float adamEps() { return adamEps; }

    /** Centred RMSProp's smoothing constant, when that is the optimizer. */
    public float rmsAlpha() { return rmsAlpha; }

    /** Centred RMSProp's epsilon, when that is the optimizer. */
    public float rmsEps() { return rmsEps; }

    /** Transitions kept in the replay buffer ({@code buffer_size}). */
    public int bufferSize() { return bufferSize; }

    /** Transitions per gradient step ({@code batch_size}). */
    public int batchSize() { return batchSize; }

    /** Steps of ε-greedy play before the first gradient step ({@code learning_starts}). */
    public long learningStarts() { return learningStarts; }

    /** Vector-env steps between rounds of gradient steps ({@code train_freq}). */
    public int trainFrequency() { return trainFrequency; }

    /** Gradient steps per round ({@code gradient_steps}). */
    public int gradientSteps() { return gradientSteps; }

    /** Steps between target-network updates ({@code target_update_interval}). */
    public long targetUpdateInterval() { return targetUpdateInterval; }

    /** The target update's τ ({@code tau}): 1 copies the online network, below 1 averages {@code θ' ← τθ + (1-τ)θ'}. */
    public double tau() { return tau; }

    /** ε at step 0 of the linear {@link #exploration} schedule. */
    public double explorationStart() { return explorationStart; }

    /** ε from the end of the {@link #exploration} schedule on. */
    public double explorationEnd() { return explorationEnd; }

    /** Steps over which ε falls from its start to its end value. */
    public long explorationSteps() { return explorationSteps; }

    /** The regression loss of the TD error. */
    public Loss loss() { return loss; }

    /** The limit on the gradients' joint L2 norm ({@code max_grad_norm}); 0: no clipping. */
    public float maxGradNorm() { return maxGradNorm; }

    /**
     * Whether the target is Double DQN's (van Hasselt et al. 2016): the online network picks the next action, the
     * target network values it.
     */
    public boolean doubleDqn() { return doubleDqn; }

    /** Whether the Q-network ends in a {@link DuelingHead} rather than a linear layer. */
    public boolean dueling() { return dueling; }

    /** Rewards summed before bootstrapping (n-step returns). */
    public int nSteps() { return nSteps; }

    /** Whether replay is proportionally prioritized ({@link #prioritized(double, double, long)}); else uniform. */
    public boolean prioritized() { return prioritized; }

    /** The priority exponent α of prioritized replay. */
    public double priorityAlpha() { return priorityAlpha; }

    /** The importance-sampling exponent β at step 0, annealed linearly to 1. */
    public double priorityBetaStart() { return priorityBetaStart; }

    /** Steps over which β rises from its start value to 1. */
    public long priorityBetaSteps() { return priorityBetaSteps; }

    /** Hidden widths of the MLP torso (a copy); unused with {@link #usesMinAtarTorso()}. */
    public int[] hidden() { return hidden.clone(); }

    /** Whether the torso is MinAtar's convolution for {@code 10×10×C} grids rather than an MLP. */
    public boolean usesMinAtarTorso() { return minAtarTorso; }

    /**
     * MinAtar's DQN set-up (Young and Tian 2019): replay 100k, batch 32, target copy every 1,000 steps,
     * ε 1 → 0.1 over 100k steps, learning from 5,000 steps, one update per step, centred RMSProp 2.5e-4
     * (alpha 0.95, eps 0.01), γ 0.99, Huber loss, the conv torso.
     */
    public static DqnConfig minAtar() {
        return new DqnConfig().minAtarTorso().bufferSize(100_000).batchSize(32).targetUpdateInterval(1_000)
                .exploration(1.0, 0.1, 100_000).learningStarts(5_000).trainFrequency(1).learningRate(2.5e-4f)
                .rmsPropCentered(0.95f, 0.01f).gamma(0.99).loss(Loss.HUBER);
    }

    void validate() {
        require(numEnvs >= 1, "numEnvs must be >= 1, got " + numEnvs);
        require(gamma >= 0 && gamma <= 1, "gamma must lie in [0, 1], got " + gamma);
        require(learningRate > 0, "learningRate must be > 0, got " + learningRate);
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        require(bufferSize >= numEnvs * (nSteps + 2), "bufferSize " + bufferSize + " is too small for "
                + numEnvs + " envs and nSteps " + nSteps);
        require(learningStarts >= 0, "learningStarts must be >= 0, got " + learningStarts);
        require(trainFrequency >= 1 && gradientSteps >= 1, "trainFrequency and gradientSteps must be >= 1");
        require(targetUpdateInterval >= 1, "targetUpdateInterval must be >= 1, got " + targetUpdateInterval);
        require(tau > 0 && tau <= 1, "tau must lie in (0, 1], got " + tau);
        require(explorationSteps >= 1, "the exploration schedule needs >= 1 step, got " + explorationSteps);
        require(maxGradNorm >= 0, "maxGradNorm must be >= 0 (0: no clipping), got " + maxGradNorm);
        require(nSteps >= 1, "nSteps must be >= 1, got " + nSteps);
        require(!prioritized || (priorityAlpha >= 0 && priorityAlpha <= 1 && priorityBetaStart >= 0
                && priorityBetaStart <= 1 && priorityBetaSteps >= 1),
                "prioritized replay needs alpha and betaStart in [0, 1] and betaSteps >= 1");
        require(hidden.length > 0 && Arrays.stream(hidden).allMatch(w -> w > 0),
                "hidden widths must be positive, got " + Arrays.toString(hidden));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("DQN: " + message);
        }
    }
}
