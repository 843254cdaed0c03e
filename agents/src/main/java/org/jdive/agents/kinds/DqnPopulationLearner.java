package org.jdive.agents.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdive.agents.ActionScores;
import org.jdive.agents.Actor;
import org.jdive.agents.Policy;
import org.jdive.agents.dqn.DqnListener;
import org.jdive.agents.dqn.DqnPopulation;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.envs.Envs;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;

/**
 * {@code agent.kind: dqn} with {@code agent.population: N}: N members with seeds {@code seed}, {@code seed + 1}, …
 * trained in lockstep by one {@link DqnPopulation}, in one run folder. Each chunk's metrics are the means over the
 * members ({@code return}, {@code length}, {@code loss}, {@code epsilon}) followed by each member's return
 * ({@code return_<i>}); each evaluation plays every member on the evaluation episodes of a single run with its
 * seed and reports the means, then each member's {@code mean_return_<i>}. A checkpoint holds one ordinary DQN
 * checkpoint folder per member; the policy played and scored is member 0's.
 */
final class DqnPopulationLearner implements Trainer, Actor {

    private final Scenario scenario;
    private final List<VectorEnv> envs = new ArrayList<>();
    private final DqnPopulation population;
    private final long budget;
    private final Member[] members;

    /** One member's sums over the current chunk. */
    private static final class Member implements DqnListener {
        private double returns;
        private double lengths;
        private int episodes;
        private double losses;
        private int updates;

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

        void clear() {
            returns = lengths = losses = 0;
            episodes = updates = 0;
        }
    }

    DqnPopulationLearner(Scenario scenario) {
        this.scenario = scenario;
        int size = scenario.intValue(DqnKind.POPULATION.path());
        long[] seeds = new long[size];
        for (int i = 0; i < size; i++) {
            seeds[i] = scenario.seed() + i;
            envs.add(Envs.makeVector(scenario.text(RlKeys.ENV_ID.path()), scenario.options(RlKeys.ENV_OPTIONS.path()),
                    scenario.intValue(DqnKind.NUM_ENVS.path()), AutoresetMode.SAME_STEP, 1));
        }
        this.population = new DqnPopulation(envs, DqnKind.config(scenario), seeds);
        this.members = new Member[size];
        for (int i = 0; i < size; i++) {
            members[i] = new Member();
            population.listener(i, members[i]);
        }
        this.budget = scenario.integer(DqnKind.STEPS.path());
    }

    @Override
    public long done() {
        return population.steps();
    }

    @Override
    public long budget() {
        return budget;
    }

    @Override
    public Map<String, Double> train(long units) {
        for (Member m : members) {
            m.clear();
        }
        population.train(units);
        double[] returns = new double[members.length];
        double[] lengths = new double[members.length];
        double[] losses = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            Member m = members[i];
            returns[i] = m.episodes == 0 ? Double.NaN : m.returns / m.episodes;
            lengths[i] = m.episodes == 0 ? Double.NaN : m.lengths / m.episodes;
            losses[i] = m.updates == 0 ? Double.NaN : m.losses / m.updates;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("return", meanOfKnown(returns));
        metrics.put("length", meanOfKnown(lengths));
        metrics.put("loss", meanOfKnown(losses));
        metrics.put("epsilon", population.epsilon());
        for (int i = 0; i < members.length; i++) {
            metrics.put("return_" + i, returns[i]);
        }
        return metrics;
    }

    /** The mean of the members that have a value this chunk (NaN: no episode ended, no update yet). */
    private static double meanOfKnown(double[] values) {
        double sum = 0;
        int count = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    @Override
    public Optional<String> nonFinite() {
        for (int i = 0; i < members.length; i++) {
            if (members[i].updates > 0 && !Double.isFinite(members[i].losses)) {
                return Optional.of("member " + i + "'s TD loss");
            }
        }
        return population.onlineNetworks().firstNonFiniteParameter()
                .map(p -> "the stacked online networks' parameter " + p);
    }

    /** Each member on the evaluation episodes a single run with its seed would play; the means, then each member's. */
    @Override
    public Map<String, Double> evaluate() {
        List<Map<String, Double>> perMember = new ArrayList<>();
        for (int i = 0; i < members.length; i++) {
            perMember.add(Evaluations.run(memberScenario(i), population.greedyPolicy(i)));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String name : perMember.get(0).keySet()) {
            metrics.put(name, perMember.stream().mapToDouble(m -> m.get(name)).average().orElseThrow());
        }
        for (int i = 0; i < members.length; i++) {
            metrics.put("mean_return_" + i, perMember.get(i).get("mean_return"));
        }
        return metrics;
    }

    /** The scenario of a single run with member {@code member}'s seed. */
    private Scenario memberScenario(int member) {
        Map<String, Object> values = new LinkedHashMap<>(scenario.values());
        values.put("seed", scenario.seed() + member);
        values.put(DqnKind.POPULATION.path(), 1L);
        return new Scenario(scenario.name(), scenario.kind(), values, scenario.origins(), scenario.source());
    }

    @Override
    public Policy policy() {
        return population.greedyPolicy(0);
    }

    @Override
    public Optional<ActionScores> actionScores() {
        return Optional.of(new ActionScores("Q", observation -> population.qValues(0, observation)));
    }

    @Override
    public TrainerState save() {
        return pack(true);
    }

    /** The members' networks without their replay buffers. */
    @Override
    public TrainerState saveModel() {
        return pack(false);
    }

    private TrainerState pack(boolean everything) {
        try {
            return new TrainerState().putFiles(dir -> {
                if (everything) {
                    population.save(dir);
                } else {
                    population.saveNetworks(dir);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint the DQN population: " + e.getMessage(), e);
        }
    }

    @Override
    public void restore(TrainerState state) {
        try {
            state.readFiles(dir -> {
                if (DqnPopulation.isFullCheckpoint(dir)) {
                    population.load(dir);
                } else {
                    population.loadNetworks(dir);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the DQN population: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        population.close();
        envs.forEach(VectorEnv::close);
    }
}
