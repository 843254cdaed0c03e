package org.jdive.agents.onpolicy;

/**
 * Generalised advantage estimation (Schulman et al. 2016) over a rollout of {@code numSteps × numEnvs} rows, laid out
 * step-major as CleanRL's buffers are: {@code A_t = δ_t + γλ(1 − d_{t+1}) A_{t+1}} with
 * {@code δ_t = r_t + γ(1 − d_{t+1}) V(s_{t+1}) − V(s_t)}, where {@code d_t} says the observation of row {@code t}
 * began a new episode; the returns the critic learns are {@code A_t + V(s_t)}.
 */
public record Gae(float[] advantages, float[] returns) {

    /**
     * @param rewards   the reward of each row's step
     * @param values    the critic's value of each row's observation
     * @param dones     whether each row's observation began a new episode (CleanRL's {@code dones})
     * @param nextValue the critic's value of the observation after the rollout, per env
     * @param nextDone  whether that observation began a new episode, per env
     */
    public static Gae compute(float[] rewards, float[] values, boolean[] dones, float[] nextValue, boolean[] nextDone,
                              double gamma, double lambda) {
        int numEnvs = nextValue.length;
        int rows = rewards.length;
        float[] advantages = new float[rows];
        float[] returns = new float[rows];
        float[] lastGae = new float[numEnvs];
        for (int i = rows - 1; i >= 0; i--) {
            int e = i % numEnvs;
            boolean last = i + numEnvs >= rows;
            float nextNonTerminal = (last ? nextDone[e] : dones[i + numEnvs]) ? 0f : 1f;
            float nextValues = last ? nextValue[e] : values[i + numEnvs];
            float delta = rewards[i] + (float) gamma * nextValues * nextNonTerminal - values[i];
            lastGae[e] = delta + (float) (gamma * lambda) * nextNonTerminal * lastGae[e];
            advantages[i] = lastGae[e];
            returns[i] = advantages[i] + values[i];
        }
        return new Gae(advantages, returns);
    }
}
