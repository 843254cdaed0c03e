package org.jdive.agents.onpolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.agents.Controller;
import org.jdive.agents.Policy;
import org.jdive.agents.PolicyGradient;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.io.Checkpoint;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Optimizer;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.Discrete;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.RecordEpisodeStatistics;
import org.jdive.envs.wrappers.Wrapper;

/**
 * What REINFORCE, A2C and PPO share, as Stable-Baselines3's {@code OnPolicyAlgorithm} and CleanRL's loops have it:
 * vector envs with Gymnasium's same-step autoreset, a policy (categorical for discrete actions, a diagonal Gaussian
 * for continuous ones: {@link ActionDistribution}) and maybe a critic ({@link ActorCritic}), every env stepped with
 * sampled actions into the algorithm's {@link Experience}, and the algorithm's {@link #update()} whenever that is
 * full. Episode returns are the envs' own: a {@code RecordEpisodeStatistics} below normalising wrappers reports them
 * (Gymnasium's {@code final_info}), else the rewards seen are summed. Randomness comes from the seed, split into {@code init} (the networks) and
 * {@code actions} (sampling) streams, plus what a subclass splits off; the envs are reset with {@code seed},
 * {@code seed + 1}, ... Checkpoints ({@link #save}) hold everything, experience half gathered included, so a resumed
 * run goes on bit for bit.
 */
public abstract class OnPolicyAgent implements PolicyGradient {

    static final String NETWORKS = "agent.safetensors";
    static final String PLAY = "play.bin";

    final String name;
    final VectorEnv envs;
    final long seed;
    final int numEnvs;
    final int observationSize;
    final ActionDistribution distribution;
    /** Values per action (1 for a discrete action). */
    final int actionSize;
    /** Whether actions are continuous (a {@link Box}), else discrete. */
    final boolean continuous;
    final ActorCritic agent;
    final Sequential actor;
    /** The value network; {@code null} where the algorithm learns none. */
    final Sequential critic;
    private final List<Tensor> parameters;
    final UniformRandomProvider actionRng;
    /** The envs' current observations and whether they began new episodes (CleanRL's next_obs, next_done). */
    final float[] nextObs;
    final boolean[] nextDone;
    private final double[] episodeReturns;
    private final int[] episodeLengths;
    private Listener listener = new Listener() { };
    long steps;
    long updates;
    private boolean started;

    /**
     * @param name   the algorithm's name, for messages
     * @param hidden widths of the actor's (and the critic's) hidden layers
     * @param style  how those layers are built
     * @param critic whether to learn a state-value function
     */
    OnPolicyAgent(String name, VectorEnv envs, int numEnvs, int[] hidden, NetworkStyle style, boolean critic,
                  long seed) {
        if (envs.autoresetMode() != AutoresetMode.SAME_STEP) {
            throw new IllegalArgumentException(name + " follows Gymnasium's same-step autoreset, got "
                    + envs.autoresetMode() + ": make the vector env with Envs.makeVector(id, n, "
                    + "AutoresetMode.SAME_STEP)");
        }
        Space actions = envs.singleActionSpace();
        if (!(actions instanceof Discrete || actions instanceof Box)) {
            throw new IllegalArgumentException(name + " needs a discrete or a continuous (Box) action space, got "
                    + actions);
        }
        if (envs.numEnvs() != numEnvs) {
            throw new IllegalArgumentException("the vector env has " + envs.numEnvs() + " envs but " + name
                    + "'s settings say " + numEnvs);
        }
        this.name = name;
        this.envs = envs;
        this.seed = seed;
        this.numEnvs = numEnvs;
        this.observationSize = envs.observationSize();
        this.continuous = actions instanceof Box;
        int outputs = continuous ? actions.size() : ((Discrete) actions).n();
        this.agent = ActorCritic.mlps(observationSize, outputs, hidden, critic, continuous ? outputs : 0, style,
                Rng.split(seed, "init"));
        this.distribution = continuous ? new DiagonalGaussian(agent.logStd()) : new Categorical(outputs);
        this.actionSize = distribution.actionSize();
        this.actor = agent.actor();
        this.critic = agent.critic();
        this.parameters = agent.parameters();
        this.actionRng = Rng.split(seed, "actions");
        this.nextObs = new float[numEnvs * observationSize];
        this.nextDone = new boolean[numEnvs];
        this.episodeReturns = new double[numEnvs];
        this.episodeLengths = new int[numEnvs];
    }

