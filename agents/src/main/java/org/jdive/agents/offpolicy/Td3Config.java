package org.jdive.agents.offpolicy;

import java.util.Arrays;

/**
 * The settings of a {@link Td3}, with Stable-Baselines3's {@code TD3} names; the defaults are SB3's (one env, a buffer
 * of 10⁶, 100 random steps, batches of 256, τ 0.005, γ 0.99, one gradient step per step, Adam 1e-3, the actor and
 * the targets updated every second step, target smoothing noise 0.2 clipped to 0.5, ReLU MLPs of 400-300) with
 * Gaussian exploration noise of 0.1 as rl-baselines3-zoo sets it. Setters return this; {@link Td3} checks the whole
 * at construction.
 */
public final class Td3Config {

    int numEnvs = 1;
    int bufferSize = 1_000_000;
    long learningStarts = 100;
    int batchSize = 256;
    double tau = 0.005;
    double gamma = 0.99;
    int trainFreq = 1;
    int gradientSteps = 1;
    float learningRate = 1e-3f;
    int policyDelay = 2;
    double targetPolicyNoise = 0.2;
    double targetNoiseClip = 0.5;
    double actionNoise = 0.1;
    int[] hidden = {400, 300};

    /** SB3's defaults with rl-baselines3-zoo's exploration noise, as listed above; the setters change them. */
    public Td3Config() {
    }

    /** Envs stepped together ({@code n_envs}). */
    public Td3Config numEnvs(int v) { numEnvs = v; return this; }

    /** Transitions the replay buffer holds ({@code buffer_size}). */
    public Td3Config bufferSize(int v) { bufferSize = v; return this; }

    /** Steps of uniformly random actions before learning ({@code learning_starts}). */
    public Td3Config learningStarts(long v) { learningStarts = v; return this; }

    /** Transitions per gradient step ({@code batch_size}). */
    public Td3Config batchSize(int v) { batchSize = v; return this; }

    /** Polyak averaging of the target networks ({@code tau}). */
    public Td3Config tau(double v) { tau = v; return this; }

    /** The discount ({@code gamma}). */
    public Td3Config gamma(double v) { gamma = v; return this; }

    /** Env steps between trainings ({@code train_freq}). */
    public Td3Config trainFreq(int v) { trainFreq = v; return this; }

    /** Gradient steps per training ({@code gradient_steps}). */
    public Td3Config gradientSteps(int v) { gradientSteps = v; return this; }

    /** Adam's step size for the actor and the critics ({@code learning_rate}). */
    public Td3Config learningRate(float v) { learningRate = v; return this; }

    /** Critic updates per actor and target update ({@code policy_delay}). */
    public Td3Config policyDelay(int v) { policyDelay = v; return this; }

    /** The standard deviation of the noise on the target policy's actions ({@code target_policy_noise}). */
    public Td3Config targetPolicyNoise(double v) { targetPolicyNoise = v; return this; }

    /** The bound of that noise ({@code target_noise_clip}). */
    public Td3Config targetNoiseClip(double v) { targetNoiseClip = v; return this; }

    /** The standard deviation of the Gaussian exploration noise, in [−1, 1] action units ({@code noise_std}). */
    public Td3Config actionNoise(double v) { actionNoise = v; return this; }

    /** Hidden widths of the actor's and each critic's ReLU MLPs ({@code net_arch}). */
    public Td3Config hidden(int... widths) { hidden = widths.clone(); return this; }

    /** Envs stepped together ({@code n_envs}). */
    public int numEnvs() { return numEnvs; }

    /** Transitions the replay buffer holds ({@code buffer_size}). */
    public int bufferSize() { return bufferSize; }

    /** Steps of uniformly random actions before learning ({@code learning_starts}). */
    public long learningStarts() { return learningStarts; }

    /** Transitions per gradient step ({@code batch_size}). */
    public int batchSize() { return batchSize; }

    /** Polyak averaging of the target networks ({@code tau}). */
    public double tau() { return tau; }

    /** The discount ({@code gamma}). */
    public double gamma() { return gamma; }

    /** Env steps between trainings ({@code train_freq}). */
    public int trainFreq() { return trainFreq; }

    /** Gradient steps per training ({@code gradient_steps}). */
    public int gradientSteps() { return gradientSteps; }

    /** Adam's step size for the actor and the critics ({@code learning_rate}). */
    public float learningRate() { return learningRate; }

    /** Critic updates per actor and target update ({@code policy_delay}). */
    public int policyDelay() { return policyDelay; }

    /** The standard deviation of the noise on the target policy's actions ({@code target_policy_noise}). */
    public double targetPolicyNoise() { return targetPolicyNoise; }

    /** The bound of that noise ({@code target_noise_clip}). */
    public double targetNoiseClip() { return targetNoiseClip; }

    /** The standard deviation of the Gaussian exploration noise, in [−1, 1] action units ({@code noise_std}). */
    public double actionNoise() { return actionNoise; }

    /** Hidden widths of the actor's and each critic's ReLU MLPs ({@code net_arch}; a copy). */
    public int[] hidden() { return hidden.clone(); }

    OffPolicySettings settings() {
        return new OffPolicySettings(numEnvs, bufferSize, learningStarts, batchSize, tau, gamma, trainFreq,
                gradientSteps);
    }

    /** Checks the settings together; throws {@link IllegalArgumentException} saying what is wrong. */
    public void validate() {
        settings().validate("TD3");
        require(learningRate > 0, "learning_rate must be > 0, got " + learningRate);
        require(policyDelay >= 1, "policy_delay must be >= 1, got " + policyDelay);
        require(targetPolicyNoise >= 0 && targetNoiseClip >= 0 && actionNoise >= 0,
                "target_policy_noise, target_noise_clip and the action noise must be >= 0");
        require(hidden.length > 0 && Arrays.stream(hidden).allMatch(w -> w > 0),
                "hidden widths must be positive, got " + Arrays.toString(hidden));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("TD3: " + message);
        }
    }
}
