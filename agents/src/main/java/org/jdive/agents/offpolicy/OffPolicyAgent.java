package org.jdive.agents.offpolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.agents.Controller;
import org.jdive.agents.PolicyGradient;
import org.jdive.agents.replay.Batch;
import org.jdive.agents.replay.ReplayBuffer;
import org.jdive.core.Rng;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.RecordEpisodeStatistics;
import org.jdive.envs.wrappers.Wrapper;

/**
 * What SAC and TD3 share, as Stable-Baselines3's {@code OffPolicyAlgorithm} has it: continuous actions squashed into
 * [−1, 1] and mapped onto the env's box ({@code unscale_action}), uniformly random actions for the first
 * {@code learning_starts} steps, every transition into a replay buffer (a time-limit truncation bootstraps from the
 * episode's final observation, a termination does not), and {@code gradient_steps} updates every
 * {@code train_freq} steps once past {@code learning_starts}. Randomness comes from the seed, split into
 * {@code init}, {@code actions} (exploration) and {@code replay} (sampling) streams; checkpoints hold the networks,
 * the optimizers, the buffer and the envs mid-episode, so a resumed run goes on bit for bit.
 */
public abstract class OffPolicyAgent implements PolicyGradient {

    static final String REPLAY = "replay.bin";
    static final String PLAY = "play.bin";

    final String name;
    final VectorEnv envs;
    final OffPolicySettings settings;
    final long seed;
    final int numEnvs;
    final int observationSize;
    final int actionSize;
    private final float[] low;
    private final float[] high;
    final ReplayBuffer buffer;
    final Batch batch;
    final UniformRandomProvider actionRng;
    final UniformRandomProvider replayRng;
    private final float[] obs;
    private final double[] episodeReturns;
    private final int[] episodeLengths;
    private Listener listener = new Listener() { };
    long steps;
    long updates;
    private long vectorSteps;
    private boolean started;

    OffPolicyAgent(String name, VectorEnv envs, OffPolicySettings settings, long seed) {
        settings.validate(name);
        if (envs.autoresetMode() != AutoresetMode.SAME_STEP) {
            throw new IllegalArgumentException(name + " follows Gymnasium's same-step autoreset, got "
                    + envs.autoresetMode() + ": make the vector env with Envs.makeVector(id, n, "
                    + "AutoresetMode.SAME_STEP)");
        }
        if (!(envs.env(0).unwrapped().actionSpace() instanceof Box box) || !bounded(box)) {
            throw new IllegalArgumentException(name + " needs continuous actions in a bounded box, got "
                    + envs.env(0).unwrapped().actionSpace());
        }
        if (envs.numEnvs() != settings.numEnvs()) {
            throw new IllegalArgumentException("the vector env has " + envs.numEnvs() + " envs but " + name
                    + "'s settings say " + settings.numEnvs());
        }
        this.name = name;
        this.envs = envs;
        this.settings = settings;
        this.seed = seed;
        this.numEnvs = settings.numEnvs();
        this.observationSize = envs.observationSize();
        this.actionSize = box.size();
        this.low = box.low();
        this.high = box.high();
        this.buffer = ReplayBuffer.continuous(settings.bufferSize(), observationSize, actionSize, numEnvs,
                settings.gamma());
        this.batch = new Batch(settings.batchSize(), observationSize, actionSize);
        this.actionRng = Rng.split(seed, "actions");
        this.replayRng = Rng.split(seed, "replay");
        this.obs = new float[numEnvs * observationSize];
        this.episodeReturns = new double[numEnvs];
        this.episodeLengths = new int[numEnvs];
    }

    private static boolean bounded(Box box) {
        for (int i = 0; i < box.size(); i++) {
            if (!Float.isFinite(box.low()[i]) || !Float.isFinite(box.high()[i])) {
                return false;
            }
        }
        return true;
    }

    /** The exploring actions of the observations {@code obs} (rows × observationSize), in [−1, 1]. */
    abstract float[] explore(float[] observations, int rows);

    /** The deterministic action of one observation as the agent sees it, in [−1, 1]. */
    abstract float[] deterministic(float[] observation);

    /** {@code gradient_steps} updates on replayed batches; returns the numbers {@link #statNames()} names. */
    abstract Map<String, Double> train(int gradientSteps);

    /** Writes the networks and their optimizers into {@code dir}. */
    abstract void saveNetworks(Path dir) throws IOException;

    /** Reads what {@link #saveNetworks} wrote. */
    abstract void loadNetworks(Path dir) throws IOException;

    /** Writes what a subclass adds to the state of play (counters of its own). */
    void saveExtra(StateWriter out) {
    }

    /** Reads what {@link #saveExtra} wrote. */
    void restoreExtra(StateReader in) {
    }

    @Override
    public PolicyGradient listener(Listener l) {
        this.listener = l;
        return this;
    }

    /** Steps every env {@code count / numEnvs} more times (at least once), training as the settings say. */
    @Override
    public void train(long count) {
        if (!started) {
            envs.reset(seed);
            System.arraycopy(envs.observations(), 0, obs, 0, obs.length);
            started = true;
        }
        long target = steps + count;
        while (steps < target) {
            step();
            if (vectorSteps % settings.trainFreq() == 0 && steps > settings.learningStarts()) {
                Map<String, Double> stats = train(settings.gradientSteps());
                listener.onUpdate(steps, stats);
            }
        }
    }