    /** Where the steps go until {@link #update()} learns from them. */
    abstract Experience experience();

    /** The optimizer over {@link #parameters()}. */
    abstract Optimizer optimizer();

    /** The learning step on full {@link #experience()}; returns the numbers {@link #statNames()} names. */
    abstract Map<String, Double> update();

    /** Whether {@link Experience#add} needs the critic's value of each observation. */
    boolean valuesPerStep() {
        return critic != null;
    }

    /**
     * The discount with which a time-limit truncation's reward is bootstrapped from the critic's value of the
     * episode's final observation, as Stable-Baselines3's rollouts do; 0 (CleanRL's way): a truncation ends the
     * return like a termination.
     */
    double truncationDiscount() {
        return 0;
    }

    /** Writes what a subclass adds to the state of play (its own random streams). */
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

    /** Steps every env {@code count / numEnvs} more times (at least once), updating whenever the experience is full. */
    @Override
    public void train(long count) {
        if (!started) {
            envs.reset(seed);
            System.arraycopy(envs.observations(), 0, nextObs, 0, nextObs.length);
            started = true;
        }
        long target = steps + count;
        while (steps < target) {
            step();
            if (experience().full()) {
                Map<String, Double> stats = update();
                experience().clear();
                updates++;
                listener.onUpdate(steps, stats);
            }
        }
    }

