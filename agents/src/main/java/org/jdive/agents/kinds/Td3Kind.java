package org.jdive.agents.kinds;

import java.util.Arrays;
import java.util.List;
import org.jdive.agents.offpolicy.Td3;
import org.jdive.agents.offpolicy.Td3Config;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;

/**
 * {@code agent.kind: sac}: {@link Td3}, Stable-Baselines3's TD3 for continuous actions; each key maps onto
 * {@link Td3Config}, whose defaults (SB3's) are the keys' defaults.
 */
public final class Td3Kind implements TrainerKind {

    private static final Td3Config D = new Td3Config();

    static final Key NUM_ENVS = Key.optional("agent.num_envs", new ValueType.Int(1, 1024), (long) D.numEnvs(),
            "Envs stepped together (n_envs).");
    static final Key BUFFER_SIZE = Key.optional("agent.buffer_size", new ValueType.Int(4, 100_000_000),
            (long) D.bufferSize(), "Transitions the replay buffer holds.");
    static final Key LEARNING_STARTS = Key.optional("agent.learning_starts", new ValueType.Int(0, 1_000_000_000L),
            D.learningStarts(), "Steps of uniformly random actions before learning.");
    static final Key BATCH_SIZE = Key.optional("agent.batch_size", new ValueType.Int(1, 1_000_000),
            (long) D.batchSize(), "Transitions per gradient step.");
    static final Key TAU = Key.optional("agent.tau", new ValueType.Real(0, true, 1, false), D.tau(),
            "Polyak averaging of the target actor and critics.");
    static final Key TRAIN_FREQ = Key.optional("agent.train_freq", new ValueType.Int(1, 1_000_000),
            (long) D.trainFreq(), "Env steps (of every env) between trainings.");
    static final Key GRADIENT_STEPS = Key.optional("agent.gradient_steps", new ValueType.Int(1, 1_000_000),
            (long) D.gradientSteps(), "Gradient steps per training.");
    static final Key LEARNING_RATE = Key.optional("agent.learning_rate", new ValueType.Real(0, true, 1, false),
            RlKeys.exact(D.learningRate()), "Adam's learning rate for the actor and the critics.");
    static final Key POLICY_DELAY = Key.optional("agent.policy_delay", new ValueType.Int(1, 1_000_000),
            (long) D.policyDelay(), "Critic updates per actor and target update.");
    static final Key TARGET_POLICY_NOISE = Key.optional("agent.target_policy_noise", ValueType.Real.closed(0, 100),
            D.targetPolicyNoise(), "The standard deviation of the noise on the target policy's actions.");
    static final Key TARGET_NOISE_CLIP = Key.optional("agent.target_noise_clip", ValueType.Real.closed(0, 100),
            D.targetNoiseClip(), "The bound of that noise.");
    static final Key ACTION_NOISE = Key.optional("agent.action_noise", ValueType.Real.closed(0, 100), D.actionNoise(),
            "The standard deviation of the Gaussian exploration noise, in [-1, 1] action units (noise_std).");
    static final Key HIDDEN = Key.optional("agent.hidden", new ValueType.Ints(1, 65_536),
            Arrays.stream(D.hidden()).asLongStream().boxed().toList(),
            "Widths of the actor's and each critic's ReLU hidden layers (net_arch).");
    static final Key STEPS = Key.optional("budget.steps", new ValueType.Int(1, 1_000_000_000L), 20_000L,
            "Environment steps (over all envs).");

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public Td3Kind() {
    }

    @Override
    public String name() {
        return "td3";
    }

    @Override
    public String section() {
        return "agent";
    }

    @Override
    public String description() {
        return "twin delayed DDPG for continuous actions, as Stable-Baselines3's TD3 (Fujimoto et al. 2018)";
    }

    @Override
    public String unit() {
        return "steps";
    }

    @Override
    public List<Key> keys() {
        return RlKeys.with(List.of(NUM_ENVS, BUFFER_SIZE, LEARNING_STARTS, BATCH_SIZE, TAU, TRAIN_FREQ, GRADIENT_STEPS,
                LEARNING_RATE, POLICY_DELAY, TARGET_POLICY_NOISE, TARGET_NOISE_CLIP, ACTION_NOISE, HIDDEN,
                PolicyGradientLearner.NORMALIZE_OBSERVATION, PolicyGradientLearner.NORMALIZE_REWARD, STEPS));
    }

    @Override
    public List<Check> checks() {
        return RlKeys.checksWith(RlKeys.settings(s -> config(s).validate()), PolicyGradientLearner.continuousActions("td3"));
    }


    static Td3Config config(Scenario s) {
        return new Td3Config().numEnvs(s.intValue(NUM_ENVS.path())).bufferSize(s.intValue(BUFFER_SIZE.path()))
                .learningStarts(s.integer(LEARNING_STARTS.path())).batchSize(s.intValue(BATCH_SIZE.path()))
                .tau(s.number(TAU.path())).gamma(s.number(RlKeys.GAMMA.path()))
                .trainFreq(s.intValue(TRAIN_FREQ.path())).gradientSteps(s.intValue(GRADIENT_STEPS.path()))
                .learningRate((float) s.number(LEARNING_RATE.path()))
                .policyDelay(s.intValue(POLICY_DELAY.path()))
                .targetPolicyNoise(s.number(TARGET_POLICY_NOISE.path()))
                .targetNoiseClip(s.number(TARGET_NOISE_CLIP.path())).actionNoise(s.number(ACTION_NOISE.path()))
                .hidden(s.integers(HIDDEN.path()).stream().mapToInt(Long::intValue).toArray());
    }

    @Override
    public Trainer create(Scenario scenario) {
        Td3Config config = config(scenario);
        return new PolicyGradientLearner(scenario, config.numEnvs(), envs -> new Td3(envs, config, scenario.seed()),
                scenario.integer(STEPS.path()));
    }
}
