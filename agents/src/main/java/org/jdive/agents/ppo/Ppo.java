package org.jdive.agents.ppo;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.agents.Policy;
import org.jdive.agents.eval.Trainable;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Sequential;
import org.jdive.core.nn.Tanh;
import org.jdive.core.nn.init.Init;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.GradClip;
import org.jdive.envs.spaces.Discrete;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;

/**
 * Proximal policy optimisation with a categorical policy, as CleanRL's {@code ppo.py} does it: vector envs with
 * Gymnasium's autoreset, rollouts of {@code numSteps} steps of every env, GAE(λ) advantages, then
 * {@code updateEpochs} passes over the rollout in shuffled minibatches, each step minimising the clipped surrogate,
 * the clipped value loss and the entropy bonus ({@link #update()}), with the gradients' global norm clipped and the
 * learning rate annealed linearly. Separate tanh MLPs for the actor and the critic, orthogonally initialised (√2
 * hidden, 0.01 for the policy head, 1 for the value head), Adam with ε 1e-5. Seeded and bit-exact on the CPU backend;
 * {@link PpoCheckpoint} saves and restores it mid-rollout.
 */
public final class Ppo implements Trainable, AutoCloseable {

    /** One rollout's numbers, as CleanRL logs them. */
    public record UpdateStats(double policyLoss, double valueLoss, double entropy, double approxKl, double clipFraction,
                              double explainedVariance) {
    }

    /** Told when an episode ends and after each update. */
    public interface Listener {
        default void onEpisode(long step, int env, double episodeReturn, int length) {
        }

        default void onUpdate(long step, UpdateStats stats) {
        }
    }

    final VectorEnv envs;
    final PpoConfig config;
    final long seed;
    final int numEnvs;
    final int observationSize;
    final int numActions;
    final ActorCritic agent;
    final Sequential actor;
    final Sequential critic;
    final Adam optimizer;
    final List<Tensor> parameters;
    /** Samples the actions. */
    final UniformRandomProvider actionRng;
    /** Shuffles the minibatches. */
    final UniformRandomProvider minibatchRng;
    // The rollout, [numSteps × numEnvs] (observations × observationSize), CleanRL's obs/actions/logprobs/... buffers.
    final float[] obs;
    final int[] actions;
    final float[] logProbs;
    final float[] rewards;
    final boolean[] dones;
    final float[] values;
    /** The envs' current observations and whether the last step ended their episodes (CleanRL's next_obs, next_done). */
    final float[] nextObs;
    final boolean[] nextDone;
    final double[] episodeReturns;
    final int[] episodeLengths;
    private Listener listener = new Listener() { };
    long steps;
    long updates;
    /** The next row of the rollout to fill. */
    int position;
    boolean started;

    public Ppo(VectorEnv envs, PpoConfig config, long seed) {
        config.validate();
        if (envs.autoresetMode() != AutoresetMode.SAME_STEP) {
            throw new IllegalArgumentException("PPO follows Gymnasium's same-step autoreset, got " + envs.autoresetMode());
        }
        if (!(envs.singleActionSpace() instanceof Discrete discrete)) {
            throw new IllegalArgumentException("this PPO samples a categorical policy: it needs a discrete action space, got "
                    + envs.singleActionSpace());
        }
        if (envs.numEnvs() != config.numEnvs) {
            throw new IllegalArgumentException("the vector env has " + envs.numEnvs() + " envs but the config says "
                    + config.numEnvs);
        }
        this.envs = envs;
        this.config = config;
        this.seed = seed;
        this.numEnvs = config.numEnvs;
        this.observationSize = envs.observationSize();
        this.numActions = discrete.n();
        UniformRandomProvider init = Rng.split(seed, "init");
        this.critic = mlp(observationSize, 1, 1.0f, init);
        this.actor = mlp(observationSize, numActions, 0.01f, init);
        this.agent = new ActorCritic(actor, critic);
        this.parameters = agent.parameters();
        this.optimizer = new Adam(parameters, config.learningRate, 0.9f, 0.999f, 1e-5f, 0f);
        this.actionRng = Rng.split(seed, "actions");
        this.minibatchRng = Rng.split(seed, "minibatches");
        int rows = config.numSteps * numEnvs;
        this.obs = new float[rows * observationSize];
        this.actions = new int[rows];
        this.logProbs = new float[rows];
        this.rewards = new float[rows];
        this.dones = new boolean[rows];
        this.values = new float[rows];
        this.nextObs = new float[numEnvs * observationSize];
        this.nextDone = new boolean[numEnvs];
        this.episodeReturns = new double[numEnvs];
        this.episodeLengths = new int[numEnvs];
    }

