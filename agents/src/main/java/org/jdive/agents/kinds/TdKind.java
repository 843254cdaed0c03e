package org.jdive.agents.kinds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;
import org.jdive.agents.Actor;
import org.jdive.agents.explore.EpsilonSchedule;
import org.jdive.agents.tabular.TabularSnapshot;
import org.jdive.agents.tabular.TdControl;
import org.jdive.agents.tabular.TdRule;
import org.jdive.envs.Env;
import org.jdive.envs.spaces.Discrete;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;

/**
 * Tabular TD control ({@code q-learning}, {@code sarsa}, {@code expected-sarsa}; D2L 17.3, Sutton and Barto 6)
 * on an env with discrete observations, one budget unit per episode.
 */
public abstract sealed class TdKind implements TrainerKind {

    static final Key ALPHA = Key.optional("agent.alpha", new ValueType.Real(0, true, 1, false), 0.1,
            "The step size of the TD update.");
    static final Key INITIAL_Q = Key.optional("agent.initial_q", new ValueType.Real(-1e9, false, 1e9, false), 0.0,
            "The initial value of every Q-table entry (optimistic values encourage exploration).");
    static final Key SCHEDULE = Key.optional("agent.epsilon.schedule", ValueType.Choice.of("constant", "linear", "exponential"),
            "linear", "How ε changes over episodes: constant (`start`), linear (`start` → `end` over `duration`), "
                    + "exponential (`max(end, start · decay^episode)`).");
    static final Key EPS_START = Key.optional("agent.epsilon.start", ValueType.Real.closed(0, 1), 1.0,
            "ε at the first episode.");
    static final Key EPS_END = Key.optional("agent.epsilon.end", ValueType.Real.closed(0, 1), 0.05,
            "The final ε (linear and exponential schedules).");
    static final Key EPS_DURATION = Key.optional("agent.epsilon.duration", new ValueType.Int(1, Integer.MAX_VALUE), 1000L,
            "Episodes over which a linear schedule goes from `start` to `end`.");
    static final Key EPS_DECAY = Key.optional("agent.epsilon.decay", new ValueType.Real(0, true, 1, false), 0.999,
            "The factor per episode of an exponential schedule.");
    static final Key EPISODES = Key.optional("budget.episodes", new ValueType.Int(1, Integer.MAX_VALUE), 10_000L,
            "Training episodes.");

    private final TdRule rule;

    TdKind(TdRule rule) {
        this.rule = rule;
    }

    /** {@code agent.kind: q-learning}. */
    public static final class QLearning extends TdKind {
        /** The kind {@code q-learning}, found by {@link java.util.ServiceLoader}. */
        public QLearning() {
            super(TdRule.Q_LEARNING);
        }

        @Override
        public String name() {
            return "q-learning";
        }

        @Override
        public String description() {
            return "tabular Q-learning with an ε-greedy schedule (Watkins; D2L 17.3)";
        }
    }

    /** {@code agent.kind: sarsa}. */
    public static final class Sarsa extends TdKind {
        /** The kind {@code sarsa}, found by {@link java.util.ServiceLoader}. */
        public Sarsa() {
            super(TdRule.SARSA);
        }

        @Override
        public String name() {
            return "sarsa";
        }

        @Override
        public String description() {
            return "tabular SARSA, on-policy TD control (Sutton and Barto 6.4)";
        }
    }

    /** {@code agent.kind: expected-sarsa}. */
    public static final class ExpectedSarsa extends TdKind {
        /** The kind {@code expected-sarsa}, found by {@link java.util.ServiceLoader}. */
        public ExpectedSarsa() {
            super(TdRule.EXPECTED_SARSA);
        }

        @Override
        public String name() {
            return "expected-sarsa";
        }

        @Override
        public String description() {
            return "tabular expected SARSA (Sutton and Barto 6.6)";
        }
    }

    @Override
    public String section() {
        return "agent";
    }

    @Override
    public String unit() {
        return "episodes";
    }

    @Override
    public List<Key> keys() {
        return RlKeys.with(List.of(ALPHA, INITIAL_Q, SCHEDULE, EPS_START, EPS_END, EPS_DURATION, EPS_DECAY, EPISODES));
    }

