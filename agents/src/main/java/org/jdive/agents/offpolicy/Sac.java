package org.jdive.agents.offpolicy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdive.agents.TargetNetworks;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.io.Checkpoint;
import org.jdive.core.optim.Adam;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.Wrapper;

/**
 * Soft actor-critic (Haarnoja et al. 2018) as Stable-Baselines3's {@code SAC} trains it: per gradient step, a batch
 * from the replay buffer; actions of the current policy sampled with the reparameterisation trick; the temperature's
 * loss {@code −log α · (log π + H̄)} (when learnt); twin critics regressed on
 * {@code r + γ(1 − d)(min Q'(s', a') − α log π(a'|s'))} (loss ½ Σ MSE); the actor on {@code α log π − min Q(s, ã)};
 * then the target critics Polyak-averaged with τ.
 */
public final class Sac extends OffPolicyAgent {

    private static final String ACTOR = "actor.safetensors";
    private static final String CRITIC = "critic.safetensors";
    private static final String TARGET = "critic_target.safetensors";
    private static final String TEMPERATURE = "ent_coef.safetensors";

    private final SacConfig config;
    private final SacActor actor;
    private final TwinCritic critic;
    private final TwinCritic criticTarget;
    private final EntropyTemperature temperature;
    private final Adam actorOptimizer;
    private final Adam criticOptimizer;
    private final Adam temperatureOptimizer;
    private final double targetEntropy;

    /**
     * A SAC agent on {@code envs}; nothing runs until {@link #train}.
     *
     * @param envs {@code config.numEnvs()} envs of bounded continuous actions, autoresetting in {@code SAME_STEP} mode;
     *             the agent does not close them
     * @param seed the seed of the random streams ({@code "init"} for the networks, {@code "actions"} for sampling,
     *             {@code "replay"} for the batches) and of the envs' first reset, {@code seed + i} for sub-env {@code
     *             i}
     * @throws IllegalArgumentException if the config is invalid or does not suit {@code envs}
     */
    public Sac(VectorEnv envs, SacConfig config, long seed) {
        super("SAC", envs, validated(config).settings(), seed);
        this.config = config;
        var init = Rng.split(seed, "init");
        this.actor = config.useSde
                ? new GsdeActor(observationSize, actionSize, config.hidden, config.logStdInit, init)
                : new SquashedGaussianActor(observationSize, actionSize, config.hidden, init);
        this.critic = new TwinCritic(observationSize, actionSize, config.hidden, init);
        this.criticTarget = new TwinCritic(observationSize, actionSize, config.hidden, init);
        TargetNetworks.update(criticTarget, critic, 1.0);
        this.temperature = new EntropyTemperature(Double.isNaN(config.entCoef) ? config.entCoefInit : config.entCoef);
        this.actorOptimizer = new Adam(actor.parameters(), config.learningRate);
        this.criticOptimizer = new Adam(critic.parameters(), config.learningRate);
        this.temperatureOptimizer = new Adam(temperature.parameters(), config.learningRate);
        this.targetEntropy = Double.isNaN(config.targetEntropy) ? -actionSize : config.targetEntropy;
    }

    private static SacConfig validated(SacConfig config) {
        config.validate();
        return config;
    }

    private boolean learnsTemperature() {
        return Double.isNaN(config.entCoef);
    }

    @Override
    public List<String> statNames() {
        return learnsTemperature() ? List.of("actor_loss", "critic_loss", "ent_coef", "ent_coef_loss")
                : List.of("actor_loss", "critic_loss", "ent_coef");
    }

    /** With gSDE, new exploration matrices at the start of each stretch of collection (and every sde_sample_freq). */
    @Override
    void beforeStep(long vectorStep) {
        long inStretch = vectorStep % config.trainFreq;
        if (config.useSde && (inStretch == 0 || config.sdeSampleFreq > 0 && inStretch % config.sdeSampleFreq == 0)) {
            actor.resetNoise(numEnvs, actionRng);
        }
    }

