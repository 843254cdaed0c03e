package org.jdive.agents.onpolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.GradClip;
import org.jdive.core.optim.Optimizer;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.vector.VectorEnv;

/**
 * Proximal policy optimisation, as CleanRL's {@code ppo.py} (categorical policy) and {@code ppo_continuous_action.py}
 * (diagonal Gaussian with a state-independent log-std) do it: on each full rollout,
 * GAE(λ) advantages, then {@code updateEpochs} passes over the rollout in shuffled minibatches, each step minimising
 * the clipped surrogate, the clipped value loss and the entropy bonus ({@link #update()}), with the gradients' global
 * norm clipped and the learning rate annealed linearly; Adam with ε 1e-5. Seeded and bit-exact on the CPU backend.
 */
public final class Ppo extends OnPolicyAgent {

    private static final List<String> STATS = List.of("policy_loss", "value_loss", "entropy", "approx_kl",
            "clip_fraction", "explained_variance");

    private final PpoConfig config;
    private final Rollout rollout;
    private final Adam optimizer;
    /** Shuffles the minibatches. */
    private final UniformRandomProvider minibatchRng;

    /**
     * A PPO agent on {@code envs}; nothing runs until {@link #train}.
     *
     * @param envs {@code config.numEnvs()} envs of discrete or continuous ({@code Box}) actions, autoresetting in
     *             {@code SAME_STEP} mode; the agent does not close them
     * @param seed the seed of the random streams ({@code "init"} for the networks, {@code "actions"} for sampling,
     *             {@code "minibatches"} for shuffling) and of the envs' first reset, {@code seed + i} for sub-env
     *             {@code i}
     * @throws IllegalArgumentException if the config is invalid or does not suit {@code envs}
     */
    public Ppo(VectorEnv envs, PpoConfig config, long seed) {
        super("PPO", envs, validated(config).numEnvs, config.hidden, config.network, true, seed);
        this.rollout = new Rollout(config.numSteps, config.numEnvs, observationSize, actionSize);
        this.config = config;
        this.optimizer = new Adam(parameters(), config.learningRate, 0.9f, 0.999f, 1e-5f, 0f);
        this.minibatchRng = Rng.split(seed, "minibatches");
    }

    private static PpoConfig validated(PpoConfig config) {
        config.validate();
        return config;
    }

    @Override
    public List<String> statNames() {
        return STATS;
    }

    @Override
    Experience experience() {
        return rollout;
    }

    @Override
    Optimizer optimizer() {
        return optimizer;
    }

    @Override
    void saveExtra(StateWriter out) {
        out.writeRng(minibatchRng);
    }

    @Override
    void restoreExtra(StateReader in) {
        in.readRng(minibatchRng);
    }

    /**
     * GAE(λ) advantages and returns, then {@code updateEpochs} shuffled passes of minibatch gradient steps on
     * {@code loss = L_clip − c_ent·H + c_vf·L_V}.
     */
    @Override
    Map<String, Double> update() {
        double remaining = remaining(config.totalSteps, rollout.size());
        if (config.annealLr) {
            optimizer.setLr((float) (remaining * config.learningRate));
        }
        float clip = config.annealClip ? (float) (remaining * config.clipCoef) : config.clipCoef;
        Gae gae = advantages(rollout, config.gamma, config.gaeLambda);
        int n = rollout.size();
        int size = n / config.numMinibatches;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double policyLoss = 0;
        double valueLoss = 0;
        double entropy = 0;
        double approxKl = 0;
        double clipped = 0;
        int minibatches = 0;
        for (int epoch = 0; epoch < config.updateEpochs; epoch++) {
            shuffle(order, minibatchRng);
            for (int start = 0; start < n; start += size) {
                float[] stats = minibatchStep(order, start, size, gae, clip);
                policyLoss += stats[0];
                valueLoss += stats[1];
                entropy += stats[2];
                approxKl = stats[3];
                clipped += stats[4];
                minibatches++;
            }
            if (config.targetKl > 0 && approxKl > config.targetKl) {
                break;
            }
        }
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("policy_loss", policyLoss / minibatches);
        stats.put("value_loss", valueLoss / minibatches);
        stats.put("entropy", entropy / minibatches);
        stats.put("approx_kl", approxKl);
        stats.put("clip_fraction", clipped / minibatches);
        stats.put("explained_variance", explainedVariance(rollout.values, gae.returns()));
        return stats;
    }

