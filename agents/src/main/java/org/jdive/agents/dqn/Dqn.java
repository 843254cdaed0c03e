package org.jdive.agents.dqn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.agents.Policy;
import org.jdive.agents.TargetNetworks;
import org.jdive.agents.eval.Trainable;
import org.jdive.agents.explore.EpsilonSchedule;
import org.jdive.agents.replay.Batch;
import org.jdive.agents.replay.ReplayBuffer;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.loss.Losses;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.GradClip;
import org.jdive.core.optim.Optimizer;
import org.jdive.core.optim.RmsProp;
import org.jdive.envs.Space;
import org.jdive.envs.spaces.Discrete;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;

/**
 * Deep Q-learning (Mnih et al. 2015) and its family on a vector env: ε-greedy play into a replay buffer,
 * gradient steps on the TD error against a target network, with the options of {@link DqnConfig}
 * (double DQN, dueling heads, n-step returns, prioritized replay, Polyak or hard target updates, Huber or
 * MSE, Adam or centred RMSProp, gradient clipping).
 *
 * <p>The vector env must autoreset in {@link AutoresetMode#SAME_STEP} mode, so that each step yields a real
 * transition for every sub-env; the last observation of an episode comes from
 * {@link VectorEnv#finalObservations()}. A termination stops bootstrapping, a truncation does not.
 *
 * <p>Randomness comes from the seed, split into {@code init} (network weights), {@code explore} (ε-greedy)
 * and {@code replay} (sampling) streams; the envs are reset with {@code seed}, {@code seed + 1}, ...
 * {@link #save} and {@link #load} checkpoint all of it, so that a resumed run continues exactly.
 */
public final class Dqn implements Trainable, AutoCloseable {

    private final VectorEnv envs;
    private final DqnConfig config;
    private final long seed;
    private final int numEnvs;
    private final int observationSize;
    private final int[] observationShape;
    private final int numActions;
    private final Module online;
    private final Module target;
    private final Optimizer optimizer;
    private final EpsilonSchedule epsilon;
    private final InputLayout layout;
    private final DqnPlay play;
    private DqnListener listener = new DqnListener() { };
    private long steps;
    private long vectorSteps;
    private long updates;

    /**
     * A DQN that plays and learns on {@code envs}; nothing runs until {@link #train}.
     *
     * @param envs {@code config.numEnvs()} envs of a discrete action space, autoresetting in {@link
     *             AutoresetMode#SAME_STEP} mode ({@code Envs.makeVector(id, n, AutoresetMode.SAME_STEP)}); the agent
     *             does not close them
     * @param seed the seed of the random streams and of the envs' first reset (see the class comment)
     * @throws IllegalArgumentException if the config is invalid or does not suit {@code envs}
     */
    public Dqn(VectorEnv envs, DqnConfig config, long seed) {
        config.validate();
        Discrete discrete = requireSuitable(envs, config);
        this.envs = envs;
        this.config = config;
        this.seed = seed;
        this.numEnvs = envs.numEnvs();
        this.observationSize = envs.observationSize();
        this.observationShape = envs.singleObservationSpace().shape();
        this.numActions = discrete.n();
        this.online = network(Rng.split(seed, "init"));
        this.target = network(Rng.split(seed, "init-target"));
        TargetNetworks.update(target, online, 1.0);
        this.optimizer = config.optimizer == DqnConfig.OptimizerKind.ADAM
                ? new Adam(online.parameters(), config.learningRate, 0.9f, 0.999f, config.adamEps, 0f)
                : new RmsProp(online.parameters(), config.learningRate, config.rmsAlpha, config.rmsEps, 0f, 0f, true);
        this.epsilon = EpsilonSchedule.linear(config.explorationStart, config.explorationEnd, config.explorationSteps);
        this.layout = inputLayout();
        this.play = new DqnPlay(envs, config, seed, layout, numActions);
    }

    /** Checks that {@code envs} suit a DQN with {@code config}; returns their action space. */
    static Discrete requireSuitable(VectorEnv envs, DqnConfig config) {
        if (envs.autoresetMode() != AutoresetMode.SAME_STEP) {
            throw new IllegalArgumentException("DQN needs a vector env in SAME_STEP autoreset mode (every step a "
                    + "real transition), got " + envs.autoresetMode() + ": make it with Envs.makeVector(id, n, "
                    + "AutoresetMode.SAME_STEP)");
        }
        if (!(envs.singleActionSpace() instanceof Discrete discrete)) {
            throw new IllegalArgumentException("DQN needs a discrete action space, got " + envs.singleActionSpace());
        }
        if (envs.numEnvs() != config.numEnvs) {
            throw new IllegalArgumentException("the vector env has " + envs.numEnvs() + " envs but the config says "
                    + config.numEnvs);
        }
        return discrete;
    }

