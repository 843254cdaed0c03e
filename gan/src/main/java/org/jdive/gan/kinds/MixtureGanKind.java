package org.jdive.gan.kinds;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.Module;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.gan.EpochStats;
import org.jdive.gan.mixture.GaussianMixture;
import org.jdive.gan.mixture.MixtureGan;
import org.jdive.gan.mixture.MixturePlot;
import org.jdive.gan.mixture.ModeCoverage;

/**
 * {@code model.kind: mixture-gan}: a GAN on the ring or grid of Gaussians of the mode-collapse literature,
 * Metz et al.'s sizes by default; with {@code model.packing: m > 1} it is PacGAN (Lin et al. 2018), whose
 * discriminator judges m samples at once. Every epoch logs modes captured and the fraction of high-quality samples
 * (2,500 fresh samples) beside the losses, and plots the samples over the modes, so a collapse is in plain view.
 */
public final class MixtureGanKind implements TrainerKind {

    static final Key MIXTURE = Key.optional("model.mixture", ValueType.Choice.of("ring", "grid"), "ring",
            "The target: `ring` (modes on a circle) or `grid` (a square grid of modes).");
    static final Key MODES = Key.optional("model.modes", new ValueType.Int(1, 1000), 8L,
            "Ring: the number of modes, at angles 2πk/modes.");
    static final Key RADIUS = Key.optional("model.radius", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false), 2.0,
            "Ring: the radius of the circle.");
    static final Key SIDE = Key.optional("model.grid_side", new ValueType.Int(1, 100), 5L,
            "Grid: modes per side (5: the 25-mode grid {-4, -2, 0, 2, 4}²).");
    static final Key SPACING = Key.optional("model.grid_spacing", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            2.0, "Grid: the distance between neighbouring modes.");
    static final Key SIGMA = Key.optional("model.sigma", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false), null,
            "The standard deviation of every mode; absent: 0.02 for the ring, 0.05 for the grid.");
    static final Key POINTS = Key.optional("model.points", new ValueType.Int(2, 100_000_000), 51_200L,
            "Training points drawn once from the mixture (an epoch is one pass).");
    static final Key BATCH = GanKeys.batchSize(512, 1);
    static final Key LATENT = Key.optional("model.latent_dim", new ValueType.Int(1, 100_000), 256L,
            "The size of the generator's noise vector.");
    static final Key HIDDEN = Key.optional("model.hidden", new ValueType.Int(1, 100_000), 128L,
            "Units of every hidden layer of both networks.");
    static final Key LAYERS = Key.optional("model.hidden_layers", new ValueType.Int(1, 100), 2L,
            "Hidden ReLU layers of both networks.");
    static final Key GENERATOR_BATCH_NORM = Key.optional("model.generator_batch_norm", new ValueType.Bool(), false,
            "Batch norm before each hidden ReLU of the generator (VEEGAN's and PacGAN's generators); samples for "
                    + "scoring use its running statistics.");
    static final Key DISCRIMINATOR_HIDDEN = Key.optional("model.discriminator_hidden", new ValueType.Int(1, 100_000), null,
            "Units of every hidden layer of the discriminator; absent: `model.hidden`.");
    static final Key DISCRIMINATOR_LAYERS = Key.optional("model.discriminator_layers", new ValueType.Int(1, 100), null,
            "Hidden layers of the discriminator; absent: `model.hidden_layers`.");
    static final Key MAXOUT = Key.optional("model.maxout_pieces", new ValueType.Int(1, 100), 1L,
            "1: ReLU hidden layers in the discriminator; k > 1: maxout layers of k linear pieces (ALI's and "
                    + "PacGAN's discriminators).");
    static final Key PACKING = Key.optional("model.packing", new ValueType.Int(1, 64), 1L,
            "PacGAN's packing degree m (Lin et al. 2018): the discriminator judges m samples at once, concatenated, "
                    + "all real or all generated; 1: a plain GAN. Must divide `model.batch_size` (points per step).");
    static final Key LR_D = GanKeys.learningRate("model.lr_d", 1e-4, "Adam's learning rate for the discriminator.");
    static final Key LR_G = GanKeys.learningRate("model.lr_g", 1e-4, "Adam's learning rate for the generator.");
    static final Key BETA1 = Key.optional("model.beta1", new ValueType.Real(0, false, 1, true), 0.5,
            "Adam's β₁ for both networks (β₂ = 0.999).");
    static final Key EPOCHS = GanKeys.epochs(25);

    private static final int PLOT_PIXELS = 400;

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public MixtureGanKind() {
    }

    @Override
    public String name() {
        return "mixture-gan";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "a plain GAN or PacGAN (`packing`) on the 8-mode ring or 25-mode grid, scored by modes captured and "
                + "high-quality samples";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(MIXTURE, MODES, RADIUS, SIDE, SPACING, SIGMA, POINTS, BATCH, LATENT, HIDDEN, LAYERS,
                GENERATOR_BATCH_NORM, DISCRIMINATOR_HIDDEN, DISCRIMINATOR_LAYERS, MAXOUT, PACKING, LR_D, LR_G, BETA1, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(GanKeys.batchFitsData(BATCH, POINTS), MixtureGanKind::packingDividesBatch);
    }

    private static List<Problem> packingDividesBatch(Scenario s) {
        long m = s.integer(PACKING.path());
        long batch = s.integer(BATCH.path());
        return batch % m == 0 ? List.of() : List.of(s.problem(PACKING.path(), "must divide " + BATCH.path() + " ("
                + batch + ": real points per step, packed " + m + " at a time), got " + m));
    }

    /** The scenario's mixture. */
    static GaussianMixture mixture(Scenario s) {
        boolean ring = s.text(MIXTURE.path()).equals("ring");
        float sigma = (float) (s.has(SIGMA.path()) ? s.number(SIGMA.path()) : ring ? 0.02 : 0.05);
        return ring ? GaussianMixture.ring(s.intValue(MODES.path()), (float) s.number(RADIUS.path()), sigma)
                : GaussianMixture.grid(s.intValue(SIDE.path()), (float) s.number(SPACING.path()), sigma);
    }

    @Override
    public Trainer create(Scenario s) {
        int hidden = s.intValue(HIDDEN.path());
        int layers = s.intValue(LAYERS.path());
        var nets = new MixtureGan.Nets(hidden, layers, s.bool(GENERATOR_BATCH_NORM.path()),
                s.has(DISCRIMINATOR_HIDDEN.path()) ? s.intValue(DISCRIMINATOR_HIDDEN.path()) : hidden,
                s.has(DISCRIMINATOR_LAYERS.path()) ? s.intValue(DISCRIMINATOR_LAYERS.path()) : layers,
                s.intValue(MAXOUT.path()), s.intValue(PACKING.path()));
        var config = new MixtureGan.Config(s.intValue(POINTS.path()), s.intValue(EPOCHS.path()), s.intValue(BATCH.path()),
                s.intValue(LATENT.path()), nets, (float) s.number(LR_D.path()), (float) s.number(LR_G.path()),
                (float) s.number(BETA1.path()), 0.999f, new MixtureGan.CrossEntropy(), s.seed());
        return new Run(s, config, GanKeys::metrics);
    }

    /** A mixture GAN of either objective as a trainer: epochs, coverage metrics, plots, checkpoints, samples. */
    static final class Run extends EpochTrainer implements Sampler {

        private final MixtureGan gan;
        private final long seed;
        private final Function<EpochStats, Map<String, Double>> trainingMetrics;
        private float[] lastSamples;

        /** @param trainingMetrics names an epoch's losses and scores for the metrics table */
        Run(Scenario s, MixtureGan.Config config, Function<EpochStats, Map<String, Double>> trainingMetrics) {
            super(config.epochs());
            seed = config.seed();
            this.trainingMetrics = trainingMetrics;
            gan = new MixtureGan(mixture(s), config, Backends.get(s.text("backend")));
        }

        @Override
        int epochsDone() {
            return gan.epochsDone();
        }

        @Override
        Map<String, Module> networks() {
            return gan(gan.generator(), gan.discriminator());
        }

        @Override
        Map<String, Double> trainEpoch() {
            MixtureGan.Report r = gan.trainEpoch();
            lastSamples = r.samples();
            Map<String, Double> metrics = new LinkedHashMap<>(trainingMetrics.apply(r.stats()));
            metrics.putAll(coverage(r.coverage()));
            return metrics;
        }

        /** The scatter plot of the epoch's samples over the modes. */
        @Override
        void writeEpochImage(Path png) throws IOException {
            MixturePlot.write(png, "epoch " + gan.epochsDone(), gan.mixture(), lastSamples, PLOT_PIXELS);
        }

        private static Map<String, Double> coverage(ModeCoverage c) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("modes_captured", (double) c.modesCaptured());
            m.put("high_quality_fraction", c.highQualityFraction());
            return m;
        }

        @Override
        public Map<String, Double> evaluate() {
            float[] samples = gan.generate(ModeCoverage.STANDARD_SAMPLES, Rng.split(seed, "eval"));
            return coverage(ModeCoverage.of(gan.mixture(), samples));
        }

        @Override
        public TrainerState save() {
            return GanKeys.save(gan);
        }

        @Override
        public void restore(TrainerState state) {
            GanKeys.restore(gan, state);
        }

        /** Writes {@code samples.csv} ({@code count} points) and {@code samples.png} (them over the modes). */
        @Override
        public List<Path> sample(int count, long sampleSeed, Path folder) throws IOException {
            float[] points = gan.generate(count, Rng.split(sampleSeed, "sample"));
            Path csv = ToyGanKind.Points.writeCsv(folder.resolve("samples.csv"), points);
            Path png = folder.resolve("samples.png");
            MixturePlot.write(png, count + " samples", gan.mixture(), points, PLOT_PIXELS);
            return List.of(csv, png);
        }

        @Override
        public void close() {
            gan.close();
        }
    }
}
