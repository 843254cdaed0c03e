package org.jdive.agents.onpolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.optim.GradClip;
import org.jdive.core.optim.Optimizer;
import org.jdive.core.optim.RmsProp;
import org.jdive.envs.vector.VectorEnv;

/**
 * Advantage actor-critic (Mnih et al. 2016, synchronous), as Stable-Baselines3's {@code A2C}: every
 * {@code numSteps} steps of the envs, one RMSprop step on the whole rollout minimising
 * {@code −mean(A·log π(a|s)) − c_ent·H + c_vf·MSE(V, R)} with n-step (GAE with λ = 1) returns, the gradients' global norm
 * clipped; a time-limit truncation's reward is bootstrapped from the critic's value of its final observation.
 */
public final class A2c extends OnPolicyAgent {

    private static final List<String> STATS = List.of("policy_loss", "value_loss", "entropy", "explained_variance");

    private final A2cConfig config;
    private final Rollout rollout;
    private final RmsProp optimizer;

    /**
     * An A2C agent on {@code envs}; nothing runs until {@link #train}.
     *
     * @param envs {@code config.numEnvs()} envs of discrete or continuous ({@code Box}) actions, autoresetting in
     *             {@code SAME_STEP} mode; the agent does not close them
     * @param seed the seed of the random streams ({@code "init"} for the networks, {@code "actions"} for sampling) and
     *             of the envs' first reset, {@code seed + i} for sub-env {@code i}
     * @throws IllegalArgumentException if the config is invalid or does not suit {@code envs}
     */
    public A2c(VectorEnv envs, A2cConfig config, long seed) {
        super("A2C", envs, validated(config).numEnvs, config.hidden, NetworkStyle.CLEANRL, true, seed);
        this.rollout = new Rollout(config.numSteps, config.numEnvs, observationSize, actionSize);
        this.config = config;
        this.optimizer = new RmsProp(parameters(), config.learningRate, config.rmsPropAlpha, config.rmsPropEps, 0, 0,
                false);
    }

    private static A2cConfig validated(A2cConfig config) {
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
    double truncationDiscount() {
        return config.gamma;
    }

    @Override
    Map<String, Double> update() {
        if (config.annealLr) {
            optimizer.setLr((float) (remaining(config.totalSteps, rollout.size()) * config.learningRate));
        }
        Gae gae = advantages(rollout, config.gamma, config.gaeLambda);
        float[] advantages = gae.advantages().clone();
        if (config.normalizeAdvantages) {
            normalize(advantages);
        }
        int n = rollout.size();
        Map<String, Double> stats = new LinkedHashMap<>();
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.of(rollout.obs, n, observationSize);
            ActionDistribution.Scored scored = distribution.score(actor.forward(x),
                    Tensor.of(rollout.actions, n, actionSize));
            Tensor logProb = scored.logProb();
            Tensor entropy = scored.entropy().mean();
            Tensor value = critic.forward(x).reshape(n);
            Tensor policyLoss = Tensor.of(advantages, n).mul(logProb).mean().neg();
            Tensor valueLoss = value.sub(Tensor.of(gae.returns(), n)).square().mean();
            Tensor loss = policyLoss.sub(entropy.mul(config.entCoef)).add(valueLoss.mul(config.vfCoef));
            optimizer.zeroGrad();
            loss.backward();
            if (config.maxGradNorm > 0) {
                GradClip.byNorm(parameters(), config.maxGradNorm);
            }
            optimizer.step();
            stats.put("policy_loss", (double) policyLoss.item());
            stats.put("value_loss", (double) valueLoss.item());
            stats.put("entropy", (double) entropy.item());
        }
        stats.put("explained_variance", explainedVariance(rollout.values, gae.returns()));
        return stats;
    }
}
