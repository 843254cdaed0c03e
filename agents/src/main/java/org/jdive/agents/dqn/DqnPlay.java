package org.jdive.agents.dqn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.agents.replay.Batch;
import org.jdive.agents.replay.ObservationStorage;
import org.jdive.agents.replay.PrioritizedReplayBuffer;
import org.jdive.agents.replay.ReplayBuffer;
import org.jdive.core.Rng;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.vector.VectorEnv;

/**
 * One DQN agent's side of play and replay, apart from its networks: ε-greedy actions on its vector env, the
 * transitions into its replay buffer, episode statistics, and the batches its updates learn from. A {@link Dqn}
 * has one; a {@link DqnPopulation} one per member, so that a member plays exactly as a single run with its seed.
 *
 * <p>Its random streams are the seed's {@code explore} and {@code replay} streams; the envs are reset with the
 * seed on the first step. {@link #save} and {@link #load} keep the replay buffer and the state of play.
 */
final class DqnPlay {

    static final String REPLAY_FILE = "replay.bin";
    static final String PLAY_FILE = "play.bin";

    private final VectorEnv envs;
    private final DqnConfig config;
    private final long seed;
    private final int numEnvs;
    private final int observationSize;
    private final int numActions;
    private final InputLayout layout;
    private final ReplayBuffer buffer;
    private final Batch batch;
    private final UniformRandomProvider exploreRng;
    private final UniformRandomProvider replayRng;
    /** The envs' current observations, in the network's layout. */
    private final float[] observations;
    /** The envs' next and final observations, in the network's layout. */
    private final float[] nextObservations;
    private final float[] finalObservations;
    private final int[] actions;
    private final boolean[] explore;
    private final double[] episodeReturns;
    private final int[] episodeLengths;
    private final float[] actionIndices;
    private DqnListener listener = new DqnListener() { };
    private boolean started;

    DqnPlay(VectorEnv envs, DqnConfig config, long seed, InputLayout layout, int numActions) {
        this.envs = envs;
        this.config = config;
        this.seed = seed;
        this.numEnvs = envs.numEnvs();
        this.observationSize = envs.observationSize();
        this.numActions = numActions;
        this.layout = layout;
        ObservationStorage storage = ObservationStorage.exactFor(envs.singleObservationSpace());
        this.buffer = config.prioritized
                ? new PrioritizedReplayBuffer(config.bufferSize, observationSize, numEnvs, config.nSteps, config.gamma,
                        storage, config.priorityAlpha, config.priorityEpsilon)
                : new ReplayBuffer(config.bufferSize, observationSize, numEnvs, config.nSteps, config.gamma, storage);
        this.batch = new Batch(config.batchSize, observationSize);
        this.exploreRng = Rng.split(seed, "explore");
        this.replayRng = Rng.split(seed, "replay");
        this.observations = new float[numEnvs * observationSize];
        this.nextObservations = new float[numEnvs * observationSize];
        this.finalObservations = new float[numEnvs * observationSize];
        this.actions = new int[numEnvs];
        this.explore = new boolean[numEnvs];
        this.episodeReturns = new double[numEnvs];
        this.episodeLengths = new int[numEnvs];
        this.actionIndices = new float[config.batchSize];
    }

    void listener(DqnListener listener) {
        this.listener = listener;
    }

    /** Resets the envs with the seed, once, before the first step. */
    void start() {
        if (!started) {
            envs.reset(seed);
            layout.copyRows(envs.observations(), observations, numEnvs, observationSize);
            started = true;
        }
    }

    /** Draws which envs explore at rate {@code eps} and their random actions; whether any env acts greedily. */
    boolean drawExploration(double eps) {
        boolean anyGreedy = false;
        for (int i = 0; i < numEnvs; i++) {
            explore[i] = exploreRng.nextDouble() < eps;
            if (explore[i]) {
                actions[i] = exploreRng.nextInt(numActions);
            }
            anyGreedy |= !explore[i];
        }
        return anyGreedy;
    }

    /** The greedy actions of the envs that do not explore, from Q-value rows {@code [numEnvs, numActions]} at {@code offset}. */
    void actGreedily(float[] q, int offset) {
        for (int i = 0; i < numEnvs; i++) {
            if (!explore[i]) {
                actions[i] = argmax(q, offset + i * numActions, numActions);
            }
        }
    }

