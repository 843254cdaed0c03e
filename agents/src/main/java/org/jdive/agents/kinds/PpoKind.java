package org.jdive.agents.kinds;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jdive.agents.onpolicy.NetworkStyle;
import org.jdive.agents.onpolicy.Ppo;
import org.jdive.agents.onpolicy.PpoConfig;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;

/**
 * {@code agent.kind: ppo}: {@link Ppo} with a categorical or Gaussian policy, CleanRL's {@code ppo.py} and
 * {@code ppo_continuous_action.py}; each key maps onto {@link PpoConfig}, whose defaults (CleanRL's) are the keys'
 * defaults.
 */
public final class PpoKind implements TrainerKind {

    private static final long BIG = 1_000_000_000L;
    /** Where every key's default comes from: CleanRL's settings, said once in {@link PpoConfig}. */
    private static final PpoConfig D = new PpoConfig();

    static final Key NUM_ENVS = Key.optional("agent.num_envs", new ValueType.Int(1, 1024), (long) D.numEnvs(),
            "Envs stepped together (num_envs).");
    static final Key NUM_STEPS = Key.optional("agent.num_steps", new ValueType.Int(1, 1_000_000), (long) D.numSteps(),
            "Steps of each env per rollout (num_steps).");
    static final Key LEARNING_RATE = Key.optional("agent.learning_rate", new ValueType.Real(0, true, 1, false),
            RlKeys.exact(D.learningRate()), "Adam's learning rate at the start.");
    static final Key ANNEAL_LR = Key.optional("agent.anneal_lr", new ValueType.Bool(), D.annealLr(),
            "Anneal the learning rate linearly to 0 over the budget.");
    static final Key GAE_LAMBDA = Key.optional("agent.gae_lambda", ValueType.Real.closed(0, 1), D.gaeLambda(),
            "GAE's λ.");
    static final Key NUM_MINIBATCHES = Key.optional("agent.num_minibatches", new ValueType.Int(1, 1_000_000),
            (long) D.numMinibatches(), "Minibatches per epoch (they must divide num_envs × num_steps).");
    static final Key UPDATE_EPOCHS = Key.optional("agent.update_epochs", new ValueType.Int(1, 10_000),
            (long) D.updateEpochs(), "Passes over each rollout.");
    static final Key NORM_ADV = Key.optional("agent.norm_adv", new ValueType.Bool(), D.normalizeAdvantages(),
            "Normalise each minibatch's advantages.");
    static final Key CLIP_COEF = Key.optional("agent.clip_coef", new ValueType.Real(0, true, 10, false),
            RlKeys.exact(D.clipCoef()), "The surrogate's (and the value's) clipping range.");
    static final Key ANNEAL_CLIP = Key.optional("agent.anneal_clip", new ValueType.Bool(), D.annealClip(),
            "Anneal the clipping range linearly to 0 over the budget (rl-baselines3-zoo's lin_0.2).");
    static final Key CLIP_VLOSS = Key.optional("agent.clip_vloss", new ValueType.Bool(), D.clipValueLoss(),
            "Clip the value loss too.");
    static final Key ENT_COEF = Key.optional("agent.ent_coef", new ValueType.Real(0, false, 100, false),
            RlKeys.exact(D.entCoef()), "The entropy bonus's weight.");
    static final Key VF_COEF = Key.optional("agent.vf_coef", new ValueType.Real(0, false, 100, false),
            RlKeys.exact(D.vfCoef()), "The value loss's weight.");
    static final Key MAX_GRAD_NORM = Key.optional("agent.max_grad_norm", new ValueType.Real(0, false, 1e6, false),
            RlKeys.exact(D.maxGradNorm()), "The gradients' global norm limit (0: none).");
    static final Key TARGET_KL = Key.optional("agent.target_kl", new ValueType.Real(0, false, 100, false), D.targetKl(),
            "Stop a rollout's epochs once the approximate KL passes this (0: never).");
    static final Key HIDDEN = Key.optional("agent.hidden", new ValueType.Ints(1, 65_536),
            Arrays.stream(D.hidden()).asLongStream().boxed().toList(),
            "Widths of the actor's and the critic's hidden layers.");
    static final Key NETWORK = Key.optional("agent.network",
            ValueType.Choice.of(Arrays.stream(NetworkStyle.values()).map(NetworkStyle::key).toArray(String[]::new)),
            D.network().key(), "How the MLPs are built: cleanrl (tanh, orthogonal weights) or gymnax (ReLU, "
                    + "LeCun-normal weights, biases from U[0, 0.05), as gymnax-blines' PPO).");
    static final Key STEPS = Key.optional("budget.steps", new ValueType.Int(1, BIG), D.totalSteps(),
            "Environment steps (over all envs).");

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public PpoKind() {
    }

    @Override
    public String name() {
        return "ppo";
    }

    @Override
    public String section() {
        return "agent";
    }

    @Override
    public String description() {
        return "proximal policy optimisation with a categorical or Gaussian policy, as CleanRL's ppo.py and "
                + "ppo_continuous_action.py (Schulman et al. 2017)";
    }

    @Override
    public String unit() {
        return "steps";
    }

    @Override
    public List<Key> keys() {
        return RlKeys.with(List.of(NUM_ENVS, NUM_STEPS, LEARNING_RATE, ANNEAL_LR, GAE_LAMBDA, NUM_MINIBATCHES,
                UPDATE_EPOCHS, NORM_ADV, CLIP_COEF, ANNEAL_CLIP, CLIP_VLOSS, ENT_COEF, VF_COEF, MAX_GRAD_NORM, TARGET_KL,
                HIDDEN, NETWORK,
                PolicyGradientLearner.NORMALIZE_OBSERVATION, PolicyGradientLearner.NORMALIZE_REWARD, STEPS));
    }

    @Override
    public List<Check> checks() {
        return RlKeys.checksWith(RlKeys.settings(s -> config(s).validate()), PolicyGradientLearner.actionSpace("ppo"));
    }


    static PpoConfig config(Scenario s) {
        return new PpoConfig().numEnvs(s.intValue(NUM_ENVS.path())).numSteps(s.intValue(NUM_STEPS.path()))
                .learningRate((float) s.number(LEARNING_RATE.path())).annealLr(s.bool(ANNEAL_LR.path()))
                .totalSteps(s.integer(STEPS.path())).gamma(s.number(RlKeys.GAMMA.path()))
                .gaeLambda(s.number(GAE_LAMBDA.path())).numMinibatches(s.intValue(NUM_MINIBATCHES.path()))
                .updateEpochs(s.intValue(UPDATE_EPOCHS.path())).normalizeAdvantages(s.bool(NORM_ADV.path()))
                .clipCoef((float) s.number(CLIP_COEF.path())).annealClip(s.bool(ANNEAL_CLIP.path()))
                .clipValueLoss(s.bool(CLIP_VLOSS.path()))
                .entCoef((float) s.number(ENT_COEF.path())).vfCoef((float) s.number(VF_COEF.path()))
                .maxGradNorm((float) s.number(MAX_GRAD_NORM.path())).targetKl(s.number(TARGET_KL.path()))
                .hidden(s.integers(HIDDEN.path()).stream().mapToInt(Long::intValue).toArray())
                .network(NetworkStyle.valueOf(s.text(NETWORK.path()).toUpperCase(Locale.ROOT)));
    }

    @Override
    public Trainer create(Scenario scenario) {
        PpoConfig config = config(scenario);
        return new PolicyGradientLearner(scenario, config.numEnvs(), envs -> new Ppo(envs, config, scenario.seed()),
                config.totalSteps());
    }
}
