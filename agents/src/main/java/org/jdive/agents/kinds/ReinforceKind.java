package org.jdive.agents.kinds;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jdive.agents.onpolicy.Reinforce;
import org.jdive.agents.onpolicy.ReinforceConfig;
import org.jdive.agents.onpolicy.ReinforceConfig.Baseline;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;

/**
 * {@code agent.kind: reinforce}: {@link Reinforce}, Monte Carlo policy gradient over whole episodes; each key maps
 * onto {@link ReinforceConfig}, whose defaults (SLM-Lab's {@code reinforce_cartpole}) are the keys' defaults.
 */
public final class ReinforceKind implements TrainerKind {

    private static final ReinforceConfig D = new ReinforceConfig();

    static final Key NUM_ENVS = Key.optional("agent.num_envs", new ValueType.Int(1, 1024), (long) D.numEnvs(),
            "Envs stepped together.");
    static final Key BATCH_STEPS = Key.optional("agent.batch_steps", new ValueType.Int(1, 100_000_000),
            (long) D.batchSteps(), "Steps of finished episodes per update (SLM-Lab's training_frequency).");
    static final Key BASELINE = Key.optional("agent.baseline",
            ValueType.Choice.of(Arrays.stream(Baseline.values()).map(Baseline::key).toArray(String[]::new)),
            D.baseline().key(), "What the returns are compared with: none, the batch's mean return (SLM-Lab's "
                    + "center_return) or a learnt state value (Sutton and Barto 13.4).");
    static final Key LEARNING_RATE = Key.optional("agent.learning_rate", new ValueType.Real(0, true, 1, false),
            RlKeys.exact(D.learningRate()), "Adam's learning rate.");
    static final Key ENT_COEF = Key.optional("agent.ent_coef", new ValueType.Real(0, false, 100, false),
            RlKeys.exact(D.entCoef()), "The entropy bonus's weight at the start.");
    static final Key ENT_COEF_FINAL = Key.optional("agent.ent_coef_final", new ValueType.Real(0, false, 100, false),
            RlKeys.exact(D.entCoefFinal()), "The entropy bonus's weight once decayed.");
    static final Key ENT_DECAY_STEPS = Key.optional("agent.ent_decay_steps", new ValueType.Int(0, 1_000_000_000L),
            D.entDecaySteps(), "Steps over which the entropy weight moves linearly to ent_coef_final.");
    static final Key VF_COEF = Key.optional("agent.vf_coef", new ValueType.Real(0, false, 100, false),
            RlKeys.exact(D.vfCoef()), "The value loss's weight (with baseline: value).");
    static final Key MAX_GRAD_NORM = Key.optional("agent.max_grad_norm", new ValueType.Real(0, false, 1e6, false),
            RlKeys.exact(D.maxGradNorm()), "The gradients' global norm limit (0: none).");
    static final Key HIDDEN = Key.optional("agent.hidden", new ValueType.Ints(1, 65_536),
            Arrays.stream(D.hidden()).asLongStream().boxed().toList(),
            "Widths of the policy's (and the value's) tanh hidden layers.");
    static final Key STEPS = Key.optional("budget.steps", new ValueType.Int(1, 1_000_000_000L), 200_000L,
            "Environment steps (over all envs).");

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public ReinforceKind() {
    }

    @Override
    public String name() {
        return "reinforce";
    }

    @Override
    public String section() {
        return "agent";
    }

    @Override
    public String description() {
        return "Monte Carlo policy gradient over whole episodes with a categorical or Gaussian policy (Williams 1992), "
                + "as SLM-Lab's Reinforce";
    }

    @Override
    public String unit() {
        return "steps";
    }

    @Override
    public List<Key> keys() {
        return RlKeys.with(List.of(NUM_ENVS, BATCH_STEPS, BASELINE, LEARNING_RATE, ENT_COEF, ENT_COEF_FINAL,
                ENT_DECAY_STEPS, VF_COEF, MAX_GRAD_NORM, HIDDEN,
                PolicyGradientLearner.NORMALIZE_OBSERVATION, PolicyGradientLearner.NORMALIZE_REWARD, STEPS));
    }

    @Override
    public List<Check> checks() {
        return RlKeys.checksWith(RlKeys.settings(s -> config(s).validate()), PolicyGradientLearner.actionSpace("reinforce"));
    }


    static ReinforceConfig config(Scenario s) {
        return new ReinforceConfig().numEnvs(s.intValue(NUM_ENVS.path())).batchSteps(s.intValue(BATCH_STEPS.path()))
                .gamma(s.number(RlKeys.GAMMA.path()))
                .baseline(Baseline.valueOf(s.text(BASELINE.path()).toUpperCase(Locale.ROOT)))
                .learningRate((float) s.number(LEARNING_RATE.path())).entCoef((float) s.number(ENT_COEF.path()))
                .entCoefFinal((float) s.number(ENT_COEF_FINAL.path())).entDecaySteps(s.integer(ENT_DECAY_STEPS.path()))
                .vfCoef((float) s.number(VF_COEF.path())).maxGradNorm((float) s.number(MAX_GRAD_NORM.path()))
                .hidden(s.integers(HIDDEN.path()).stream().mapToInt(Long::intValue).toArray());
    }

    @Override
    public Trainer create(Scenario scenario) {
        ReinforceConfig config = config(scenario);
        return new PolicyGradientLearner(scenario, config.numEnvs(),
                envs -> new Reinforce(envs, config, scenario.seed()), scenario.integer(STEPS.path()));
    }
}
