package org.jdive.agents.kinds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdive.agents.Actor;
import org.jdive.agents.Policy;
import org.jdive.agents.tabular.Mdp;
import org.jdive.agents.tabular.TabularSnapshot;
import org.jdive.agents.tabular.ValueIteration;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;

/** {@code agent.kind: value-iteration}: planning on the env's model (D2L 17.2), one budget unit per sweep. */
public final class ValueIterationKind extends PlannerKind {

    static final Key TOLERANCE = Key.optional("agent.tolerance", new ValueType.Real(0, false, Double.POSITIVE_INFINITY, false),
            1e-8, "Stop when a sweep changes no value by this much or more.");
    static final Key SWEEPS = Key.optional("budget.sweeps", new ValueType.Int(1, 10_000_000), 1000L,
            "The most sweeps to run (it stops earlier once the values converge).");

    /** The kind {@code value-iteration}, found by {@link java.util.ServiceLoader}. */
    public ValueIterationKind() {
        super("value-iteration", "value iteration on the env's transition model (toy-text envs), D2L 17.2",
                "sweeps", List.of(TOLERANCE, SWEEPS));
    }

    @Override
    public Trainer create(Scenario scenario) {
        return new Planner(scenario);
    }

    private static final class Planner implements Trainer, Actor {

        private final Scenario scenario;
        private final ValueIteration vi;
        private final double tolerance;
        private final long budget;
        private double[] values;
        private double[][] q;
        private long sweeps;
        private double change = Double.POSITIVE_INFINITY;

        Planner(Scenario scenario) {
            this.scenario = scenario;
            Mdp mdp = mdp(scenario);
            this.vi = new ValueIteration(mdp, scenario.number(RlKeys.GAMMA.path()));
            this.tolerance = scenario.number(TOLERANCE.path());
            this.budget = scenario.integer(SWEEPS.path());
            this.values = new double[mdp.numStates()];
            this.q = new double[mdp.numStates()][mdp.numActions()];
        }

        @Override
        public long done() {
            return sweeps;
        }

        @Override
        public long budget() {
            return budget;
        }

        @Override
        public boolean finished() {
            return sweeps >= budget || change < tolerance;
        }

        @Override
        public Map<String, Double> train(long units) {
            for (long i = 0; i < units && !finished(); i++) {
                change = vi.sweep(values, q);
                sweeps++;
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("max_change", change);
            metrics.put("mean_value", java.util.Arrays.stream(values).average().orElse(0));
            return metrics;
        }

        @Override
        public Map<String, Double> evaluate() {
            return Evaluations.run(scenario, policy());
        }

        @Override
        public Policy policy() {
            return Policy.tabular(org.jdive.agents.tabular.Tables.greedyPolicy(q));
        }

        @Override
        public Optional<TabularSnapshot> tables() {
            return Optional.of(new TabularSnapshot(Math.toIntExact(sweeps), Tables.unflatten(Tables.flatten(q), q.length),
                    values.clone(), org.jdive.agents.tabular.Tables.greedyPolicy(q)));
        }

        @Override
        public TrainerState save() {
            return new TrainerState().put("values", values).put("q", Tables.flatten(q)).put("sweeps", sweeps)
                    .put("change", new double[] {change});
        }

        @Override
        public void restore(TrainerState state) {
            values = state.doubles("values");
            q = Tables.unflatten(state.doubles("q"), q.length);
            sweeps = state.scalar("sweeps");
            change = state.doubles("change")[0];
        }
    }
}
