package org.jdive.agents.kinds;

import java.util.Arrays;
import java.util.List;
import org.jdive.agents.onpolicy.A2c;
import org.jdive.agents.onpolicy.A2cConfig;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;

/**
 * {@code agent.kind: a2c}: {@link A2c}, Stable-Baselines3's A2C with a categorical or Gaussian policy; each key maps
 * onto {@link A2cConfig}, whose defaults (SB3's, with rl-baselines3-zoo's 8 envs) are the keys' defaults.
 */
public final class A2cKind implements TrainerKind {

    private static final A2cConfig D = new A2cConfig();

    static final Key NUM_ENVS = Key.optional("agent.num_envs", new ValueType.Int(1, 1024), (long) D.numEnvs(),
            "Envs stepped together (n_envs).");
    static final Key NUM_STEPS = Key.optional("agent.num_steps", new ValueType.Int(1, 1_000_000), (long) D.numSteps(),
            "Steps of each env per update (n_steps).");
    static final Key LEARNING_RATE = Key.optional("agent.learning_rate", new ValueType.Real(0, true, 1, false),
            RlKeys.exact(D.learningRate()), "RMSprop's learning rate (at the start when annealed).");
    static final Key ANNEAL_LR = Key.optional("agent.anneal_lr", new ValueType.Bool(), D.annealLr(),
            "Anneal the learning rate linearly to 0 over the budget (rl-baselines3-zoo's lin_7e-4).");
    static final Key GAE_LAMBDA = Key.optional("agent.gae_lambda", ValueType.Real.closed(0, 1), D.gaeLambda(),
            "GAE's λ (1: n-step returns).");
    static final Key NORM_ADV = Key.optional("agent.norm_adv", new ValueType.Bool(), D.normalizeAdvantages(),
            "Normalise each update's advantages (normalize_advantage).");
    static final Key ENT_COEF = Key.optional("agent.ent_coef", new ValueType.Real(0, false, 100, false),
            RlKeys.exact(D.entCoef()), "The entropy bonus's weight.");
    static final Key VF_COEF = Key.optional("agent.vf_coef", new ValueType.Real(0, false, 100, false),
            RlKeys.exact(D.vfCoef()), "The value loss's weight.");
    static final Key MAX_GRAD_NORM = Key.optional("agent.max_grad_norm", new ValueType.Real(0, false, 1e6, false),
            RlKeys.exact(D.maxGradNorm()), "The gradients' global norm limit (0: none).");
    static final Key RMS_ALPHA = Key.optional("agent.rms_prop_alpha", ValueType.Real.closed(0, 1),
            RlKeys.exact(D.rmsPropAlpha()), "RMSprop's smoothing constant.");
    static final Key RMS_EPS = Key.optional("agent.rms_prop_eps", new ValueType.Real(0, false, 1, false),
            RlKeys.exact(D.rmsPropEps()), "RMSprop's ε.");
    static final Key HIDDEN = Key.optional("agent.hidden", new ValueType.Ints(1, 65_536),
            Arrays.stream(D.hidden()).asLongStream().boxed().toList(),
            "Widths of the actor's and the critic's tanh hidden layers.");
    static final Key STEPS = Key.optional("budget.steps", new ValueType.Int(1, 1_000_000_000L), D.totalSteps(),
            "Environment steps (over all envs).");

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public A2cKind() {
    }

    @Override
    public String name() {
        return "a2c";
    }

    @Override
    public String section() {
        return "agent";
    }

    @Override
    public String description() {
        return "synchronous advantage actor-critic with a categorical or Gaussian policy, as Stable-Baselines3's A2C "
                + "(Mnih et al. 2016)";
    }

    @Override
    public String unit() {
        return "steps";
    }

    @Override
    public List<Key> keys() {
        return RlKeys.with(List.of(NUM_ENVS, NUM_STEPS, LEARNING_RATE, ANNEAL_LR, GAE_LAMBDA, NORM_ADV, ENT_COEF, VF_COEF,
                MAX_GRAD_NORM, RMS_ALPHA, RMS_EPS, HIDDEN,
                PolicyGradientLearner.NORMALIZE_OBSERVATION, PolicyGradientLearner.NORMALIZE_REWARD, STEPS));
    }

    @Override
    public List<Check> checks() {
        return RlKeys.checksWith(RlKeys.settings(s -> config(s).validate()), PolicyGradientLearner.actionSpace("a2c"));
    }


    static A2cConfig config(Scenario s) {
        return new A2cConfig().numEnvs(s.intValue(NUM_ENVS.path())).numSteps(s.intValue(NUM_STEPS.path()))
                .learningRate((float) s.number(LEARNING_RATE.path())).annealLr(s.bool(ANNEAL_LR.path()))
                .totalSteps(s.integer(STEPS.path())).gamma(s.number(RlKeys.GAMMA.path()))
                .gaeLambda(s.number(GAE_LAMBDA.path())).normalizeAdvantages(s.bool(NORM_ADV.path()))
                .entCoef((float) s.number(ENT_COEF.path())).vfCoef((float) s.number(VF_COEF.path()))
                .maxGradNorm((float) s.number(MAX_GRAD_NORM.path()))
                .rmsPropAlpha((float) s.number(RMS_ALPHA.path())).rmsPropEps((float) s.number(RMS_EPS.path()))
                .hidden(s.integers(HIDDEN.path()).stream().mapToInt(Long::intValue).toArray());
    }

    @Override
    public Trainer create(Scenario scenario) {
        A2cConfig config = config(scenario);
        return new PolicyGradientLearner(scenario, config.numEnvs(), envs -> new A2c(envs, config, scenario.seed()),
                config.totalSteps());
    }
}
