package org.jdive.agents.kinds;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdive.agents.Actor;
import org.jdive.agents.Policy;
import org.jdive.agents.tabular.Mdp;
import org.jdive.agents.tabular.PolicyIteration;
import org.jdive.agents.tabular.TabularSnapshot;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;

/**
 * {@code agent.kind: policy-iteration}: planning on the env's model (Sutton and Barto 4.3; D2L 17.2's companion),
 * one budget unit per iteration: evaluate the policy, then make it greedy in its values. It stops once the policy
 * no longer changes, usually after a handful of iterations where value iteration needs hundreds of sweeps.
 */
public final class PolicyIterationKind extends PlannerKind {

    static final Key TOLERANCE = Key.optional("agent.tolerance", new ValueType.Real(0, false, Double.POSITIVE_INFINITY, false),
            1e-8, "A policy evaluation stops when a sweep changes no value by this much or more; an action is "
                    + "replaced only by one better by more than this (so ties cannot make it cycle).");
    static final Key EVALUATION_SWEEPS = Key.optional("agent.evaluation_sweeps", new ValueType.Int(1, 10_000_000), 10_000L,
            "The most sweeps of one policy evaluation (a bound needed when gamma is 1).");
    static final Key ITERATIONS = Key.optional("budget.iterations", new ValueType.Int(1, 1_000_000), 100L,
            "The most iterations (evaluation, then improvement) to run; it stops earlier once the policy is stable.");

    /** The kind {@code policy-iteration}, found by {@link java.util.ServiceLoader}. */
    public PolicyIterationKind() {
        super("policy-iteration", "policy iteration on the env's transition model (toy-text envs), Sutton and Barto 4.3",
                "iterations", List.of(TOLERANCE, EVALUATION_SWEEPS, ITERATIONS));
    }

    @Override
    public Trainer create(Scenario scenario) {
        return new Planner(scenario);
    }

    private static final class Planner implements Trainer, Actor {

        /** {@link #changed} before the first iteration. */
        private static final long NOT_YET = -1;

        private final Scenario scenario;
        private final PolicyIteration pi;
        private final long budget;
        private int[] policy;
        private double[] values;
        private double[][] q;
        private long iterations;
        private long changed = NOT_YET;

        Planner(Scenario scenario) {
            this.scenario = scenario;
            Mdp mdp = mdp(scenario);
            this.pi = new PolicyIteration(mdp, scenario.number(RlKeys.GAMMA.path()), scenario.number(TOLERANCE.path()),
                    scenario.intValue(EVALUATION_SWEEPS.path()));
            this.budget = scenario.integer(ITERATIONS.path());
            this.policy = new int[mdp.numStates()];
            this.values = new double[mdp.numStates()];
            this.q = new double[mdp.numStates()][mdp.numActions()];
        }

        @Override
        public long done() {
            return iterations;
        }

        @Override
        public long budget() {
            return budget;
        }

        /** The budget is spent, or the last iteration changed no action: the policy is optimal. */
        @Override
        public boolean finished() {
            return iterations >= budget || changed == 0;
        }

        @Override
        public Map<String, Double> train(long units) {
            for (long i = 0; i < units && !finished(); i++) {
                changed = pi.iterate(policy, values, q);
                iterations++;
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("changed_actions", (double) changed);
            metrics.put("mean_value", Arrays.stream(values).average().orElse(0));
            return metrics;
        }

        @Override
        public Map<String, Double> evaluate() {
            return Evaluations.run(scenario, policy());
        }

        @Override
        public Policy policy() {
            return Policy.tabular(policy.clone());
        }

        /** The values of the policy evaluated last, and the policy improved from them. */
        @Override
        public Optional<TabularSnapshot> tables() {
            return Optional.of(new TabularSnapshot(Math.toIntExact(iterations), Tables.unflatten(Tables.flatten(q), q.length),
                    values.clone(), policy.clone()));
        }

        @Override
        public TrainerState save() {
            return new TrainerState().put("policy", Arrays.stream(policy).asLongStream().toArray()).put("values", values)
                    .put("q", Tables.flatten(q)).put("iterations", iterations).put("changed", changed);
        }

        @Override
        public void restore(TrainerState state) {
            policy = Arrays.stream(state.longs("policy")).mapToInt(Math::toIntExact).toArray();
            values = state.doubles("values");
            q = Tables.unflatten(state.doubles("q"), q.length);
            iterations = state.scalar("iterations");
            changed = state.scalar("changed");
        }
    }
}