    /**
     * One gradient step on the minibatch {@code order[start, start + size)}; returns its policy loss, value loss,
     * entropy, approximate KL ({@code (r − 1) − log r}, Schulman's k3) and clip fraction.
     */
    private float[] minibatchStep(int[] order, int start, int size, Gae gae, float clip) {
        Rollout r = rollout;
        float[] mbObs = new float[size * observationSize];
        float[] mbActions = new float[size * actionSize];
        float[] mbOldLogProbs = new float[size];
        float[] mbAdvantages = new float[size];
        float[] mbReturns = new float[size];
        float[] mbOldValues = new float[size];
        for (int k = 0; k < size; k++) {
            int i = order[start + k];
            System.arraycopy(r.obs, i * observationSize, mbObs, k * observationSize, observationSize);
            System.arraycopy(r.actions, i * actionSize, mbActions, k * actionSize, actionSize);
            mbOldLogProbs[k] = r.logProbs[i];
            mbAdvantages[k] = gae.advantages()[i];
            mbReturns[k] = gae.returns()[i];
            mbOldValues[k] = r.values[i];
        }
        if (config.normalizeAdvantages) {
            normalize(mbAdvantages);
        }
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.of(mbObs, size, observationSize);
            ActionDistribution.Scored scored = distribution.score(actor.forward(x),
                    Tensor.of(mbActions, size, actionSize));
            Tensor newLogProb = scored.logProb();
            Tensor entropy = scored.entropy();
            Tensor newValue = critic.forward(x).reshape(size);

            Tensor logRatio = newLogProb.sub(Tensor.of(mbOldLogProbs, size));
            Tensor ratio = logRatio.exp();
            Tensor adv = Tensor.of(mbAdvantages, size);
            // the clipped surrogate: the pessimistic of the plain and the clipped ratio's objective
            Tensor pgLoss = adv.neg().mul(ratio).maximum(adv.neg().mul(ratio.clamp(1 - clip, 1 + clip))).mean();
            Tensor ret = Tensor.of(mbReturns, size);
            Tensor vLoss;
            if (config.clipValueLoss) {
                Tensor old = Tensor.of(mbOldValues, size);
                Tensor vClipped = old.add(newValue.sub(old).clamp(-clip, clip));
                vLoss = newValue.sub(ret).square().maximum(vClipped.sub(ret).square()).mean().mul(0.5f);
            } else {
                vLoss = newValue.sub(ret).square().mean().mul(0.5f);
            }
            Tensor entropyMean = entropy.mean();
            Tensor loss = pgLoss.sub(entropyMean.mul(config.entCoef)).add(vLoss.mul(config.vfCoef));
            optimizer.zeroGrad();
            loss.backward();
            if (config.maxGradNorm > 0) {
                GradClip.byNorm(parameters(), config.maxGradNorm);
            }
            optimizer.step();

            float[] ratios = ratio.toFloatArray();
            float[] logRatios = logRatio.toFloatArray();
            double kl = 0;
            int outside = 0;
            for (int k = 0; k < size; k++) {
                kl += (ratios[k] - 1) - logRatios[k];
                outside += Math.abs(ratios[k] - 1) > clip ? 1 : 0;
            }
            return new float[] {pgLoss.item(), vLoss.item(), entropyMean.item(), (float) (kl / size),
                (float) outside / size};
        }
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
