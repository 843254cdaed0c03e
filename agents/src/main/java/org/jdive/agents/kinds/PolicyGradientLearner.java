package org.jdive.agents.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jdive.agents.ActionScores;
import org.jdive.agents.Actor;
import org.jdive.agents.Controller;
import org.jdive.agents.GaussianActions;
import org.jdive.agents.PolicyGradient;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.envs.Env;
import org.jdive.envs.spaces.Box;
import org.jdive.envs.spaces.Discrete;
import org.jdive.envs.vector.AutoresetMode;
import org.jdive.envs.vector.VectorEnv;
import org.jdive.envs.wrappers.ClipAction;
import org.jdive.envs.wrappers.ClipObservation;
import org.jdive.envs.wrappers.ClipReward;
import org.jdive.envs.wrappers.NormalizeObservation;
import org.jdive.envs.wrappers.NormalizeReward;
import org.jdive.envs.wrappers.RecordEpisodeStatistics;

/**
 * The run of any {@link PolicyGradient} kind (REINFORCE, A2C, PPO, SAC, TD3): its vector envs, wrapped as
 * {@link #wrapped} says, a chunk's metrics (the mean return and length of the episodes that ended in it, then the last
 * update's numbers, NaN where the chunk had no update), evaluations of the greedy (deterministic) policy,
 * checkpoints, and what the window shows (discrete actions' probabilities, or a continuous action and its spread, and
 * the critic's value).
 */
final class PolicyGradientLearner implements Trainer, Actor, PolicyGradient.Listener {

    private final Scenario scenario;
    private final VectorEnv envs;
    private final PolicyGradient agent;
    private final long budget;
    private double returns;
    private double lengths;
    private int episodes;
    private Map<String, Double> last = Map.of();
    private int updatesInChunk;

    /**
     * @param numEnvs how many envs the agent steps together
     * @param agent   builds the agent on the envs
     */
    PolicyGradientLearner(Scenario scenario, int numEnvs, Function<VectorEnv, PolicyGradient> agent, long budget) {
        this.scenario = scenario;
        this.envs = new VectorEnv(() -> wrapped(scenario, RlKeys.makeEnv(scenario)), numEnvs, AutoresetMode.SAME_STEP,
                1);
        this.agent = agent.apply(envs).listener(this);
        this.budget = budget;
    }

    /** Normalise observations with running statistics, then clip them to ±10 (CleanRL's continuous-action set-up). */
    static final Key NORMALIZE_OBSERVATION = Key.optional("agent.normalize_observation", new ValueType.Bool(), false,
            "Normalise observations by a running mean and variance per env, then clip them to ±10 (CleanRL's "
                    + "ppo_continuous_action.py does).");
    /** Scale rewards by the running deviation of the discounted return, then clip them to ±10. */
    static final Key NORMALIZE_REWARD = Key.optional("agent.normalize_reward", new ValueType.Bool(), false,
            "Scale rewards by the running standard deviation of the discounted return per env, then clip them to "
                    + "±10 (CleanRL's ppo_continuous_action.py does).");

    /**
     * Each training env as CleanRL's {@code make_env} wraps it: episode statistics of the raw rewards, actions
     * clipped to a continuous env's box, and with the keys above, observation and reward normalisation.
     */
    static Env wrapped(Scenario scenario, Env env) {
        Env out = new RecordEpisodeStatistics(env);
        if (out.actionSpace() instanceof Box) {
            out = new ClipAction(out);
        }
        if (scenario.bool(NORMALIZE_OBSERVATION.path())) {
            out = new ClipObservation(new NormalizeObservation(out), -10, 10);
        }
        if (scenario.bool(NORMALIZE_REWARD.path())) {
            out = new ClipReward(new NormalizeReward(out, scenario.number(RlKeys.GAMMA.path())), -10, 10);
        }
        return out;
    }

