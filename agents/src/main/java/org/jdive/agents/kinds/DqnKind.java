package org.jdive.agents.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdive.agents.ActionScores;
import org.jdive.agents.Actor;
import org.jdive.agents.dqn.Dqn;
import org.jdive.agents.dqn.DqnConfig;
import org.jdive.agents.dqn.DqnListener;
import org.jdive.agents.dqn.DqnPopulation;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;

/**
 * {@code agent.kind: dqn}: deep Q-learning (Mnih et al. 2015) and its options (double, dueling, n-step) on the
 * tensor core, one budget unit per environment step. Keys follow Stable-Baselines3's names. With
 * {@code population: N} it trains N seeds in lockstep ({@link DqnPopulationLearner}).
 */
public final class DqnKind implements TrainerKind {

    private static final long BIG = 1_000_000_000L;
    /** Where every key's default comes from: the algorithm's own settings, said once in {@link DqnConfig}. */
    private static final DqnConfig D = new DqnConfig();
    static final Key NUM_ENVS = Key.optional("agent.num_envs", new ValueType.Int(1, 256), (long) D.numEnvs(), "Envs stepped together.");
    static final Key LEARNING_RATE = Key.optional("agent.learning_rate", new ValueType.Real(0, true, 1, false),
            exact(D.learningRate()), "The optimizer's learning rate.");
    static final Key BUFFER_SIZE = Key.optional("agent.buffer_size", new ValueType.Int(1, BIG), (long) D.bufferSize(), "Replay buffer capacity (transitions).");
    static final Key BATCH_SIZE = Key.optional("agent.batch_size", new ValueType.Int(1, 65_536), (long) D.batchSize(), "Transitions per gradient step.");
    static final Key LEARNING_STARTS = Key.optional("agent.learning_starts", new ValueType.Int(0, BIG), D.learningStarts(),
            "Steps of play before the first gradient step.");
    static final Key TRAIN_FREQUENCY = Key.optional("agent.train_frequency", new ValueType.Int(1, BIG), (long) D.trainFrequency(),
            "Steps between rounds of gradient steps.");
    static final Key GRADIENT_STEPS = Key.optional("agent.gradient_steps", new ValueType.Int(1, 100_000), (long) D.gradientSteps(),
            "Gradient steps per round.");
    static final Key TARGET_UPDATE = Key.optional("agent.target_update_interval", new ValueType.Int(1, BIG), D.targetUpdateInterval(),
            "Steps between target-network updates.");
    static final Key TAU = Key.optional("agent.tau", new ValueType.Real(0, true, 1, false), D.tau(),
            "Polyak factor of a target update (1: a hard copy).");
    static final Key EXPLORATION_START = Key.optional("agent.exploration.start", ValueType.Real.closed(0, 1), D.explorationStart(), "Initial ε.");
    static final Key EXPLORATION_END = Key.optional("agent.exploration.end", ValueType.Real.closed(0, 1), D.explorationEnd(), "Final ε.");
    static final Key EXPLORATION_STEPS = Key.optional("agent.exploration.steps", new ValueType.Int(1, BIG), D.explorationSteps(),
            "Steps over which ε falls linearly from `start` to `end`.");
    static final Key LOSS = Key.optional("agent.loss", ValueType.Choice.of("mse", "huber"),
            D.loss().name().toLowerCase(java.util.Locale.ROOT), "The TD loss.");
    static final Key MAX_GRAD_NORM = Key.optional("agent.max_grad_norm", new ValueType.Real(0, false, Double.POSITIVE_INFINITY, false),
            exact(D.maxGradNorm()), "Clip the gradient's global norm to this (0: no clipping).");
    static final Key DOUBLE = Key.optional("agent.double", new ValueType.Bool(), D.doubleDqn(), "Double DQN targets (van Hasselt et al. 2016).");
    static final Key DUELING = Key.optional("agent.dueling", new ValueType.Bool(), D.dueling(), "Dueling heads (Wang et al. 2016).");
    static final Key N_STEPS = Key.optional("agent.n_steps", new ValueType.Int(1, 100), (long) D.nSteps(), "n-step returns.");
    static final Key TORSO = Key.optional("agent.torso", ValueType.Choice.of("mlp", "minatar"), D.usesMinAtarTorso() ? "minatar" : "mlp",
            "The network before the Q head: an MLP of `hidden` widths, or MinAtar's convolution for 10×10×C grids.");
    static final Key HIDDEN = Key.optional("agent.hidden", new ValueType.Ints(1, 65_536),
            java.util.Arrays.stream(D.hidden()).asLongStream().boxed().toList(),
            "Widths of the MLP's hidden layers.");
    static final Key OPTIMIZER = Key.optional("agent.optimizer", ValueType.Choice.of("adam", "rmsprop_centered"),
            D.optimizer() == DqnConfig.OptimizerKind.ADAM ? "adam" : "rmsprop_centered",
            "Adam, or centred RMSProp as in DQN and MinAtar's baselines.");
    static final Key ADAM_EPS = Key.optional("agent.adam_eps", new ValueType.Real(0, true, 1, false), exact(D.adamEps()), "Adam's ε.");
    static final Key RMSPROP_ALPHA = Key.optional("agent.rmsprop_alpha", new ValueType.Real(0, true, 1, true), exact(D.rmsAlpha()),
            "Centred RMSProp's smoothing constant.");
    static final Key RMSPROP_EPS = Key.optional("agent.rmsprop_eps", new ValueType.Real(0, true, 1, false), exact(D.rmsEps()),
            "Centred RMSProp's ε.");
    static final Key PRIORITIZED = Key.optional("agent.prioritized", new ValueType.Bool(), D.prioritized(),
            "Proportional prioritized replay (Schaul et al. 2016).");
    static final Key PRIORITY_ALPHA = Key.optional("agent.priority.alpha", ValueType.Real.closed(0, 1), D.priorityAlpha(),
            "How much priorities count (0: uniform).");
    static final Key PRIORITY_BETA_START = Key.optional("agent.priority.beta_start", ValueType.Real.closed(0, 1), D.priorityBetaStart(),
            "The importance-sampling exponent at the start, annealed to 1.");
    static final Key PRIORITY_BETA_STEPS = Key.optional("agent.priority.beta_steps", new ValueType.Int(1, BIG), D.priorityBetaSteps(),
            "Steps over which the exponent reaches 1.");
    static final Key POPULATION = Key.optional("agent.population", new ValueType.Int(1, 1_024), 1L,
            "Members trained in lockstep, seeds `seed`, `seed`+1, …: each its own networks, replay, exploration and envs, "
            + "their networks batched into one set of tensor ops (MLP torso, Adam, no gradient clipping); metrics are the "
            + "members' means, then `return_<i>` per member.");
    static final Key STEPS = Key.optional("budget.steps", new ValueType.Int(1, BIG), 50_000L, "Environment steps (over all envs).");

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public DqnKind() {
    }

