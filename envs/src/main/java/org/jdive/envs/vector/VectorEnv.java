package org.jdive.envs.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdive.envs.Env;
import org.jdive.envs.Space;
import org.jdive.envs.Spaces;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;

/**
 * {@code n} copies of an env stepped together into preallocated batch arrays, as Gymnasium 1.x's vector envs:
 * sub-env {@code i}'s observation is {@code observations()[i * observationSize() ..]}, its reward
 * {@code rewards()[i]}, and so on. A step allocates nothing. The arrays are overwritten by each call; copy
 * what must be kept.
 *
 * <p>{@link #reset(long) reset(seed)} seeds sub-env {@code i} with {@code seed + i}, as Gymnasium. With more
 * than one thread the threads share out blocks of sub-envs; each sub-env has its own random stream, so the
 * results are the same whatever the number of threads and whichever thread steps a sub-env.
 */
public final class VectorEnv implements AutoCloseable {

    private final Env[] envs;
    private final AutoresetMode mode;
    private final int observationSize;
    private final float[] observations;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final float[] finalObservations;
    private final boolean[] hasFinalObservation;
    private final List<Map<String, Object>> finalInfos;
    private final boolean[] resetPending;
    private final ChunkRunner runner;
    private int[] actions = new int[0];
    /** Each sub-env's continuous action of the step being taken, when the actions are continuous. */
    private final float[][] continuousActions;
    private boolean continuous;
    private boolean started;

    /** {@code n} envs from {@code factory}, stepped by {@code threads} threads (1: the caller's only). */
    public VectorEnv(Supplier<Env> factory, int n, AutoresetMode mode, int threads) {
        this(create(factory, n), mode, threads);
    }

