package org.jdive.agents.onpolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.agents.onpolicy.ReinforceConfig.Baseline;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.GradClip;
import org.jdive.core.optim.Optimizer;
import org.jdive.envs.vector.VectorEnv;

/**
 * REINFORCE (Williams 1992): whole episodes of the sampled policy, then one Adam step on
 * {@code −mean((G_t − b)·log π(a_t|s_t)) − c_ent·H} over every step of the batch's episodes, where the baseline
 * {@code b} is nothing, the batch's mean return (SLM-Lab's {@code center_return}) or a learnt state value (Sutton and
 * Barto 13.4, its {@code MSE(V, G)} added with weight {@code c_vf}). A time-limit truncation ends the return as a
 * termination does: a Monte Carlo return has nothing to bootstrap from.
 */
public final class Reinforce extends OnPolicyAgent {

    private final ReinforceConfig config;
    private final EpisodeBatch batch;
    private final Adam optimizer;

    /**
     * A REINFORCE agent on {@code envs}; nothing runs until {@link #train}.
     *
     * @param envs {@code config.numEnvs()} envs of discrete or continuous ({@code Box}) actions, autoresetting in
     *             {@code SAME_STEP} mode; the agent does not close them
     * @param seed the seed of the random streams ({@code "init"} for the networks, {@code "actions"} for sampling) and
     *             of the envs' first reset, {@code seed + i} for sub-env {@code i}
     * @throws IllegalArgumentException if the config is invalid or does not suit {@code envs}
     */
    public Reinforce(VectorEnv envs, ReinforceConfig config, long seed) {
        super("REINFORCE", envs, validated(config).numEnvs, config.hidden, NetworkStyle.CLEANRL,
                config.baseline == Baseline.VALUE, seed);
        this.config = config;
        this.batch = new EpisodeBatch(config.numEnvs, observationSize, actionSize, config.batchSteps, config.gamma);
        this.optimizer = new Adam(parameters(), config.learningRate);
    }

    private static ReinforceConfig validated(ReinforceConfig config) {
        config.validate();
        return config;
    }

    @Override
    public List<String> statNames() {
        return config.baseline == Baseline.VALUE
                ? List.of("policy_loss", "entropy", "value_loss", "explained_variance")
                : List.of("policy_loss", "entropy");
    }

    @Override
    Experience experience() {
        return batch;
    }

    @Override
    Optimizer optimizer() {
        return optimizer;
    }

    /** The critic, where there is one, values the batch's observations at the update, not at each step. */
    @Override
    boolean valuesPerStep() {
        return false;
    }

    @Override
    Map<String, Double> update() {
        int n = batch.size();
        float[] returns = batch.returns();
        float[] advantages = returns.clone();
        Map<String, Double> stats = new LinkedHashMap<>();
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.of(batch.observations(), n, observationSize);
            float[] values = null;
            if (config.baseline == Baseline.VALUE) {
                try (NoGrad off = NoGrad.open()) {
                    values = critic.forward(x).toFloatArray();
                }
                for (int i = 0; i < n; i++) {
                    advantages[i] -= values[i];
                }
            } else if (config.baseline == Baseline.MEAN) {
                double mean = 0;
                for (float g : returns) {
                    mean += g;
                }
                float m = (float) (mean / n);
                for (int i = 0; i < n; i++) {
                    advantages[i] -= m;
                }
            }
            ActionDistribution.Scored scored = distribution.score(actor.forward(x),
                    Tensor.of(batch.actions(), n, actionSize));
            Tensor logProb = scored.logProb();
            Tensor entropy = scored.entropy().mean();
            Tensor policyLoss = Tensor.of(advantages, n).mul(logProb).mean().neg();
            Tensor loss = policyLoss.sub(entropy.mul(config.entCoefAt(steps)));
            Tensor valueLoss = null;
            if (config.baseline == Baseline.VALUE) {
                valueLoss = critic.forward(x).reshape(n).sub(Tensor.of(returns, n)).square().mean();
                loss = loss.add(valueLoss.mul(config.vfCoef));
            }
            optimizer.zeroGrad();
            loss.backward();
            if (config.maxGradNorm > 0) {
                GradClip.byNorm(parameters(), config.maxGradNorm);
            }
            optimizer.step();
            stats.put("policy_loss", (double) policyLoss.item());
            stats.put("entropy", (double) entropy.item());
            if (valueLoss != null) {
                stats.put("value_loss", (double) valueLoss.item());
                stats.put("explained_variance", explainedVariance(values, returns));
            }
        }
        return stats;
    }
}