    @Override
    public String name() {
        return "dqn";
    }

    @Override
    public String section() {
        return "agent";
    }

    @Override
    public String description() {
        return "deep Q-network with double, dueling and n-step options (Mnih et al. 2015; D2L-style tensor core)";
    }

    @Override
    public String unit() {
        return "steps";
    }

    @Override
    public List<Key> keys() {
        return RlKeys.with(List.of(NUM_ENVS, LEARNING_RATE, BUFFER_SIZE, BATCH_SIZE, LEARNING_STARTS, TRAIN_FREQUENCY,
                GRADIENT_STEPS, TARGET_UPDATE, TAU, EXPLORATION_START, EXPLORATION_END, EXPLORATION_STEPS, LOSS,
                MAX_GRAD_NORM, DOUBLE, DUELING, N_STEPS, TORSO, HIDDEN, OPTIMIZER, ADAM_EPS, RMSPROP_ALPHA, RMSPROP_EPS,
                PRIORITIZED, PRIORITY_ALPHA, PRIORITY_BETA_START, PRIORITY_BETA_STEPS, POPULATION, STEPS));
    }

    @Override
    public List<Check> checks() {
        // DqnConfig checks its settings as they are set
        return RlKeys.checksWith(RlKeys.settings(DqnKind::config), DqnKind::checkPopulation);
    }

    /** A population batches only some settings so far: the others are problems of {@code agent.population}. */
    private static List<Problem> checkPopulation(Scenario s) {
        if (s.intValue(POPULATION.path()) == 1) {
            return List.of();
        }
        DqnConfig config;
        try {
            config = config(s);
        } catch (IllegalArgumentException reportedBySettings) {
            return List.of();
        }
        try {
            DqnPopulation.requireBatchable(config);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(s.problem(POPULATION.path(), e.getMessage()));
        }
    }

    /** A float setting as the decimal a person wrote (2.5e-4, not 2.4999999368e-4). */
    private static double exact(float v) {
        return Double.parseDouble(Float.toString(v));
    }