    /** One step of every env with actions sampled from the policy: CleanRL's inner loop. */
    private void step() {
        float[] out;
        float[] values = null;
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            Tensor x = Tensor.of(nextObs, numEnvs, observationSize);
            out = actor.forward(x).toFloatArray();
            if (valuesPerStep()) {
                values = critic.forward(x).toFloatArray();
            }
        }
        float[] chosen = new float[numEnvs * actionSize];
        float[] logProbs = new float[numEnvs];
        distribution.sample(out, numEnvs, actionRng, chosen, logProbs);
        if (continuous) {
            envs.step(chosen);
        } else {
            int[] discrete = new int[numEnvs];
            for (int e = 0; e < numEnvs; e++) {
                discrete[e] = (int) chosen[e];
            }
            envs.step(discrete);
        }
        steps += numEnvs;
        float[] rewards = envs.rewards().clone();
        boolean[] terminated = envs.terminated();
        boolean[] truncated = envs.truncated();
        boolean[] ended = new boolean[numEnvs];
        double discount = truncationDiscount();
        for (int e = 0; e < numEnvs; e++) {
            ended[e] = terminated[e] || truncated[e];
            episodeReturns[e] += rewards[e];
            episodeLengths[e]++;
            if (ended[e]) {
                if (envs.finalInfo(e).get(RecordEpisodeStatistics.EPISODE) instanceof Map<?, ?> episode) {
                    episodeReturns[e] = ((Number) episode.get("r")).doubleValue();
                    episodeLengths[e] = ((Number) episode.get("l")).intValue();
                }
                listener.onEpisode(steps, e, episodeReturns[e], episodeLengths[e]);
                episodeReturns[e] = 0;
                episodeLengths[e] = 0;
            }
            if (discount > 0 && truncated[e] && !terminated[e]) {
                rewards[e] += (float) (discount * finalValue(e));
            }
        }
        experience().add(nextObs, nextDone, chosen, logProbs, values, rewards, ended);
        System.arraycopy(envs.observations(), 0, nextObs, 0, nextObs.length);
        System.arraycopy(ended, 0, nextDone, 0, numEnvs);
    }

    private float finalValue(int env) {
        float[] last = new float[observationSize];
        System.arraycopy(envs.finalObservations(), env * observationSize, last, 0, observationSize);
        return criticValue(last); // as the wrappers passed it on already
    }

    /**
     * GAE(λ) advantages and returns of a full rollout, bootstrapped from the critic's value of the observations
     * after it; {@code (1 − done)} cuts at episode ends.
     */
    Gae advantages(Rollout rollout, double gamma, double lambda) {
        float[] nextValue;
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            nextValue = critic.forward(Tensor.of(nextObs, numEnvs, observationSize)).toFloatArray();
        }
        return Gae.compute(rollout.rewards, rollout.values, rollout.dones, nextValue, nextDone, gamma, lambda);
    }

    /**
     * CleanRL's {@code frac = 1 − (update − 1) / num_updates} (SB3's progress remaining) for updates of
     * {@code batchSize} steps, never below 0.
     */
    double remaining(long totalSteps, int batchSize) {
        return Math.max(0, 1.0 - (double) updates / Math.max(1, totalSteps / batchSize));
    }

    /**
     * The most likely action (discrete) or the mean clipped to the env's bounds (continuous, as SB3's
     * {@code predict} does) of an observation of the bare env, which passes through the training envs' observation
     * wrappers (a normaliser's statistics frozen as they stand) first.
     */
    @Override
    public Controller greedyPolicy() {
        if (!continuous) {
            return (Policy) observation -> (int) distribution.mode(actorOutput(observation))[0];
        }
        Box bounds = (Box) envs.env(0).unwrapped().actionSpace();
        float[] low = bounds.low();
        float[] high = bounds.high();
        return observation -> {
            float[] mean = distribution.mode(actorOutput(observation));
            for (int i = 0; i < mean.length; i++) {
                mean[i] = Math.clamp(mean[i], low[i], high[i]);
            }
            return mean;
        };
    }

    /** The actor's output (logits, or a Gaussian's means) for one observation of the bare env. */
    public float[] actorOutput(float[] observation) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return actor.forward(Tensor.of(seen(observation), 1, observationSize)).toFloatArray();
        }
    }

    /** An observation of the bare env as the agent sees it, through the training envs' observation wrappers. */
    private float[] seen(float[] observation) {
        return Wrapper.observationThrough(envs.env(0), observation);
    }

    @Override
    public boolean continuous() {
        return continuous;
    }

    @Override
    public float[] actionProbabilities(float[] observation) {
        if (continuous) {
            throw new IllegalStateException(name + " on continuous actions has no action probabilities");
        }
        return Categorical.probabilities(actorOutput(observation));
    }

    @Override
    public float[] actionMean(float[] observation) {
        if (!continuous) {
            throw new IllegalStateException(name + " on discrete actions has no action mean");
        }
        return actorOutput(observation);
    }

    /** The Gaussian's standard deviations, the same for every state. */
    @Override
    public float[] actionStd(float[] observation) {
        if (!continuous) {
            throw new IllegalStateException(name + " on discrete actions has no standard deviations");
        }
        return ((DiagonalGaussian) distribution).std();
    }

    @Override
    public boolean hasCritic() {
        return critic != null;
    }

    @Override
    public float value(float[] observation) {
        if (critic == null) {
            throw new IllegalStateException(name + " learns no state values");
        }
        return criticValue(seen(observation));
    }

    private float criticValue(float[] seenObservation) {
        try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
            return critic.forward(Tensor.of(seenObservation, 1, observationSize)).item();
        }
    }

    @Override
    public Optional<String> firstNonFiniteParameter() {
        return agent.firstNonFiniteParameter();
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
     * Saves the networks and the optimizer ({@value #NETWORKS}) and everything else ({@value #PLAY}): the seed, the
     * counters, the random streams, the experience gathered so far and the envs mid-episode.
     */
    @Override
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Checkpoint.save(dir.resolve(NETWORKS), agent, optimizer());
        StateWriter out = new StateWriter().writeLong(seed).writeLong(steps).writeLong(updates).writeBoolean(started)
                .writeRng(actionRng);
        saveExtra(out);
        experience().save(out);
        out.writeFloats(nextObs).writeBooleans(nextDone).writeDoubles(episodeReturns).writeInts(episodeLengths);
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
        Checkpoint.load(dir.resolve(NETWORKS), agent, optimizer());
        try {
            steps = in.readLong();
            updates = in.readLong();
            started = in.readBoolean();
            in.readRng(actionRng);
            restoreExtra(in);
            experience().restore(in);
            in.readFloats(nextObs);
            in.readBooleans(nextDone);
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

    @Override
    public void close() {
        agent.close();
        optimizer().close();
    }

    /** To mean 0 and (sample) standard deviation 1, as {@code (a − a.mean()) / (a.std() + 1e-8)}. */
    static void normalize(float[] a) {
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

    /** {@code 1 − Var(actual − predicted) / Var(actual)}: how much of the returns the critic explains. */
    static double explainedVariance(float[] predicted, float[] actual) {
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

    /** The parameters the optimizer steps. */
    List<Tensor> parameters() {
        return parameters;
    }
}
