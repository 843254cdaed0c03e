package org.jdive.agents.replay;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Experience replay (Mnih et al. 2015) in preallocated ring arrays, with n-step returns.
 *
 * <p>Each env of a vector env writes its own stream of rows. A row holds one observation, and, when a
 * transition leaves it, that transition's action, reward and termination; the next observation is the next
 * row. So each observation is stored once, as in SB3's {@code optimize_memory_usage}, yet a truncated
 * episode keeps its true last observation: after an episode ends its last observation gets a row of its own
 * (which starts no transition), and the next episode starts on the row after. Memory:
 * {@code capacity × observationSize} floats, or bytes with {@link ObservationStorage#INT8}.
 *
 * <p>Sampling picks rows that start a transition uniformly and follows up to {@code nSteps} rows,
 * stopping at a termination (no bootstrap), a truncation (bootstrap from its last observation) or the
 * newest row. Not thread-safe.
 */
public class ReplayBuffer {

    private final int numEnvs;
    private final int rowsPerEnv;
    private final int observationSize;
    private final int nSteps;
    private final double gamma;
    private final ObservationRows observations;
    private final int[] actions;
    /** Continuous actions, {@code actionSize} values per row; {@code null} for discrete actions. */
    private final float[] actionValues;
    private final int actionSize;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] startsTransition;
    private final int[] head;
    /** Per env, how many rows from the first have been written (all of them once the ring wrapped). */
    private final int[] filled;
    private int transitions;

    /** A buffer that stores its observations as floats; see the full constructor. */
    public ReplayBuffer(int capacity, int observationSize, int numEnvs, int nSteps, double gamma) {
        this(capacity, observationSize, numEnvs, nSteps, gamma, ObservationStorage.FLOAT32);
    }

    /**
     * @param capacity        rows in all, shared equally by the envs (each needs at least {@code nSteps + 2})
     * @param observationSize floats per observation
     * @param numEnvs         the number of envs writing streams of rows
     * @param nSteps          rewards summed before bootstrapping (1: the one-step DQN target)
     * @param gamma           the discount of the n-step returns
     * @param storage         how observations are held ({@link ObservationStorage#exactFor} picks for a space)
     */
    public ReplayBuffer(int capacity, int observationSize, int numEnvs, int nSteps, double gamma,
                        ObservationStorage storage) {
        this(capacity, observationSize, 0, numEnvs, nSteps, gamma, storage);
    }

    /**
     * A buffer of one-step transitions with continuous actions of {@code actionSize} values (SAC, TD3), its
     * observations stored as floats.
     */
    public static ReplayBuffer continuous(int capacity, int observationSize, int actionSize, int numEnvs,
                                          double gamma) {
        if (actionSize < 1) {
            throw new IllegalArgumentException("continuous actions need at least one value, got " + actionSize);
        }
        return new ReplayBuffer(capacity, observationSize, actionSize, numEnvs, 1, gamma, ObservationStorage.FLOAT32);
    }

    private ReplayBuffer(int capacity, int observationSize, int actionSize, int numEnvs, int nSteps, double gamma,
                         ObservationStorage storage) {
        if (numEnvs < 1 || observationSize < 1 || nSteps < 1) {
            throw new IllegalArgumentException("a replay buffer needs numEnvs, observationSize and nSteps >= 1, got "
                    + numEnvs + ", " + observationSize + " and " + nSteps);
        }
        if (capacity / numEnvs < nSteps + 2) {
            throw new IllegalArgumentException("a replay buffer of capacity " + capacity + " shared by " + numEnvs
                    + " envs gives each " + capacity / numEnvs + " rows; each needs at least nSteps + 2 = "
                    + (nSteps + 2));
        }
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("the discount gamma must lie in [0, 1], got " + gamma);
        }
        if ((long) capacity * observationSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("capacity × observationSize = " + (long) capacity * observationSize
                    + " values exceeds one Java array; lower the capacity");
        }
        this.numEnvs = numEnvs;
        this.rowsPerEnv = capacity / numEnvs;
        this.observationSize = observationSize;
        this.nSteps = nSteps;
        this.gamma = gamma;
        int rows = rowsPerEnv * numEnvs;
        this.observations = ObservationRows.of(storage, rows, observationSize);
        this.actions = new int[rows];
        this.actionSize = actionSize;
        this.actionValues = actionSize == 0 ? null : new float[rows * actionSize];
        this.rewards = new float[rows];
        this.terminated = new boolean[rows];
        this.startsTransition = new boolean[rows];
        this.head = new int[numEnvs];
        this.filled = new int[numEnvs];
    }

    /** The number of rows, {@code numEnvs × (capacity / numEnvs)}. */
    public int capacity() {
        return rowsPerEnv * numEnvs;
    }

    /** Floats per observation. */
    public int observationSize() {
        return observationSize;
    }

    /** The number of envs whose transitions the buffer keeps apart, one ring each. */
    public int numEnvs() {
        return numEnvs;
    }

    /** How observations are stored: as floats, or as bytes where they are small whole numbers. */
    public ObservationStorage storage() {
        return observations.storage();
    }

    /** The number of stored transitions that can be sampled. */
    public int size() {
        return transitions;
    }

    /**
     * Stores a transition of env {@code env}: {@code observation} (from {@code obs[obsOffset ..]}), the action
     * taken, the reward, whether the MDP terminated or a time limit truncated the episode, and the observation
     * that followed ({@code next[nextOffset ..]}: the last observation of the episode if it ended).
     *
     * @throws IllegalArgumentException if an observation holds a value the buffer's storage cannot hold exactly
     */
    public void add(int env, float[] obs, int obsOffset, int action, float reward, boolean terminatedNow,
                    boolean truncatedNow, float[] next, int nextOffset) {
        if (actionValues != null) {
            throw new IllegalStateException("this buffer holds continuous actions: add them as vectors");
        }
        store(env, obs, obsOffset, action, null, 0, reward, terminatedNow, truncatedNow, next, nextOffset);
    }

    /**
     * Stores a transition with a continuous action ({@code action[actionOffset ..]}, the buffer's action size of
     * values); otherwise as {@link #add(int, float[], int, int, float, boolean, boolean, float[], int)}.
     */
    public void add(int env, float[] obs, int obsOffset, float[] action, int actionOffset, float reward,
                    boolean terminatedNow, boolean truncatedNow, float[] next, int nextOffset) {
        if (actionValues == null) {
            throw new IllegalStateException("this buffer holds discrete actions: add them as numbers");
        }
        store(env, obs, obsOffset, 0, action, actionOffset, reward, terminatedNow, truncatedNow, next, nextOffset);
    }

    private void store(int env, float[] obs, int obsOffset, int action, float[] vector, int vectorOffset,
                       float reward, boolean terminatedNow, boolean truncatedNow, float[] next, int nextOffset) {
        if (env < 0 || env >= numEnvs) {
            throw new IllegalArgumentException("env " + env + " is not in 0.." + (numEnvs - 1));
        }
        observations.checkStorable(obs, obsOffset);
        observations.checkStorable(next, nextOffset);
        int base = env * rowsPerEnv;
        int row = head[env];
        int nextRow = (row + 1) % rowsPerEnv;
        writeRow(base + row, obs, obsOffset, true);
        actions[base + row] = action;
        if (vector != null) {
            System.arraycopy(vector, vectorOffset, actionValues, (base + row) * actionSize, actionSize);
        }
        rewards[base + row] = reward;
        terminated[base + row] = terminatedNow;
        writeRow(base + nextRow, next, nextOffset, false);
        boolean episodeEnded = terminatedNow || truncatedNow;
        head[env] = episodeEnded ? (row + 2) % rowsPerEnv : nextRow;
        filled[env] = Math.min(rowsPerEnv, Math.max(filled[env], row + 2));
    }

    private void writeRow(int row, float[] source, int offset, boolean starts) {
        observations.write(row, source, offset);
        if (startsTransition[row] != starts) {
            transitions += starts ? 1 : -1;
            startsTransition[row] = starts;
        }
        rowChanged(row, starts);
    }

    /** Called when a row is written; {@code startsTransition} says whether it can now be sampled. */
    protected void rowChanged(int row, boolean startsTransition) {
    }

    /** Fills {@code batch} with transitions drawn uniformly; importance weights are 1. */
    public void sample(Batch batch, UniformRandomProvider rng) {
        checkSampling(batch);
        for (int i = 0; i < batch.size(); i++) {
            int row;
            do {
                int env = rng.nextInt(numEnvs);
                row = filled[env] == 0 ? -1 : env * rowsPerEnv + rng.nextInt(filled[env]);
            } while (row < 0 || !startsTransition[row]);
            fill(batch, i, row);
            batch.weights[i] = 1f;
        }
    }

    void checkSampling(Batch batch) {
        if (transitions == 0) {
            throw new IllegalStateException("cannot sample from an empty replay buffer; add transitions first "
                    + "(DQN's learning_starts)");
        }
        if (batch.actionSize() != actionSize) {
            throw new IllegalArgumentException("the batch holds actions of " + batch.actionSize()
                    + " values but the buffer stores " + actionSize + " (0: discrete)");
        }
        if (batch.observationSize() != observationSize) {
            throw new IllegalArgumentException("the batch holds observations of " + batch.observationSize()
                    + " floats but the buffer stores " + observationSize);
        }
    }

    /** Writes the n-step transition starting at {@code row} into slot {@code i} of the batch. */
    void fill(Batch batch, int i, int row) {
        int base = row - row % rowsPerEnv;
        int r = row;
        double ret = 0;
        double discount = 1;
        int bootstrapRow;
        for (int k = 0; ; k++) {
            ret += discount * rewards[r];
            discount *= gamma;
            int following = base + (r - base + 1) % rowsPerEnv;
            if (terminated[r]) {
                discount = 0;
                bootstrapRow = following;
                break;
            }
            if (k == nSteps - 1 || !startsTransition[following]) {
                bootstrapRow = following;
                break;
            }
            r = following;
        }
        observations.read(row, batch.observations, i * observationSize);
        observations.read(bootstrapRow, batch.nextObservations, i * observationSize);
        batch.actions[i] = actions[row];
        if (actionValues != null) {
            System.arraycopy(actionValues, row * actionSize, batch.actionValues, i * actionSize, actionSize);
        }
        batch.returns[i] = (float) ret;
        batch.discounts[i] = (float) discount;
        batch.indices[i] = row;
    }

    /** Whether a row can be sampled (it starts a stored transition). */
    boolean startsTransition(int row) {
        return startsTransition[row];
    }

    /**
     * Writes the whole buffer (settings, rows, write positions) to {@code file}, atomically: a crash leaves
     * either the old file or the new one.
     */
    public void save(Path file) throws IOException {
        try (ReplayFile.Writer out = ReplayFile.create(file)) {
            out.header(getClass().getSimpleName(), storage().name(), numEnvs, rowsPerEnv, observationSize, nSteps,
                    gamma);
            observations.save(out);
            out.ints(actions);
            if (actionValues != null) {
                out.floats(actionValues);
            }
            out.floats(rewards);
            out.booleans(terminated);
            out.booleans(startsTransition);
            out.ints(head);
            out.ints(filled);
            saveExtra(out);
            out.commit();
        }
    }

    /**
     * Replaces this buffer's contents with those saved in {@code file}, which must come from a buffer of the
     * same kind and settings; on any error this buffer is left unchanged.
     */
    public void load(Path file) throws IOException {
        try (ReplayFile.Reader in = ReplayFile.open(file)) {
            in.expectHeader(getClass().getSimpleName(), storage().name(), numEnvs, rowsPerEnv, observationSize, nSteps,
                    gamma);
            Runnable installObservations = observations.load(in);
            int[] act = in.ints(actions.length);
            float[] vectors = actionValues == null ? null : in.floats(actionValues.length);
            float[] rew = in.floats(rewards.length);
            boolean[] term = in.booleans(terminated.length);
            boolean[] starts = in.booleans(startsTransition.length);
            int[] heads = in.ints(head.length);
            int[] fill = in.ints(filled.length);
            Runnable extra = loadExtra(in);
            in.expectEnd();
            for (int e = 0; e < numEnvs; e++) {
                if (heads[e] < 0 || heads[e] >= rowsPerEnv || fill[e] < 0 || fill[e] > rowsPerEnv) {
                    throw new org.jdive.core.io.DamagedFileException(file, "env " + e + "'s write position " + heads[e]
                            + " or fill " + fill[e] + " is outside its " + rowsPerEnv + " rows");
                }
            }
            installObservations.run();
            System.arraycopy(act, 0, actions, 0, act.length);
            if (vectors != null) {
                System.arraycopy(vectors, 0, actionValues, 0, vectors.length);
            }
            System.arraycopy(rew, 0, rewards, 0, rew.length);
            System.arraycopy(term, 0, terminated, 0, term.length);
            System.arraycopy(starts, 0, startsTransition, 0, starts.length);
            System.arraycopy(heads, 0, head, 0, heads.length);
            System.arraycopy(fill, 0, filled, 0, fill.length);
            transitions = 0;
            for (boolean b : startsTransition) {
                transitions += b ? 1 : 0;
            }
            extra.run();
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: it ends before the replay buffer's data does", e);
        }
    }

    /** Writes what a subclass adds to the saved state (after the rows). */
    void saveExtra(ReplayFile.Writer out) throws IOException {
    }

    /** Reads what {@link #saveExtra} wrote; returns the action that installs it once everything has been read. */
    Runnable loadExtra(ReplayFile.Reader in) throws IOException {
        return () -> { };
    }

    /** Forgets every transition; the arrays are kept. */
    public void clear() {
        Arrays.fill(startsTransition, false);
        for (int row = 0; row < startsTransition.length; row++) {
            rowChanged(row, false);
        }
        Arrays.fill(head, 0);
        Arrays.fill(filled, 0);
        transitions = 0;
    }
}