    /**
     * Called before each step of the envs with the number of steps taken so far (of every env), e.g. to draw new
     * exploration noise at the start of each stretch of {@code train_freq} steps.
     */
    void beforeStep(long vectorStep) {
    }

    /** One step of every env: random actions during warm-up, then the policy's exploring ones. */
    private void step() {
        beforeStep(vectorSteps);
        float[] scaled;
        if (steps < settings.learningStarts()) {
            scaled = new float[numEnvs * actionSize];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = (float) (2 * actionRng.nextDouble() - 1);
            }
        } else {
            scaled = explore(obs, numEnvs);
        }
        float[] envActions = new float[scaled.length];
        for (int i = 0; i < scaled.length; i++) {
            envActions[i] = unscale(scaled[i], i % actionSize);
        }
        envs.step(envActions);
        steps += numEnvs;
        vectorSteps++;
        float[] rewards = envs.rewards();
        boolean[] terminated = envs.terminated();
        boolean[] truncated = envs.truncated();
        float[] next = envs.observations();
        float[] last = envs.finalObservations();
        float[] action = new float[actionSize];
        for (int e = 0; e < numEnvs; e++) {
            boolean ended = terminated[e] || truncated[e];
            System.arraycopy(scaled, e * actionSize, action, 0, actionSize);
            buffer.add(e, obs, e * observationSize, action, 0, rewards[e], terminated[e], truncated[e],
                    ended ? last : next, e * observationSize);
            episodeReturns[e] += rewards[e];
            episodeLengths[e]++;
            if (ended) {
                if (envs.finalInfo(e).get(RecordEpisodeStatistics.EPISODE) instanceof Map<?, ?> episode) {
                    episodeReturns[e] = ((Number) episode.get("r")).doubleValue();
                    episodeLengths[e] = ((Number) episode.get("l")).intValue();
                }
                listener.onEpisode(steps, e, episodeReturns[e], episodeLengths[e]);
                episodeReturns[e] = 0;
                episodeLengths[e] = 0;
            }
        }
        System.arraycopy(next, 0, obs, 0, obs.length);
    }

    /** Half the width of action value {@code i}'s range in the env's units. */
    double halfRange(int i) {
        return 0.5 * (high[i] - (double) low[i]);
    }

    /** SB3's {@code unscale_action}: [−1, 1] onto the env's {@code [low, high]}. */
    private float unscale(float scaled, int i) {
        return (float) (low[i] + 0.5 * (scaled + 1.0) * (high[i] - (double) low[i]));
    }

    /** The deterministic action, in the env's units, of an observation of the bare env. */
    @Override
    public Controller greedyPolicy() {
        return observation -> {
            float[] a = deterministic(Wrapper.observationThrough(envs.env(0), observation));
            for (int i = 0; i < a.length; i++) {
                a[i] = unscale(a[i], i);
            }
            return a;
        };
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public float[] actionProbabilities(float[] observation) {
        throw new IllegalStateException(name + " acts continuously: it has no action probabilities");
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public long updates() {
        return updates;
    }

    /**
     * Saves the networks and optimizers, the replay buffer ({@value #REPLAY}) and everything else ({@value #PLAY}):
     * the seed, the counters, the random streams, the current observations and the envs mid-episode.
     */
    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        saveNetworks(dir);
        buffer.save(dir.resolve(REPLAY));
        StateWriter out = new StateWriter().writeLong(seed).writeLong(steps).writeLong(updates).writeLong(vectorSteps)
                .writeBoolean(started).writeRng(actionRng).writeRng(replayRng);
        saveExtra(out);
        out.writeFloats(obs).writeDoubles(episodeReturns).writeInts(episodeLengths);
        if (started) {
            out.writeBytes(envs.saveState());
        }
        Files.write(dir.resolve(PLAY), out.toByteArray());
    }

    @Override
    public void load(Path dir) throws IOException {
        Path play = dir.resolve(PLAY);
        StateReader in = new StateReader(Files.readAllBytes(play));
        long savedSeed = in.readLong();
        if (savedSeed != seed) {
            throw new IOException(dir + " was saved by " + name + " with seed " + savedSeed + ", this one has seed "
                    + seed);
        }
        loadNetworks(dir);
        buffer.load(dir.resolve(REPLAY));
        try {
            steps = in.readLong();
            updates = in.readLong();
            vectorSteps = in.readLong();
            started = in.readBoolean();
            in.readRng(actionRng);
            in.readRng(replayRng);
            restoreExtra(in);
            in.readFloats(obs);
            in.readDoubles(episodeReturns);
            in.readInts(episodeLengths);
            if (started) {
                envs.restoreState(in.readBytes());
            }
            in.requireEnd();
        } catch (IllegalArgumentException e) {
            throw new IOException(play + " does not fit this " + name + " and its envs: " + e.getMessage(), e);
        }
    }
}