    /** The check that the scenario's env has continuous actions in a bounded box (and no ε-greedy evaluation). */
    static TrainerKind.Check continuousActions(String kind) {
        return RlKeys.onEnv((s, env) -> env.actionSpace() instanceof Box box && bounded(box) ? noEpsilon(s)
                : List.of(s.problem(RlKeys.ENV_ID.path(), kind + " acts continuously and needs actions in a bounded "
                + "Box; " + s.text(RlKeys.ENV_ID.path()) + "'s are " + env.actionSpace())));
    }

    /** ε-greedy evaluation picks random discrete actions: there are none to pick among continuous ones. */
    private static List<Problem> noEpsilon(Scenario s) {
        return s.number(RlKeys.EVAL_EPSILON.path()) > 0
                ? List.of(s.problem(RlKeys.EVAL_EPSILON.path(), "is for discrete actions; "
                + s.text(RlKeys.ENV_ID.path()) + "'s are continuous, so leave it at 0"))
                : List.of();
    }

    private static boolean bounded(Box box) {
        float[] low = box.low();
        float[] high = box.high();
        for (int i = 0; i < low.length; i++) {
            if (!Float.isFinite(low[i]) || !Float.isFinite(high[i])) {
                return false;
            }
        }
        return true;
    }

    /** The check that the scenario's env has discrete or continuous ({@code Box}) actions. */
    static TrainerKind.Check actionSpace(String kind) {
        return RlKeys.onEnv((s, env) -> env.actionSpace() instanceof Discrete ? List.of()
                : env.actionSpace() instanceof Box ? noEpsilon(s) : List.of(s.problem(RlKeys.ENV_ID.path(), kind + " samples a categorical or a Gaussian "
                + "policy and needs discrete or Box actions; " + s.text(RlKeys.ENV_ID.path()) + "'s are "
                + env.actionSpace())));
    }

    @Override
    public void onEpisode(long step, int env, double episodeReturn, int length) {
        returns += episodeReturn;
        lengths += length;
        episodes++;
    }

    @Override
    public void onUpdate(long step, Map<String, Double> stats) {
        last = stats;
        updatesInChunk++;
    }

    @Override
    public long done() {
        return agent.steps();
    }

    @Override
    public long budget() {
        return budget;
    }

    @Override
    public Map<String, Double> train(long units) {
        returns = lengths = 0;
        episodes = updatesInChunk = 0;
        agent.train(units);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("return", episodes == 0 ? Double.NaN : returns / episodes);
        metrics.put("length", episodes == 0 ? Double.NaN : lengths / episodes);
        for (String name : agent.statNames()) {
            metrics.put(name, updatesInChunk > 0 ? last.get(name) : Double.NaN);
        }
        return metrics;
    }

    /** The last update's losses (NaN only when one diverged), then the networks' parameters. */
    @Override
    public Optional<String> nonFinite() {
        if (updatesInChunk > 0) {
            for (Map.Entry<String, Double> stat : last.entrySet()) {
                if (stat.getKey().endsWith("_loss") && !Double.isFinite(stat.getValue())) {
                    return Optional.of("the " + stat.getKey());
                }
            }
        }
        return agent.firstNonFiniteParameter().map(p -> "the parameter " + p);
    }

    @Override
    public Map<String, Double> evaluate() {
        return Evaluations.run(scenario, agent.greedyPolicy());
    }

    @Override
    public Controller policy() {
        return agent.greedyPolicy();
    }

    @Override
    public Optional<ActionScores> actionScores() {
        return agent.continuous() ? Optional.empty()
                : Optional.of(new ActionScores("policy", agent::actionProbabilities));
    }

    @Override
    public Optional<GaussianActions> gaussianActions() {
        return agent.continuous() ? Optional.of(new GaussianActions(agent::actionMean, agent::actionStd))
                : Optional.empty();
    }

    @Override
    public Optional<ToDoubleFunction<float[]>> stateValue() {
        return agent.hasCritic() ? Optional.of(agent::value) : Optional.empty();
    }

    @Override
    public TrainerState save() {
        try {
            return new TrainerState().putFiles(agent::save);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint " + scenario.text("agent.kind") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void restore(TrainerState state) {
        try {
            state.readFiles(agent::load);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + scenario.text("agent.kind") + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        agent.close();
        envs.close();
    }
}