    /** CleanRL's {@code layer_init}: orthogonal weights (gain √2, the head's {@code headGain}), zero biases. */
    private Sequential mlp(int in, int out, float headGain, UniformRandomProvider rng) {
        List<Module> layers = new ArrayList<>();
        int width = in;
        for (int h : config.hidden) {
            layers.add(layer(width, h, (float) Math.sqrt(2), rng));
            layers.add(new Tanh());
            width = h;
        }
        layers.add(layer(width, out, headGain, rng));
        return new Sequential(layers.toArray(Module[]::new));
    }

    private static Linear layer(int in, int out, float gain, UniformRandomProvider rng) {
        Linear layer = new Linear(in, out, rng);
        Init.orthogonal(gain).fill(layer.weight(), rng);
        Init.zeros().fill(layer.namedParameters().get("bias"), rng);
        return layer;
    }

    public Ppo listener(Listener l) {
        this.listener = l;
        return this;
    }

    /** Steps every env {@code count / numEnvs} more times (at least once), updating whenever a rollout is full. */
    @Override
    public void train(long count) {
        if (!started) {
            envs.reset(seed);
            System.arraycopy(envs.observations(), 0, nextObs, 0, nextObs.length);
            started = true;
        }
        long target = steps + count;
        while (steps < target) {
            collect();
            if (position == config.numSteps) {
                UpdateStats stats = update();
                position = 0;
                updates++;
                listener.onUpdate(steps, stats);
            }
        }
    }

