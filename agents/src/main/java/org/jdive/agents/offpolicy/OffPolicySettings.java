package org.jdive.agents.offpolicy;

/**
 * What SAC and TD3 share, with Stable-Baselines3's names: how experience is gathered and replayed.
 *
 * @param numEnvs        envs stepped together ({@code n_envs})
 * @param bufferSize     transitions the replay buffer holds ({@code buffer_size})
 * @param learningStarts steps of uniformly random actions before learning ({@code learning_starts})
 * @param batchSize      transitions per gradient step ({@code batch_size})
 * @param tau            Polyak averaging of the target networks ({@code tau})
 * @param gamma          the discount ({@code gamma})
 * @param trainFreq      env steps (of every env) between trainings ({@code train_freq})
 * @param gradientSteps  gradient steps per training ({@code gradient_steps})
 */
record OffPolicySettings(int numEnvs, int bufferSize, long learningStarts, int batchSize, double tau, double gamma,
                         int trainFreq, int gradientSteps) {

    void validate(String algorithm) {
        require(algorithm, numEnvs >= 1, "num_envs must be >= 1");
        require(algorithm, bufferSize >= 2 * numEnvs + 2, "buffer_size is too small for " + numEnvs + " envs");
        require(algorithm, learningStarts >= 0, "learning_starts must be >= 0");
        require(algorithm, batchSize >= 1, "batch_size must be >= 1");
        require(algorithm, tau > 0 && tau <= 1, "tau must lie in (0, 1], got " + tau);
        require(algorithm, gamma >= 0 && gamma <= 1, "gamma must lie in [0, 1], got " + gamma);
        require(algorithm, trainFreq >= 1 && gradientSteps >= 1, "train_freq and gradient_steps must be >= 1");
    }

    private static void require(String algorithm, boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(algorithm + ": " + message);
        }
    }
}