    @Override
    float[] explore(float[] observations, int rows) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return actor.explore(Tensor.of(observations, rows, observationSize), actionRng).toFloatArray();
        }
    }

    @Override
    float[] deterministic(float[] observation) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return actor.deterministic(Tensor.of(observation, 1, observationSize)).toFloatArray();
        }
    }

    @Override
    void saveExtra(StateWriter out) {
        actor.saveNoise(out);
    }

    @Override
    void restoreExtra(StateReader in) {
        actor.restoreNoise(in);
    }

    @Override
    Map<String, Double> train(int gradientSteps) {
        double actorLoss = 0;
        double criticLoss = 0;
        double alphaSum = 0;
        double alphaLoss = 0;
        int n = config.batchSize;
        for (int g = 0; g < gradientSteps; g++) {
            buffer.sample(batch, replayRng);
            actor.resetNoise(1, replayRng);
            try (Scope scope = Scope.open()) {
                Tensor obs = Tensor.of(batch.observations(), n, observationSize);
                Tensor actions = Tensor.of(batch.actionValues(), n, actionSize);
                Tensor next = Tensor.of(batch.nextObservations(), n, observationSize);
                Tensor returns = Tensor.of(batch.returns(), n, 1);
                Tensor discounts = Tensor.of(batch.discounts(), n, 1);

                SacActor.Sample pi = actor.sample(obs, replayRng);
                float alpha = temperature.alpha();
                if (learnsTemperature()) {
                    Tensor loss = temperature.logAlpha().mul(pi.logProb().detach().add((float) targetEntropy)).mean()
                            .neg();
                    temperatureOptimizer.zeroGrad();
                    loss.backward();
                    temperatureOptimizer.step();
                    alphaLoss += loss.item();
                }
                alphaSum += alpha;

                Tensor target;
                try (NoGrad off = NoGrad.open()) {
                    SacActor.Sample nextPi = actor.sample(next, replayRng);
                    Tensor nextQ = criticTarget.min(next, nextPi.action()).sub(nextPi.logProb().mul(alpha));
                    target = returns.add(discounts.mul(nextQ));
                }
                Tensor qLoss = critic.q1(obs, actions).sub(target).square().mean()
                        .add(critic.q2(obs, actions).sub(target).square().mean()).mul(0.5f);
                criticOptimizer.zeroGrad();
                qLoss.backward();
                criticOptimizer.step();
                criticLoss += qLoss.item();

                Tensor piLoss = pi.logProb().mul(alpha).sub(critic.min(obs, pi.action())).mean();
                actorOptimizer.zeroGrad();
                piLoss.backward();
                actorOptimizer.step();
                actorLoss += piLoss.item();

                TargetNetworks.update(criticTarget, critic, config.tau);
            }
            updates++;
        }
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("actor_loss", actorLoss / gradientSteps);
        stats.put("critic_loss", criticLoss / gradientSteps);
        stats.put("ent_coef", alphaSum / gradientSteps);
        if (learnsTemperature()) {
            stats.put("ent_coef_loss", alphaLoss / gradientSteps);
        }
        return stats;
    }

    @Override
    public boolean hasCritic() {
        return false;
    }

    @Override
    public float value(float[] observation) {
        throw new IllegalStateException("SAC learns action values, not state values");
    }

    /** The deterministic action {@code tanh(μ)} in the env's units. */
    @Override
    public float[] actionMean(float[] observation) {
        return greedyPolicy().action(observation);
    }

    /**
     * The spread of the squashed action around {@link #actionMean} in the env's units, linearised at the mean:
     * {@code σ · (1 − tanh² μ) · (high − low) / 2}.
     */
    @Override
    public float[] actionStd(float[] observation) {
        float[][] meanAndStd;
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            float[] seen = Wrapper.observationThrough(envs.env(0), observation);
            meanAndStd = actor.meanAndStd(Tensor.of(seen, 1, observationSize));
        }
        float[] std = new float[actionSize];
        for (int i = 0; i < actionSize; i++) {
            double t = Math.tanh(meanAndStd[0][i]);
            std[i] = (float) (meanAndStd[1][i] * (1 - t * t) * halfRange(i));
        }
        return std;
    }

    @Override
    public Optional<String> firstNonFiniteParameter() {
        return actor.firstNonFiniteParameter().map(p -> "actor." + p)
                .or(() -> critic.firstNonFiniteParameter().map(p -> "critic." + p))
                .or(() -> temperature.firstNonFiniteParameter());
    }

    @Override
    void saveNetworks(Path dir) throws IOException {
        Checkpoint.save(dir.resolve(ACTOR), actor, actorOptimizer);
        Checkpoint.save(dir.resolve(CRITIC), critic, criticOptimizer);
        Checkpoint.save(dir.resolve(TARGET), criticTarget);
        Checkpoint.save(dir.resolve(TEMPERATURE), temperature, temperatureOptimizer);
    }

    @Override
    void loadNetworks(Path dir) throws IOException {
        Checkpoint.load(dir.resolve(ACTOR), actor, actorOptimizer);
        Checkpoint.load(dir.resolve(CRITIC), critic, criticOptimizer);
        Checkpoint.load(dir.resolve(TARGET), criticTarget);
        Checkpoint.load(dir.resolve(TEMPERATURE), temperature, temperatureOptimizer);
    }

    @Override
    public void close() {
        actor.close();
        critic.close();
        criticTarget.close();
        temperature.close();
        actorOptimizer.close();
        criticOptimizer.close();
        temperatureOptimizer.close();
    }
}