    /** One step of every env into the rollout's row {@code position}: CleanRL's inner loop. */
    private void collect() {
        int row = position * numEnvs;
        System.arraycopy(nextObs, 0, obs, row * observationSize, nextObs.length);
        System.arraycopy(nextDone, 0, dones, row, numEnvs);
        float[] logits;
        float[] value;
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Tensor x = Tensor.of(nextObs, numEnvs, observationSize);
            logits = actor.forward(x).toFloatArray();
            value = critic.forward(x).toFloatArray();
        }
        int[] chosen = new int[numEnvs];
        for (int e = 0; e < numEnvs; e++) {
            double[] logp = logSoftmax(logits, e * numActions, numActions);
            chosen[e] = sample(logp, actionRng);
            actions[row + e] = chosen[e];
            logProbs[row + e] = (float) logp[chosen[e]];
            values[row + e] = value[e];
        }
        envs.step(chosen);
        steps += numEnvs;
        float[] r = envs.rewards();
        boolean[] terminated = envs.terminated();
        boolean[] truncated = envs.truncated();
        for (int e = 0; e < numEnvs; e++) {
            rewards[row + e] = r[e];
            nextDone[e] = terminated[e] || truncated[e];
            episodeReturns[e] += r[e];
            episodeLengths[e]++;
            if (nextDone[e]) {
                listener.onEpisode(steps, e, episodeReturns[e], episodeLengths[e]);
                episodeReturns[e] = 0;
                episodeLengths[e] = 0;
            }
        }
        System.arraycopy(envs.observations(), 0, nextObs, 0, nextObs.length);
        position++;
    }

    /**
     * The learning step on a full rollout: GAE(λ) advantages and returns, then {@code updateEpochs} shuffled passes of
     * minibatch gradient steps on {@code loss = L_clip − c_ent·H + c_vf·L_V}.
     */
    UpdateStats update() {
        int n = config.batchSize();
        // CleanRL's frac = 1 − (update − 1) / num_updates, SB3's progress_remaining
        double remaining = Math.max(0, 1.0 - (double) updates / Math.max(1, config.totalSteps / n));
        if (config.annealLr) {
            optimizer.setLr((float) (remaining * config.learningRate));
        }
        float clip = config.annealClip ? (float) (remaining * config.clipCoef) : config.clipCoef;
        // Bootstrap from the critic's value of the observation after the rollout; (1 − done) cuts at episode ends.
        float[] nextValue;
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            nextValue = critic.forward(Tensor.of(nextObs, numEnvs, observationSize)).toFloatArray();
        }
        Gae gae = Gae.compute(rewards, values, dones, nextValue, nextDone, config.gamma, config.gaeLambda);
        float[] advantages = gae.advantages();
        float[] returns = gae.returns();
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
                float[] stats = minibatchStep(order, start, size, advantages, returns, clip);
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
        return new UpdateStats(policyLoss / minibatches, valueLoss / minibatches, entropy / minibatches, approxKl,
                clipped / minibatches, explainedVariance(values, returns));
    }

    /**
     * One gradient step on the minibatch {@code order[start, start + size)}; returns its policy loss, value loss,
     * entropy, approximate KL ({@code (r − 1) − log r}, Schulman's k3) and clip fraction.
     */
    private float[] minibatchStep(int[] order, int start, int size, float[] advantages, float[] returns,
                                  float clip) {
        float[] mbObs = new float[size * observationSize];
        float[] mbActions = new float[size];
        float[] mbOldLogProbs = new float[size];
        float[] mbAdvantages = new float[size];
        float[] mbReturns = new float[size];
        float[] mbOldValues = new float[size];
        for (int k = 0; k < size; k++) {
            int i = order[start + k];
            System.arraycopy(obs, i * observationSize, mbObs, k * observationSize, observationSize);
            mbActions[k] = actions[i];
            mbOldLogProbs[k] = logProbs[i];
            mbAdvantages[k] = advantages[i];
            mbReturns[k] = returns[i];
            mbOldValues[k] = values[i];
        }
        if (config.normalizeAdvantages) {
            normalize(mbAdvantages);
        }
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.of(mbObs, size, observationSize);
            Tensor logp = actor.forward(x).logSoftmax(1);
            Tensor newLogProb = logp.gather(1, Tensor.of(mbActions, size, 1)).reshape(size);
            Tensor entropy = logp.exp().mul(logp).sum(1, false).neg();
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
                GradClip.byNorm(parameters, config.maxGradNorm);
            }
            optimizer.step();

            float[] r = ratio.toFloatArray();
            float[] lr = logRatio.toFloatArray();
            double kl = 0;
            int outside = 0;
            for (int k = 0; k < size; k++) {
                kl += (r[k] - 1) - lr[k];
                outside += Math.abs(r[k] - 1) > clip ? 1 : 0;
            }
            return new float[] {pgLoss.item(), vLoss.item(), entropyMean.item(), (float) (kl / size),
                (float) outside / size};
        }
    }

    /** The policy's most likely action (what an evaluation plays). */
    public Policy greedyPolicy() {
        return observation -> argmax(actionLogits(observation));
    }

    @Override
    public Policy evaluationPolicy() {
        return greedyPolicy();
    }

    /** The actor's logits of one observation. */
    public float[] actionLogits(float[] observation) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return actor.forward(Tensor.of(observation, 1, observationSize)).toFloatArray();
        }
    }

    /** The policy's probability of each action of one observation. */
    public float[] actionProbabilities(float[] observation) {
        double[] logp = logSoftmax(actionLogits(observation), 0, numActions);
        float[] p = new float[numActions];
        for (int a = 0; a < numActions; a++) {
            p[a] = (float) Math.exp(logp[a]);
        }
        return p;
    }

    /** The critic's value of one observation. */
    public float value(float[] observation) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return critic.forward(Tensor.of(observation, 1, observationSize)).item();
        }
    }

    @Override
    public long steps() {
        return steps;
    }

    public long updates() {
        return updates;
    }

    public Module actor() {
        return actor;
    }

    public Module critic() {
        return critic;
    }

    @Override
    public void close() {
        agent.close();
        optimizer.close();
    }

    private static double[] logSoftmax(float[] logits, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            max = Math.max(max, logits[from + a]);
        }
        double sum = 0;
        for (int a = 0; a < n; a++) {
            sum += Math.exp(logits[from + a] - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[n];
        for (int a = 0; a < n; a++) {
            out[a] = logits[from + a] - log;
        }
        return out;
    }

    /** An action drawn from the categorical distribution with log-probabilities {@code logp} (inverse CDF). */
    private static int sample(double[] logp, UniformRandomProvider rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (int a = 0; a < logp.length; a++) {
            cumulative += Math.exp(logp[a]);
            if (u < cumulative) {
                return a;
            }
        }
        return logp.length - 1;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** To mean 0 and (sample) standard deviation 1, as {@code (a − a.mean()) / (a.std() + 1e-8)}. */
    private static void normalize(float[] a) {
        double mean = 0;
        for (float v : a) {
            mean += v;
        }
        mean /= a.length;
        double var = 0;
        for (float v : a) {
            var += (v - mean) * (v - mean);
        }
        double std = a.length > 1 ? Math.sqrt(var / (a.length - 1)) : 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((a[i] - mean) / (std + 1e-8));
        }
    }

    /** {@code 1 − Var(returns − values) / Var(returns)}: how much of the returns the critic explains. */
    private static double explainedVariance(float[] predicted, float[] actual) {
        double meanA = 0;
        double meanD = 0;
        for (int i = 0; i < actual.length; i++) {
            meanA += actual[i];
            meanD += actual[i] - predicted[i];
        }
        meanA /= actual.length;
        meanD /= actual.length;
        double varA = 0;
        double varD = 0;
        for (int i = 0; i < actual.length; i++) {
            varA += (actual[i] - meanA) * (actual[i] - meanA);
            double d = actual[i] - predicted[i] - meanD;
            varD += d * d;
        }
        return varA == 0 ? Double.NaN : 1 - varD / varA;
    }
}
