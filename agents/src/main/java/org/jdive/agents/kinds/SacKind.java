package org.jdive.agents.kinds;

import java.util.Arrays;
import java.util.List;
import org.jdive.agents.offpolicy.Sac;
import org.jdive.agents.offpolicy.SacConfig;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;

/**
 * {@code agent.kind: sac}: {@link Sac}, Stable-Baselines3's SAC for continuous actions; each key maps onto
 * {@link SacConfig}, whose defaults (SB3's) are the keys' defaults.
 */
public final class SacKind implements TrainerKind {

    private static final SacConfig D = new SacConfig();

    static final Key NUM_ENVS = Key.optional("agent.num_envs", new ValueType.Int(1, 1024), (long) D.numEnvs(),
            "Envs stepped together (n_envs).");
    static final Key BUFFER_SIZE = Key.optional("agent.buffer_size", new ValueType.Int(4, 100_000_000),
            (long) D.bufferSize(), "Transitions the replay buffer holds.");
    static final Key LEARNING_STARTS = Key.optional("agent.learning_starts", new ValueType.Int(0, 1_000_000_000L),
            D.learningStarts(), "Steps of uniformly random actions before learning.");
    static final Key BATCH_SIZE = Key.optional("agent.batch_size", new ValueType.Int(1, 1_000_000),
            (long) D.batchSize(), "Transitions per gradient step.");
    static final Key TAU = Key.optional("agent.tau", new ValueType.Real(0, true, 1, false), D.tau(),
            "Polyak averaging of the target critics.");
    static final Key TRAIN_FREQ = Key.optional("agent.train_freq", new ValueType.Int(1, 1_000_000),
            (long) D.trainFreq(), "Env steps (of every env) between trainings.");
    static final Key GRADIENT_STEPS = Key.optional("agent.gradient_steps", new ValueType.Int(1, 1_000_000),
            (long) D.gradientSteps(), "Gradient steps per training.");
    static final Key LEARNING_RATE = Key.optional("agent.learning_rate", new ValueType.Real(0, true, 1, false),
            RlKeys.exact(D.learningRate()), "Adam's learning rate for the actor, the critics and the temperature.");
    static final Key ENT_COEF = Key.optional("agent.ent_coef", new ValueType.Real(0, false, 1e6, false), null,
            "A fixed entropy temperature α; absent: learnt (SB3's ent_coef: auto).");
    static final Key ENT_COEF_INIT = Key.optional("agent.ent_coef_init", new ValueType.Real(0, true, 1e6, false),
            D.entCoefInit(), "The learnt temperature's first value (auto_1.0).");
    static final Key TARGET_ENTROPY = Key.optional("agent.target_entropy", ValueType.Real.closed(-1e6, 1e6), null,
            "The entropy the learnt temperature aims at; absent: minus the number of action values.");
    static final Key HIDDEN = Key.optional("agent.hidden", new ValueType.Ints(1, 65_536),
            Arrays.stream(D.hidden()).asLongStream().boxed().toList(),
            "Widths of the actor's and each critic's ReLU hidden layers (net_arch).");
    static final Key USE_SDE = Key.optional("agent.use_sde", new ValueType.Bool(), D.useSde(),
            "Explore with generalised state-dependent noise (gSDE) instead of independent noise per step.");
    static final Key SDE_SAMPLE_FREQ = Key.optional("agent.sde_sample_freq", new ValueType.Int(-1, 1_000_000),
            (long) D.sdeSampleFreq(), "Steps between new gSDE exploration matrices (-1: once per train_freq steps).");
    static final Key LOG_STD_INIT = Key.optional("agent.log_std_init", ValueType.Real.closed(-20, 2), D.logStdInit(),
            "gSDE's first log standard deviation.");
    static final Key STEPS = Key.optional("budget.steps", new ValueType.Int(1, 1_000_000_000L), 20_000L,
            "Environment steps (over all envs).");

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public SacKind() {
    }

    @Override
    public String name() {
        return "sac";
    }

    @Override
    public String section() {
        return "agent";
    }

    @Override
    public String description() {
        return "soft actor-critic for continuous actions, as Stable-Baselines3's SAC (Haarnoja et al. 2018)";
    }

    @Override
    public String unit() {
        return "steps";
    }

    @Override
    public List<Key> keys() {
        return RlKeys.with(List.of(NUM_ENVS, BUFFER_SIZE, LEARNING_STARTS, BATCH_SIZE, TAU, TRAIN_FREQ, GRADIENT_STEPS,
                LEARNING_RATE, ENT_COEF, ENT_COEF_INIT, TARGET_ENTROPY, HIDDEN, USE_SDE, SDE_SAMPLE_FREQ, LOG_STD_INIT,
                PolicyGradientLearner.NORMALIZE_OBSERVATION, PolicyGradientLearner.NORMALIZE_REWARD, STEPS));
    }

    @Override
    public List<Check> checks() {
        return RlKeys.checksWith(RlKeys.settings(s -> config(s).validate()), PolicyGradientLearner.continuousActions("sac"));
    }


    static SacConfig config(Scenario s) {
        return new SacConfig().numEnvs(s.intValue(NUM_ENVS.path())).bufferSize(s.intValue(BUFFER_SIZE.path()))
                .learningStarts(s.integer(LEARNING_STARTS.path())).batchSize(s.intValue(BATCH_SIZE.path()))
                .tau(s.number(TAU.path())).gamma(s.number(RlKeys.GAMMA.path()))
                .trainFreq(s.intValue(TRAIN_FREQ.path())).gradientSteps(s.intValue(GRADIENT_STEPS.path()))
                .learningRate((float) s.number(LEARNING_RATE.path()))
                .entCoef(s.has(ENT_COEF.path()) ? s.number(ENT_COEF.path()) : Double.NaN)
                .entCoefInit(s.number(ENT_COEF_INIT.path()))
                .targetEntropy(s.has(TARGET_ENTROPY.path()) ? s.number(TARGET_ENTROPY.path()) : Double.NaN)
                .hidden(s.integers(HIDDEN.path()).stream().mapToInt(Long::intValue).toArray())
                .useSde(s.bool(USE_SDE.path())).sdeSampleFreq(s.intValue(SDE_SAMPLE_FREQ.path()))
                .logStdInit(s.number(LOG_STD_INIT.path()));
    }

    @Override
    public Trainer create(Scenario scenario) {
        SacConfig config = config(scenario);
        return new PolicyGradientLearner(scenario, config.numEnvs(), envs -> new Sac(envs, config, scenario.seed()),
                scenario.integer(STEPS.path()));
    }
}