    static DqnConfig config(Scenario s) {
        DqnConfig c = new DqnConfig().numEnvs(s.intValue(NUM_ENVS.path())).gamma(s.number(RlKeys.GAMMA.path()))
                .learningRate((float) s.number(LEARNING_RATE.path())).bufferSize(s.intValue(BUFFER_SIZE.path()))
                .batchSize(s.intValue(BATCH_SIZE.path())).learningStarts(s.integer(LEARNING_STARTS.path()))
                .trainFrequency(s.intValue(TRAIN_FREQUENCY.path())).gradientSteps(s.intValue(GRADIENT_STEPS.path()))
                .targetUpdateInterval(s.integer(TARGET_UPDATE.path())).tau(s.number(TAU.path()))
                .exploration(s.number(EXPLORATION_START.path()), s.number(EXPLORATION_END.path()),
                        s.integer(EXPLORATION_STEPS.path()))
                .loss(s.text(LOSS.path()).equals("huber") ? DqnConfig.Loss.HUBER : DqnConfig.Loss.MSE)
                .maxGradNorm((float) s.number(MAX_GRAD_NORM.path())).doubleDqn(s.bool(DOUBLE.path()))
                .dueling(s.bool(DUELING.path())).nSteps(s.intValue(N_STEPS.path()));
        if (s.text(OPTIMIZER.path()).equals("adam")) {
            c.adam((float) s.number(ADAM_EPS.path()));
        } else {
            c.rmsPropCentered((float) s.number(RMSPROP_ALPHA.path()), (float) s.number(RMSPROP_EPS.path()));
        }
        if (s.bool(PRIORITIZED.path())) {
            c.prioritized(s.number(PRIORITY_ALPHA.path()), s.number(PRIORITY_BETA_START.path()),
                    s.integer(PRIORITY_BETA_STEPS.path()));
        }
        return s.text(TORSO.path()).equals("minatar") ? c.minAtarTorso()
                : c.hidden(s.integers(HIDDEN.path()).stream().mapToInt(Long::intValue).toArray());
    }

    @Override
    public Trainer create(Scenario scenario) {
        return scenario.intValue(POPULATION.path()) == 1 ? new Learner(scenario) : new DqnPopulationLearner(scenario);
    }

    private static final class Learner implements Trainer, Actor, DqnListener {

        private final Scenario scenario;
        private final VectorEnv envs;
        private final Dqn dqn;
        private final long budget;
        private double returns;
        private double lengths;
        private int episodes;
        private double losses;
        private int updates;

        Learner(Scenario scenario) {
            this.scenario = scenario;
            DqnConfig config = config(scenario);
            this.envs = Envs.makeVector(scenario.text(RlKeys.ENV_ID.path()), scenario.options(RlKeys.ENV_OPTIONS.path()),
                    scenario.intValue(NUM_ENVS.path()), AutoresetMode.SAME_STEP, 1);
            this.dqn = new Dqn(envs, config, scenario.seed()).listener(this);
            this.budget = scenario.integer(STEPS.path());
        }

        @Override
        public void onEpisode(long step, int env, double episodeReturn, int length) {
            returns += episodeReturn;
            lengths += length;
            episodes++;
        }

        @Override
        public void onUpdate(long step, float loss, double epsilon) {
            losses += loss;
            updates++;
        }

        @Override
        public long done() {
            return dqn.steps();
        }

        @Override
        public long budget() {
            return budget;
        }

        @Override
        public Map<String, Double> train(long units) {
            returns = lengths = losses = 0;
            episodes = updates = 0;
            dqn.train(units);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("return", episodes == 0 ? Double.NaN : returns / episodes);
            metrics.put("length", episodes == 0 ? Double.NaN : lengths / episodes);
            metrics.put("loss", updates == 0 ? Double.NaN : losses / updates);
            metrics.put("epsilon", dqn.epsilon());
            return metrics;
        }

        /** The last chunk's loss (once there were updates), then the online network's parameters. */
        @Override
        public java.util.Optional<String> nonFinite() {
            if (updates > 0 && !Double.isFinite(losses)) {
                return java.util.Optional.of("the TD loss");
            }
            return dqn.onlineNetwork().firstNonFiniteParameter().map(p -> "the online network's parameter " + p);
        }

        @Override
        public Map<String, Double> evaluate() {
            return Evaluations.run(scenario, dqn.greedyPolicy());
        }

        @Override
        public org.jdive.agents.Policy policy() {
            return dqn.greedyPolicy();
        }

        @Override
        public Optional<ActionScores> actionScores() {
            return Optional.of(new ActionScores("Q", dqn::qValues));
        }

        @Override
        public void close() {
            dqn.close();
            envs.close();
        }

        /** The agent's own checkpoint folder, packed file by file into the state. */
        @Override
        public TrainerState save() {
            return pack(true);
        }

        /** The networks without the replay buffer (a MinAtar buffer is ~160 MB, the networks ~0.3 MB). */
        @Override
        public TrainerState saveModel() {
            return pack(false);
        }

        private TrainerState pack(boolean everything) {
            try {
                return new TrainerState().putFiles(dir -> {
                    if (everything) {
                        dqn.save(dir);
                    } else {
                        dqn.saveNetworks(dir);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot checkpoint the DQN: " + e.getMessage(), e);
            }
        }

        @Override
        public void restore(TrainerState state) {
            try {
                state.readFiles(dir -> {
                    if (Dqn.isFullCheckpoint(dir)) {
                        dqn.load(dir);
                    } else {
                        dqn.loadNetworks(dir);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the DQN: " + e.getMessage(), e);
            }
        }
    }
}