    private Module network(UniformRandomProvider rng) {
        if (config.minAtarTorso) {
            int[] shape = gridShape();
            return QNetworks.minAtar(shape[0], shape[2], numActions, config.dueling, rng);
        }
        return QNetworks.mlp(observationSize, config.hidden, numActions, config.dueling, rng);
    }

    /** MinAtar's torso takes its grids channels-first; the MLP takes observations as they are. */
    private InputLayout inputLayout() {
        if (config.minAtarTorso) {
            int[] shape = gridShape();
            return InputLayout.channelsFirst(shape[0], shape[1], shape[2]);
        }
        return InputLayout.AS_GIVEN;
    }

    private int[] gridShape() {
        Space space = envs.singleObservationSpace();
        int[] shape = space.shape();
        if (shape.length != 3 || shape[0] != shape[1]) {
            throw new IllegalArgumentException("MinAtar's torso needs square channel-last grids [H, W, C], got "
                    + Arrays.toString(shape));
        }
        return shape;
    }

    /** Tells {@code listener} about episodes and updates from now on. */
    public Dqn listener(DqnListener listener) {
        this.listener = listener;
        play.listener(listener);
        return this;
    }

    /** Plays and learns for {@code count} more environment steps (rounded up to whole vector steps). */
    @Override
    public void train(long count) {
        play.start();
        long end = steps + count;
        while (steps < end) {
            double eps = epsilon.epsilon(steps);
            if (play.drawExploration(eps)) {
                play.actGreedily(networkQValues(play.observations(), numEnvs), 0);
            }
            play.step(steps);
            steps += numEnvs;
            vectorSteps++;
            if (steps > config.learningStarts) {
                if (vectorSteps % config.trainFrequency == 0) {
                    for (int g = 0; g < config.gradientSteps; g++) {
                        float loss = update();
                        listener.onUpdate(steps, loss, eps);
                    }
                }
                if (vectorSteps % Math.max(config.targetUpdateInterval / numEnvs, 1) == 0) {
                    TargetNetworks.update(target, online, config.tau);
                }
            }
        }
    }

    /** Q-values {@code [rows, numActions]} of the online network for {@code rows} observations in its layout. */
    private float[] networkQValues(float[] obs, int rows) {
        try (NoGrad ignored = NoGrad.open(); Scope scope = Scope.open()) {
            return online.forward(Tensor.of(obs, rows, observationSize)).toFloatArray();
        }
    }

    /** One gradient step on a sampled batch; returns the loss. */
    private float update() {
        Batch batch = play.sample(steps);
        int size = batch.size();
        try (Scope scope = Scope.open()) {
            Tensor obs = Tensor.of(batch.observations(), size, observationSize);
            Tensor next = Tensor.of(batch.nextObservations(), size, observationSize);
            Tensor targets;
            try (NoGrad ignored = NoGrad.open()) {
                Tensor nextQ = target.forward(next);
                Tensor bootstrap = config.doubleDqn
                        ? nextQ.gather(1, online.forward(next).argmax(1, true))
                        : nextQ.max(1, true);
                targets = Tensor.of(batch.returns(), size, 1)
                        .add(Tensor.of(batch.discounts(), size, 1).mul(bootstrap));
            }
            Tensor q = online.forward(obs).gather(1, Tensor.of(play.actionIndices(), size, 1));
            Tensor perSample = config.loss == DqnConfig.Loss.HUBER
                    ? Losses.huber(q, targets, 1f, Reduction.NONE)
                    : Losses.mse(q, targets, Reduction.NONE);
            Tensor loss = play.prioritized()
                    ? perSample.mul(Tensor.of(batch.weights(), size, 1)).mean()
                    : perSample.mean();
            optimizer.zeroGrad();
            loss.backward();
            if (config.maxGradNorm > 0) {
                GradClip.byNorm(online.parameters(), config.maxGradNorm);
            }
            optimizer.step();
            updates++;
            if (play.prioritized()) {
                play.updatePriorities(q.detach().sub(targets).toFloatArray(), 0);
            }
            return loss.item();
        }
    }

