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

/**
 * Twin delayed DDPG (Fujimoto et al. 2018) as Stable-Baselines3's {@code TD3} trains it: exploration by Gaussian
 * noise on the deterministic action; per gradient step, twin critics regressed on
 * {@code r + γ(1 − d) min Q'(s', clip(μ'(s') + clip(ε, −c, c), −1, 1))} (loss Σ MSE); every {@code policy_delay}-th
 * step the actor on {@code −Q₁(s, μ(s))} and the target actor and critics Polyak-averaged with τ.
 */
public final class Td3 extends OffPolicyAgent {

    private static final String ACTOR = "actor.safetensors";
    private static final String ACTOR_TARGET = "actor_target.safetensors";
    private static final String CRITIC = "critic.safetensors";
    private static final String CRITIC_TARGET = "critic_target.safetensors";

    private final Td3Config config;
    private final DeterministicActor actor;
    private final DeterministicActor actorTarget;
    private final TwinCritic critic;
    private final TwinCritic criticTarget;
    private final Adam actorOptimizer;
    private final Adam criticOptimizer;
    private double lastActorLoss = Double.NaN;

    /**
     * A TD3 agent on {@code envs}; nothing runs until {@link #train}.
     *
     * @param envs {@code config.numEnvs()} envs of bounded continuous actions, autoresetting in {@code SAME_STEP} mode;
     *             the agent does not close them
     * @param seed the seed of the random streams ({@code "init"} for the networks, {@code "actions"} for sampling,
     *             {@code "replay"} for the batches) and of the envs' first reset, {@code seed + i} for sub-env {@code
     *             i}
     * @throws IllegalArgumentException if the config is invalid or does not suit {@code envs}
     */
    public Td3(VectorEnv envs, Td3Config config, long seed) {
        super("TD3", envs, validated(config).settings(), seed);
        this.config = config;
        var init = Rng.split(seed, "init");
        this.actor = new DeterministicActor(observationSize, actionSize, config.hidden, init);
        this.actorTarget = new DeterministicActor(observationSize, actionSize, config.hidden, init);
        this.critic = new TwinCritic(observationSize, actionSize, config.hidden, init);
        this.criticTarget = new TwinCritic(observationSize, actionSize, config.hidden, init);
        TargetNetworks.update(actorTarget, actor, 1.0);
        TargetNetworks.update(criticTarget, critic, 1.0);
        this.actorOptimizer = new Adam(actor.parameters(), config.learningRate);
        this.criticOptimizer = new Adam(critic.parameters(), config.learningRate);
    }

    private static Td3Config validated(Td3Config config) {
        config.validate();
        return config;
    }

    @Override
    public List<String> statNames() {
        return List.of("actor_loss", "critic_loss");
    }

    /** The deterministic actions plus N(0, noise²), clipped to [−1, 1] (SB3's {@code NormalActionNoise}). */
    @Override
    float[] explore(float[] observations, int rows) {
        float[] actions;
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            actions = actor.forward(Tensor.of(observations, rows, observationSize)).toFloatArray();
        }
        float[] noise;
        try (Scope scope = Scope.open()) {
            noise = Tensor.randn(actionRng, actions.length).toFloatArray();
        }
        for (int i = 0; i < actions.length; i++) {
            actions[i] = (float) Math.clamp(actions[i] + config.actionNoise * noise[i], -1.0, 1.0);
        }
        return actions;
    }

    @Override
    float[] deterministic(float[] observation) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return actor.forward(Tensor.of(observation, 1, observationSize)).toFloatArray();
        }
    }

    @Override
    Map<String, Double> train(int gradientSteps) {
        double criticLoss = 0;
        int n = config.batchSize;
        for (int g = 0; g < gradientSteps; g++) {
            updates++;
            buffer.sample(batch, replayRng);
            try (Scope scope = Scope.open()) {
                Tensor obs = Tensor.of(batch.observations(), n, observationSize);
                Tensor actions = Tensor.of(batch.actionValues(), n, actionSize);
                Tensor next = Tensor.of(batch.nextObservations(), n, observationSize);
                Tensor target;
                try (NoGrad off = NoGrad.open()) {
                    float c = (float) config.targetNoiseClip;
                    Tensor noise = Tensor.randn(replayRng, n, actionSize).mul((float) config.targetPolicyNoise)
                            .clamp(-c, c);
                    Tensor nextActions = actorTarget.forward(next).add(noise).clamp(-1f, 1f);
                    target = Tensor.of(batch.returns(), n, 1)
                            .add(Tensor.of(batch.discounts(), n, 1).mul(criticTarget.min(next, nextActions)));
                }
                Tensor qLoss = critic.q1(obs, actions).sub(target).square().mean()
                        .add(critic.q2(obs, actions).sub(target).square().mean());
                criticOptimizer.zeroGrad();
                qLoss.backward();
                criticOptimizer.step();
                criticLoss += qLoss.item();

                if (updates % config.policyDelay == 0) {
                    Tensor piLoss = critic.q1(obs, actor.forward(obs)).mean().neg();
                    actorOptimizer.zeroGrad();
                    piLoss.backward();
                    actorOptimizer.step();
                    lastActorLoss = piLoss.item();
                    TargetNetworks.update(criticTarget, critic, config.tau);
                    TargetNetworks.update(actorTarget, actor, config.tau);
                }
            }
        }
        Map<String, Double> stats = new LinkedHashMap<>();
        stats.put("actor_loss", lastActorLoss);
        stats.put("critic_loss", criticLoss / gradientSteps);
        return stats;
    }

    @Override
    void saveExtra(StateWriter out) {
        out.writeDouble(lastActorLoss);
    }

    @Override
    void restoreExtra(StateReader in) {
        lastActorLoss = in.readDouble();
    }

    @Override
    public boolean hasCritic() {
        return false;
    }

    @Override
    public float value(float[] observation) {
        throw new IllegalStateException("TD3 learns action values, not state values");
    }

    /** The deterministic action in the env's units. */
    @Override
    public float[] actionMean(float[] observation) {
        return greedyPolicy().action(observation);
    }

    /** The exploration noise's standard deviation in the env's units. */
    @Override
    public float[] actionStd(float[] observation) {
        float[] std = new float[actionSize];
        for (int i = 0; i < actionSize; i++) {
            std[i] = (float) (config.actionNoise * halfRange(i));
        }
        return std;
    }

    @Override
    public Optional<String> firstNonFiniteParameter() {
        return actor.firstNonFiniteParameter().map(p -> "actor." + p)
                .or(() -> critic.firstNonFiniteParameter().map(p -> "critic." + p));
    }

    @Override
    void saveNetworks(Path dir) throws IOException {
        Checkpoint.save(dir.resolve(ACTOR), actor, actorOptimizer);
        Checkpoint.save(dir.resolve(ACTOR_TARGET), actorTarget);
        Checkpoint.save(dir.resolve(CRITIC), critic, criticOptimizer);
        Checkpoint.save(dir.resolve(CRITIC_TARGET), criticTarget);
    }

    @Override
    void loadNetworks(Path dir) throws IOException {
        Checkpoint.load(dir.resolve(ACTOR), actor, actorOptimizer);
        Checkpoint.load(dir.resolve(ACTOR_TARGET), actorTarget);
        Checkpoint.load(dir.resolve(CRITIC), critic, criticOptimizer);
        Checkpoint.load(dir.resolve(CRITIC_TARGET), criticTarget);
    }

    @Override
    public void close() {
        actor.close();
        actorTarget.close();
        critic.close();
        criticTarget.close();
        actorOptimizer.close();
        criticOptimizer.close();
    }
}