    /** The given envs, which must share their spaces. */
    public VectorEnv(List<Env> envs, AutoresetMode mode, int threads) {
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("a vector env needs at least one env");
        }
        this.envs = envs.toArray(Env[]::new);
        this.mode = mode;
        Space space = this.envs[0].observationSpace();
        for (Env env : this.envs) {
            if (!Arrays.equals(env.observationSpace().shape(), space.shape())) {
                throw new IllegalArgumentException("the envs of a vector env must share one observation shape, got "
                        + Arrays.toString(space.shape()) + " and " + Arrays.toString(env.observationSpace().shape()));
            }
        }
        int n = this.envs.length;
        this.observationSize = space.size();
        this.observations = new float[n * observationSize];
        this.rewards = new float[n];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.finalObservations = new float[n * observationSize];
        this.hasFinalObservation = new boolean[n];
        this.finalInfos = new ArrayList<>(Collections.nCopies(n, Map.of()));
        this.resetPending = new boolean[n];
        this.continuousActions = new float[n][this.envs[0].actionSpace() instanceof Box box ? box.size() : 0];
        this.runner = new ChunkRunner(n, threads, mode == AutoresetMode.NEXT_STEP ? this::stepNextStep : this::stepSameStep);
    }

    private static List<Env> create(Supplier<Env> factory, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a vector env needs n >= 1, got " + n);
        }
        List<Env> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(factory.get());
        }
        return list;
    }

    /** The number of sub-envs, {@code n}. */
    public int numEnvs() {
        return envs.length;
    }

    /** The number of floats in one sub-env's observation. */
    public int observationSize() {
        return observationSize;
    }

    /** One sub-env's observation space (Gymnasium's {@code single_observation_space}). */
    public Space singleObservationSpace() {
        return envs[0].observationSpace();
    }

    /** One sub-env's action space; {@code step} takes one such action per sub-env. */
    public Space singleActionSpace() {
        return envs[0].actionSpace();
    }

    /** When a sub-env whose episode ended is reset: on the next step or within the same one. */
    public AutoresetMode autoresetMode() {
        return mode;
    }

    /** Sub-env {@code i}, e.g. to render it. */
    public Env env(int i) {
        return envs[i];
    }

    /** Resets every sub-env, seeding sub-env {@code i} with {@code seed + i}. */
    public void reset(long seed) {
        for (int i = 0; i < envs.length; i++) {
            float[] first = envs[i].reset(seed + i).observation();
            System.arraycopy(first, 0, observations, i * observationSize, observationSize);
        }
        clearFlags();
    }

    /** Resets every sub-env, continuing their random streams. */
    public void reset() {
        for (int i = 0; i < envs.length; i++) {
            envs[i].resetInto(observations, i * observationSize);
        }
        clearFlags();
    }

    private void clearFlags() {
        Arrays.fill(rewards, 0f);
        Arrays.fill(terminated, false);
        Arrays.fill(truncated, false);
        Arrays.fill(hasFinalObservation, false);
        Arrays.fill(resetPending, false);
        started = true;
    }

    /** Steps every sub-env with its action ({@code actions[i]} for sub-env {@code i}), autoresetting as the mode says. */
    public void step(int[] actions) {
        if (!started) {
            throw new IllegalStateException("reset the vector env before stepping it");
        }
        if (actions.length != envs.length) {
            throw new IllegalArgumentException("a vector env of " + envs.length + " envs needs " + envs.length
                    + " actions, got " + actions.length);
        }
        this.actions = actions;
        this.continuous = false;
        runner.runAll();
    }

    /**
     * Steps every sub-env with its continuous action, {@code actions[i·k .. (i+1)·k)} for sub-env {@code i} of
     * actions of {@code k} values, autoresetting as the mode says.
     */
    public void step(float[] actions) {
        if (!started) {
            throw new IllegalStateException("reset the vector env before stepping it");
        }
        int k = Spaces.continuousActionSize(singleActionSpace());
        if (actions.length != envs.length * k) {
            throw new IllegalArgumentException("a vector env of " + envs.length + " envs with actions of " + k
                    + " values needs " + envs.length * k + " values, got " + actions.length);
        }
        for (int i = 0; i < envs.length; i++) {
            System.arraycopy(actions, i * k, continuousActions[i], 0, k);
        }
        this.continuous = true;
        runner.runAll();
    }

    private void act(Env env, int i, int offset) {
        if (continuous) {
            env.stepInto(continuousActions[i], observations, offset);
        } else {
            env.stepInto(actions[i], observations, offset);
        }
    }

    private void stepNextStep(int from, int to) {
        for (int i = from; i < to; i++) {
            Env env = envs[i];
            int offset = i * observationSize;
            if (resetPending[i]) {
                env.resetInto(observations, offset);
                rewards[i] = 0f;
                terminated[i] = false;
                truncated[i] = false;
                resetPending[i] = false;
            } else {
                act(env, i, offset);
                boolean term = env.lastTerminated();
                boolean trunc = env.lastTruncated();
                rewards[i] = env.lastReward();
                terminated[i] = term;
                truncated[i] = trunc;
                resetPending[i] = term || trunc;
            }
        }
    }

    private void stepSameStep(int from, int to) {
        for (int i = from; i < to; i++) {
            Env env = envs[i];
            int offset = i * observationSize;
            act(env, i, offset);
            boolean term = env.lastTerminated();
            boolean trunc = env.lastTruncated();
            rewards[i] = env.lastReward();
            terminated[i] = term;
            truncated[i] = trunc;
            hasFinalObservation[i] = term || trunc;
            if (term || trunc) {
                System.arraycopy(observations, offset, finalObservations, offset, observationSize);
                finalInfos.set(i, env.info());
                env.resetInto(observations, offset);
            }
        }
    }

    /** The observations, {@code numEnvs() * observationSize()} floats. */
    public float[] observations() {
        return observations;
    }

    /** The reward of each sub-env in the last step; in {@link AutoresetMode#NEXT_STEP}, 0 on a step that reset it. */
    public float[] rewards() {
        return rewards;
    }

    /** Whether each sub-env's episode terminated (reached a terminal state) in the last step. */
    public boolean[] terminated() {
        return terminated;
    }

    /** Whether each sub-env's episode was cut short (a time limit) in the last step. */
    public boolean[] truncated() {
        return truncated;
    }

    /**
     * In {@link AutoresetMode#SAME_STEP}, the last observation of the episodes that ended in the last step,
     * laid out as {@link #observations()}; valid where {@link #hasFinalObservation()} is true.
     */
    public float[] finalObservations() {
        return finalObservations;
    }

    /**
     * In {@link AutoresetMode#SAME_STEP}, which sub-envs ended an episode in the last step and so hold an entry in
     * {@link #finalObservations()} and {@link #finalInfo(int)}; never set in {@link AutoresetMode#NEXT_STEP}.
     */
    public boolean[] hasFinalObservation() {
        return hasFinalObservation;
    }

    /**
     * In {@link AutoresetMode#SAME_STEP}, the info of sub-env {@code i}'s step that ended its episode in the last
     * step, taken before the reset, as Gymnasium's {@code final_info} (e.g. {@code "episode"} from
     * {@link org.jdive.envs.wrappers.RecordEpisodeStatistics}); valid where {@link #hasFinalObservation()} is true.
     */
    public Map<String, Object> finalInfo(int i) {
        return finalInfos.get(i);
    }

    /**
     * The state of every sub-env and of the batch arrays, so that {@link #restoreState} on a vector env built
     * the same way (same env, count and mode) continues exactly as this one would, mid-episode included.
     */
    public byte[] saveState() {
        StateWriter out = new StateWriter();
        out.writeInt(envs.length).writeBoolean(started);
        for (Env env : envs) {
            out.writeBytes(env.saveState());
        }
        out.writeFloats(observations).writeFloats(rewards).writeBooleans(terminated).writeBooleans(truncated)
                .writeFloats(finalObservations).writeBooleans(hasFinalObservation).writeBooleans(resetPending);
        return out.toByteArray();
    }

    /** Restores a state from {@link #saveState()}; fails if it was saved by a vector env of another shape. */
    public void restoreState(byte[] state) {
        StateReader in = new StateReader(state);
        int n = in.readInt();
        if (n != envs.length) {
            throw new IllegalArgumentException("the state was saved by a vector env of " + n + " envs, this one has "
                    + envs.length);
        }
        started = in.readBoolean();
        for (Env env : envs) {
            env.restoreState(in.readBytes());
        }
        in.readFloats(observations);
        in.readFloats(rewards);
        in.readBooleans(terminated);
        in.readBooleans(truncated);
        in.readFloats(finalObservations);
        in.readBooleans(hasFinalObservation);
        in.readBooleans(resetPending);
        in.requireEnd();
    }

    /** Stops the worker threads and closes the sub-envs. */
    @Override
    public void close() {
        runner.close();
        for (Env env : envs) {
            env.close();
        }
    }
}