    /** Steps the envs with the chosen actions and stores each sub-env's transition; {@code steps} were taken before. */
    void step(long steps) {
        envs.step(actions);
        float[] next = nextObservations;
        float[] finals = finalObservations;
        boolean[] hasFinal = envs.hasFinalObservation();
        layout.copyRows(envs.observations(), next, numEnvs, observationSize);
        for (int i = 0; i < numEnvs; i++) {
            if (hasFinal[i]) {
                layout.copy(envs.finalObservations(), i * observationSize, finals, i * observationSize, observationSize);
            }
        }
        float[] rewards = envs.rewards();
        boolean[] terminated = envs.terminated();
        boolean[] truncated = envs.truncated();
        for (int i = 0; i < numEnvs; i++) {
            int offset = i * observationSize;
            buffer.add(i, observations, offset, actions[i], rewards[i], terminated[i], truncated[i],
                    hasFinal[i] ? finals : next, offset);
            episodeReturns[i] += rewards[i];
            episodeLengths[i]++;
            if (terminated[i] || truncated[i]) {
                listener.onEpisode(steps + i + 1, i, episodeReturns[i], episodeLengths[i]);
                episodeReturns[i] = 0;
                episodeLengths[i] = 0;
            }
        }
        System.arraycopy(next, 0, observations, 0, observations.length);
    }

    /** The envs' current observations in the network's layout, {@code [numEnvs, observationSize]} (live). */
    float[] observations() {
        return observations;
    }

    /**
     * Samples the next batch from the replay buffer (prioritized replay with β annealed by {@code steps}) and fills
     * {@link #actionIndices()}.
     */
    Batch sample(long steps) {
        if (buffer instanceof PrioritizedReplayBuffer prioritized) {
            double progress = Math.min(1.0, (double) steps / config.priorityBetaSteps);
            prioritized.sample(batch, config.priorityBetaStart + (1 - config.priorityBetaStart) * progress, replayRng);
        } else {
            buffer.sample(batch, replayRng);
        }
        for (int i = 0; i < batch.size(); i++) {
            actionIndices[i] = batch.actions()[i];
        }
        return batch;
    }

    /** The last batch's actions as floats, what {@code gather} takes (live). */
    float[] actionIndices() {
        return actionIndices;
    }

    /** Whether the buffer is prioritized, so that the loss is importance-weighted and priorities follow the errors. */
    boolean prioritized() {
        return buffer instanceof PrioritizedReplayBuffer;
    }

    /** New priorities for the last batch from its TD errors, {@code batch size} of them from {@code offset}. */
    void updatePriorities(float[] tdErrors, int offset) {
        float[] errors = offset == 0 ? tdErrors : Arrays.copyOfRange(tdErrors, offset, offset + batch.size());
        ((PrioritizedReplayBuffer) buffer).updatePriorities(batch.indices(), errors, batch.size());
    }

    ReplayBuffer buffer() {
        return buffer;
    }

    /** Writes the replay buffer ({@value #REPLAY_FILE}) and the state of play ({@value #PLAY_FILE}) into {@code dir}. */
    void save(Path dir) throws IOException {
        buffer.save(dir.resolve(REPLAY_FILE));
        Files.write(dir.resolve(PLAY_FILE), playState());
    }

    /** Reads what {@link #save} wrote. */
    void load(Path dir) throws IOException {
        buffer.load(dir.resolve(REPLAY_FILE));
        try {
            restorePlayState(Files.readAllBytes(dir.resolve(PLAY_FILE)));
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(PLAY_FILE) + " does not fit this agent and its envs: " + e.getMessage(), e);
        }
    }

    /** The exploration and replay random streams, the current observations, the running episode statistics, the envs. */
    private byte[] playState() {
        StateWriter out = new StateWriter();
        out.writeBoolean(started).writeRng(exploreRng).writeRng(replayRng).writeFloats(observations)
                .writeDoubles(episodeReturns).writeInts(episodeLengths);
        if (started) {
            out.writeBytes(envs.saveState());
        }
        return out.toByteArray();
    }

    private void restorePlayState(byte[] state) {
        StateReader in = new StateReader(state);
        started = in.readBoolean();
        in.readRng(exploreRng);
        in.readRng(replayRng);
        in.readFloats(observations);
        in.readDoubles(episodeReturns);
        in.readInts(episodeLengths);
        if (started) {
            envs.restoreState(in.readBytes());
        }
        in.requireEnd();
    }

    static int argmax(float[] q, int offset, int numActions) {
        int best = 0;
        for (int a = 1; a < numActions; a++) {
            if (q[offset + a] > q[offset + best]) {
                best = a;
            }
        }
        return best;
    }
}