    /**
     * Saves everything the run needs to go on exactly into the folder {@code dir}: the online network with the
     * optimizer's state and the target network (safetensors), the replay buffer, the step counters, and the
     * state of play ({@code play.bin}: the exploration and replay random streams, the envs' states
     * mid-episode, the current observations and the running episode statistics). The folder is replaced as a
     * whole: it is written beside {@code dir} and renamed over it.
     */
    public void save(Path dir) throws IOException {
        writeFolder(dir, true);
    }

    /**
     * Saves what greedy play needs into the folder {@code dir}: the online network (with the optimizer's state),
     * the target network and the step counters, without the replay buffer and the state of play. This is a
     * best-model checkpoint, small where {@link #save}'s is dominated by the buffer; {@link #loadNetworks} reads
     * it. The folder is replaced as a whole.
     */
    public void saveNetworks(Path dir) throws IOException {
        writeFolder(dir, false);
    }

    private void writeFolder(Path dir, boolean withTrainingState) throws IOException {
        DqnCheckpoint.write(dir, online, optimizer, target, seed,
                new DqnCheckpoint.Counters(steps, vectorSteps, updates), withTrainingState ? play : null);
    }

    /**
     * Restores a checkpoint written by {@link #save} into this agent, which must have been built with the same
     * config, seed and kind of vector env (same env id, options and count). Everything continues exactly: on the
     * CPU backend a resumed run equals the uninterrupted one bit for bit, mid-episode included.
     */
    public void load(Path dir) throws IOException {
        loadNetworks(dir);
        play.load(dir);
    }

    /**
     * Restores the networks and step counters of a checkpoint written by {@link #saveNetworks} or {@link #save},
     * leaving the replay buffer and the state of play as they are: enough to act greedily or evaluate.
     */
    public void loadNetworks(Path dir) throws IOException {
        DqnCheckpoint.Counters counters = DqnCheckpoint.readNetworks(dir, seed, online, optimizer, target);
        steps = counters.steps();
        vectorSteps = counters.vectorSteps();
        updates = counters.updates();
    }

    /** Whether {@code dir} holds a full checkpoint ({@link #save}) rather than only the networks. */
    public static boolean isFullCheckpoint(Path dir) {
        return DqnCheckpoint.isFull(dir);
    }

    /** The online network's Q-values of one observation (as the env gives it), one per action (what a window draws). */
    public float[] qValues(float[] observation) {
        if (observation.length != observationSize) {
            throw new IllegalArgumentException("an observation of " + observationSize + " numbers was expected, got "
                    + observation.length);
        }
        float[] input = new float[observationSize];
        layout.copy(observation, 0, input, 0, observationSize);
        return networkQValues(input, 1);
    }

    /** The greedy policy of the online network ({@link Policy#epsilonGreedy} makes an ε-greedy one of it). */
    public Policy greedyPolicy() {
        return observation -> DqnPlay.argmax(qValues(observation), 0, numActions);
    }

    /** The greedy policy, which {@link org.jdive.agents.eval.PeriodicEvaluation} plays. */
    @Override
    public Policy evaluationPolicy() {
        return greedyPolicy();
    }

    /** Environment steps taken so far, summed over the envs. */
    @Override
    public long steps() {
        return steps;
    }

    /** Gradient steps taken so far. */
    public long updates() {
        return updates;
    }

    /** The exploration rate at the current step. */
    public double epsilon() {
        return epsilon.epsilon(steps);
    }

    /** The Q-network that plays and learns: observations to one Q-value per action. */
    public Module onlineNetwork() {
        return online;
    }

    /** The copy of the online network that values the next states in the TD targets. */
    public Module targetNetwork() {
        return target;
    }

    /** The optimizer of the online network. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The replay buffer the updates sample from (a {@link org.jdive.agents.replay.PrioritizedReplayBuffer} with
     * prioritized replay).
     */
    public ReplayBuffer replayBuffer() {
        return play.buffer();
    }

    /** The observation shape of one env. */
    public int[] observationShape() {
        return observationShape.clone();
    }

    /** Frees the networks and the optimizer state; the vector env belongs to the caller. */
    @Override
    public void close() {
        optimizer.close();
        online.close();
        target.close();
    }
}