    @Override
    public List<Check> checks() {
        return RlKeys.checksWith(RlKeys.onEnv(this::discreteObservations));
    }

    private List<Problem> discreteObservations(Scenario scenario, Env env) {
        if (env.observationSpace() instanceof Discrete) {
            return List.of();
        }
        return List.of(scenario.problem(RlKeys.ENV_ID.path(), name() + " needs discrete observations (a toy-text env such "
                + "as FrozenLake-v1, CliffWalking-v1, Taxi-v3); " + scenario.text(RlKeys.ENV_ID.path())
                + " observes " + env.observationSpace()));
    }

    @Override
    public Untrained untrained() {
        return Untrained.LEARN_WHILE_PLAYING;
    }

    @Override
    public Trainer create(Scenario scenario) {
        return new Learner(scenario, rule);
    }

    static EpsilonSchedule schedule(Scenario s) {
        double start = s.number(EPS_START.path());
        return switch (s.text(SCHEDULE.path())) {
            case "constant" -> EpsilonSchedule.constant(start);
            case "linear" -> EpsilonSchedule.linear(start, s.number(EPS_END.path()), s.integer(EPS_DURATION.path()));
            case "exponential" -> EpsilonSchedule.exponential(start, s.number(EPS_END.path()), s.number(EPS_DECAY.path()));
            default -> throw new IllegalStateException("unchecked schedule " + s.text(SCHEDULE.path()));
        };
    }

    private static final class Learner implements Trainer, Actor {

        /** Salt of the exploration stream's seed, so that it differs from the env's. */
        private static final long EXPLORE_SALT = 0x6578706CL;

        private final Scenario scenario;
        private final EpisodeSeeding env;
        private final RestorableUniformRandomProvider rng;
        private final TdControl td;
        private final long budget;

        Learner(Scenario scenario, TdRule rule) {
            this.scenario = scenario;
            this.env = new EpisodeSeeding(RlKeys.makeEnv(scenario), scenario.seed());
            this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {scenario.seed(), EXPLORE_SALT});
            var settings = new TdControl.Settings(rule, scenario.number(ALPHA.path()), scenario.number(RlKeys.GAMMA.path()),
                    schedule(scenario));
            this.td = new TdControl(env, settings, rng).initializeQ(scenario.number(INITIAL_Q.path()));
            this.budget = scenario.integer(EPISODES.path());
        }

        @Override
        public long done() {
            return td.episodes();
        }

        @Override
        public long budget() {
            return budget;
        }

        @Override
        public Map<String, Double> train(long units) {
            int count = (int) Math.min(units, budget - done());
            double[] sums = new double[3];
            td.train(count, scenario.seed(), (episodeReturn, length, epsilon, tables) -> {
                sums[0] += episodeReturn;
                sums[1] += length;
                sums[2] = epsilon;
            });
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("return", count == 0 ? Double.NaN : sums[0] / count);
            metrics.put("length", count == 0 ? Double.NaN : sums[1] / count);
            metrics.put("epsilon", sums[2]);
            return metrics;
        }

        @Override
        public Map<String, Double> evaluate() {
            return Evaluations.run(scenario, td.greedyPolicy());
        }

        @Override
        public org.jdive.agents.Policy policy() {
            return td.greedyPolicy();
        }

        @Override
        public Optional<TabularSnapshot> tables() {
            return Optional.of(td.snapshot());
        }

        @Override
        public void close() {
            env.close();
        }

        @Override
        public TrainerState save() {
            var q = td.snapshot().q();
            return new TrainerState().put("q", Tables.flatten(q)).put("episodes", td.episodes())
                    .put("env_episodes", env.episodes())
                    .put("rng", ((RandomProviderDefaultState) rng.saveState()).getState());
        }

        @Override
        public void restore(TrainerState state) {
            int states = td.snapshot().q().length;
            td.restore(Tables.unflatten(state.doubles("q"), states), Math.toIntExact(state.scalar("episodes")));
            env.restore(state.scalar("env_episodes"));
            rng.restoreState(new RandomProviderDefaultState(state.bytes("rng")));
        }
    }
}
