package org.jdive.gan.kinds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Trainer;
import org.jdive.gan.EpochStats;
import org.jdive.gan.mixture.MixtureGan;

/**
 * {@code model.kind: mixture-wgan-gp}: WGAN-GP (Gulrajani et al. 2017, Algorithm 1) on the ring or grid of
 * Gaussians, with the mixture, data and network keys of {@code mixture-gan} and the paper's defaults for the rest
 * (λ = 10, five critic steps per generator step, Adam lr 1e-4, β₁ = 0, β₂ = 0.9). Every epoch logs modes captured
 * and high-quality samples as {@code mixture-gan} does, so the two compare line for line.
 */
public final class MixtureWganGpKind implements TrainerKind {

    private static final MixtureGan.Config PAPER = MixtureGan.Config.gulrajani(1, 0);
    private static final MixtureGan.WassersteinGp PAPER_GP = (MixtureGan.WassersteinGp) PAPER.objective();

    static final Key LAMBDA = Key.optional("model.gp_lambda", new ValueType.Real(0, false, Double.POSITIVE_INFINITY, false),
            decimal(PAPER_GP.lambda()), "The weight λ of the gradient penalty (‖∇D(x̂)‖₂ − 1)².");
    static final Key N_CRITIC = Key.optional("model.n_critic", new ValueType.Int(1, 1000), (long) PAPER_GP.nCritic(),
            "Critic steps per generator step; each takes its own batch of real points.");
    static final Key LR_D = GanKeys.learningRate("model.lr_d", decimal(PAPER.lrD()), "Adam's learning rate for the critic.");
    static final Key LR_G = GanKeys.learningRate("model.lr_g", decimal(PAPER.lrG()), "Adam's learning rate for the generator.");
    static final Key BETA1 = Key.optional("model.beta1", new ValueType.Real(0, false, 1, true), decimal(PAPER.beta1()),
            "Adam's β₁ for both networks.");
    static final Key BETA2 = Key.optional("model.beta2", new ValueType.Real(0, false, 1, true), decimal(PAPER.beta2()),
            "Adam's β₂ for both networks.");
    static final Key EPOCHS = GanKeys.epochs(100);

    /** The float's shortest decimal as a double (1e-4, not 9.9999997e-5), for the key table. */
    private static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public MixtureWganGpKind() {
    }

    @Override
    public String name() {
        return "mixture-wgan-gp";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "WGAN-GP on the 8-mode ring or 25-mode grid, scored by modes captured and high-quality samples";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(MixtureGanKind.MIXTURE, MixtureGanKind.MODES, MixtureGanKind.RADIUS, MixtureGanKind.SIDE,
                MixtureGanKind.SPACING, MixtureGanKind.SIGMA, MixtureGanKind.POINTS, MixtureGanKind.BATCH,
                MixtureGanKind.LATENT, MixtureGanKind.HIDDEN, MixtureGanKind.LAYERS, LAMBDA, N_CRITIC, LR_D, LR_G,
                BETA1, BETA2, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(GanKeys.batchFitsData(MixtureGanKind.BATCH, MixtureGanKind.POINTS));
    }

    @Override
    public Trainer create(Scenario s) {
        var config = new MixtureGan.Config(s.intValue(MixtureGanKind.POINTS.path()), s.intValue(EPOCHS.path()),
                s.intValue(MixtureGanKind.BATCH.path()), s.intValue(MixtureGanKind.LATENT.path()),
                MixtureGan.Nets.relu(s.intValue(MixtureGanKind.HIDDEN.path()), s.intValue(MixtureGanKind.LAYERS.path())),
                (float) s.number(LR_D.path()), (float) s.number(LR_G.path()), (float) s.number(BETA1.path()),
                (float) s.number(BETA2.path()),
                new MixtureGan.WassersteinGp((float) s.number(LAMBDA.path()), s.intValue(N_CRITIC.path())), s.seed());
        return new MixtureGanKind.Run(s, config, MixtureWganGpKind::metrics);
    }

    /** The critic's loss, the generator's, and the critic's mean scores, whose difference estimates W₁. */
    private static Map<String, Double> metrics(EpochStats s) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss_d", (double) s.lossD());
        m.put("loss_g", (double) s.lossG());
        m.put("critic_real", (double) s.dReal());
        m.put("critic_fake", (double) s.dFake());
        m.put("wasserstein", (double) (s.dReal() - s.dFake()));
        return m;
    }
}
