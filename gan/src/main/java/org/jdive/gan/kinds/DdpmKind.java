package org.jdive.gan.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.Dataset;
import org.jdive.core.nn.Module;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.NetworkCheckpoint;
import org.jdive.engine.train.TrainerState;
import org.jdive.gan.ddpm.DdpmTrainer;
import org.jdive.gan.ddpm.NoiseSchedule;
import org.jdive.gan.ddpm.Sampling;
import org.jdive.gan.ddpm.UNetConfig;
import org.jdive.gan.io.SampleGrid;

/**
 * {@code model.kind: ddpm}: a denoising diffusion probabilistic model (Ho et al. 2020) with a small U-Net on MNIST or
 * Fashion-MNIST at 28 × 28. Every epoch logs the training and held-out noise-prediction loss, writes the samples of a
 * fixed {@code x_T} to {@code samples/epoch-NNNN.png} and, in {@code plots/}, the latest grid and a GIF of the reverse
 * process, both with the {@code eval} sampler (DDIM with 50 steps by default; {@code ddpm}: Algorithm 2's 1,000).
 * With {@code eval.features: lenet} the evaluation scores samples in a LeNet's features as the DCGAN's does. A resumed
 * run on the CPU continues exactly. {@code jdive sample RUN --option sampler=ddim --option steps=50} picks the sampler.
 */
public final class DdpmKind implements TrainerKind {

    static final Key PATH = VaeKind.PATH;
    static final Key IMAGES = VaeKind.IMAGES;
    static final Key HELD_OUT = Key.optional("data.held_out", new ValueType.Int(1, Integer.MAX_VALUE), 1000L,
            "The last this many images are held out for the test loss.");
    static final Key WIDTH = Key.optional("model.width", new ValueType.Int(8, 1024), 32L,
            "Channels of the U-Net at full resolution (twice as many at 14 × 14 and 7 × 7); a multiple of 8, group "
                    + "norm's groups.");
    static final Key ATTENTION = Key.optional("model.attention", new ValueType.Bool(), true,
            "Self-attention over the 7 × 7 feature map between the two middle residual blocks.");
    static final Key TIMESTEPS = Key.optional("model.timesteps", new ValueType.Int(1, 100_000), 1000L,
            "The number of diffusion steps T.");
    static final Key BETA_START = Key.optional("model.beta_start", new ValueType.Real(0, true, 1, true), 1e-4,
            "β₁ of the linear variance schedule.");
    static final Key BETA_END = Key.optional("model.beta_end", new ValueType.Real(0, true, 1, true), 0.02,
            "β_T of the linear variance schedule (at least model.beta_start).");
    static final Key BATCH = Key.optional("model.batch_size", new ValueType.Int(1, 1_000_000), 64L,
            "Images per Adam step.");
    static final Key LR = GanKeys.learningRate("model.learning_rate", 1e-3, "Adam's learning rate.");
    static final Key SAMPLER = Key.optional("eval.sampler", ValueType.Choice.of("ddim", "ddpm"), "ddim",
            "How the epoch grid, the reverse-process GIF and the evaluation sample: `ddim` (Song et al. 2021, eval.steps "
                    + "steps) or `ddpm` (Ho et al.'s ancestral Algorithm 2 over all model.timesteps steps, σ² = β).");
    static final Key STEPS = Key.optional("eval.steps", new ValueType.Int(1, 100_000), 50L,
            "DDIM's number of steps (at most model.timesteps).");
    static final Key ETA = Key.optional("eval.eta", new ValueType.Real(0, false, Double.POSITIVE_INFINITY, true), 0.0,
            "DDIM's η: 0 is deterministic, 1 with all steps is the ancestral sampler with σ² = β̃.");
    static final Key CLIP = Key.optional("eval.clip", new ValueType.Bool(), true,
            "Clip each sampling step's estimate of x₀ to [-1, 1], as Ho et al.'s reference code and diffusers do (false: "
                    + "the papers' update equations as written).");
    static final Key SAMPLES = Key.optional("eval.samples", new ValueType.Int(2, 100_000), 500L,
            "Generated digits the evaluation scores with eval.features.");
    static final Key FEATURES = Key.optional("eval.features", ValueType.Choice.of("none", "lenet"), "none",
            "`lenet`: the evaluation adds the Fréchet distance `fd`, `precision` and `recall` (k = 3) of eval.samples "
                    + "generated digits in the features of a LeNet that jdive trains on the MNIST files and caches, each "
                    + "beside the same figure for real digits (`_real`), the floor.");
    static final Key EPOCHS = GanKeys.epochs(10);

    private static final int SIZE = 28;
    private static final int GIF_IMAGES = 16;
    private static final int GIF_FRAMES = 10;
    private static final int SAMPLE_CHUNK = 100;

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public DdpmKind() {
    }

    @Override
    public String name() {
        return "ddpm";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "A DDPM (Ho et al. 2020) with a small U-Net on MNIST or Fashion-MNIST: ε-prediction, ancestral and DDIM "
                + "sampling, a GIF of the reverse process";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(PATH, IMAGES, HELD_OUT, WIDTH, ATTENTION, TIMESTEPS, BETA_START, BETA_END, BATCH, LR, SAMPLER,
                STEPS, ETA, CLIP, SAMPLES, FEATURES, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(DcganKind::mnistFiles, DdpmKind::splitFits, DdpmKind::scheduleFits);
    }

    /** The held-out images and a batch must leave room in the images used. */
    private static List<Problem> splitFits(Scenario s) {
        long images = s.integer(IMAGES.path());
        if (images == 0) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        long train = images - s.integer(HELD_OUT.path());
        if (train < 1) {
            problems.add(s.problem(HELD_OUT.path(), "must be less than data.images (" + images + "), got "
                    + s.integer(HELD_OUT.path())));
        } else if (s.integer(BATCH.path()) > train) {
            problems.add(s.problem(BATCH.path(), "must be at most the " + train
                    + " training images (data.images less data.held_out), got " + s.integer(BATCH.path())));
        }
        return problems;
    }

    /** A width of group norm's multiple, β rising, DDIM's steps within T. */
    private static List<Problem> scheduleFits(Scenario s) {
        List<Problem> problems = new ArrayList<>();
        if (s.integer(WIDTH.path()) % 8 != 0) {
            problems.add(s.problem(WIDTH.path(), "must be a multiple of 8 (group norm's groups), got "
                    + s.integer(WIDTH.path())));
        }
        if (s.number(BETA_END.path()) < s.number(BETA_START.path())) {
            problems.add(s.problem(BETA_END.path(), "must be at least model.beta_start (" + s.number(BETA_START.path())
                    + "), got " + s.number(BETA_END.path())));
        }
        if (s.integer(STEPS.path()) > s.integer(TIMESTEPS.path())) {
            problems.add(s.problem(STEPS.path(), "must be at most model.timesteps (" + s.integer(TIMESTEPS.path())
                    + "), got " + s.integer(STEPS.path())));
        }
        return problems;
    }

    @Override
    public Trainer create(Scenario scenario) {
        return new Run(scenario);
    }

    /** A DDPM run: the trainer of {@link DdpmKind}. */
    static final class Run extends EpochTrainer implements Sampler {

        private static final String WEIGHTS = "ddpm.safetensors";

        private final Scenario scenario;
        private final DdpmTrainer ddpm;
        private final Dataset heldOut;
        private final Backend backend;
        private final int batchSize;
        private final Sampling sampling;
        private MnistFeatureScores featureScores;

        Run(Scenario s) {
            super(s.integer(EPOCHS.path()));
            scenario = s;
            Dataset all;
            try {
                all = DcganKind.mnist(s, SIZE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the images: " + e.getMessage(), e);
            }
            int limit = s.intValue(IMAGES.path());
            int n = limit > 0 && limit < all.size() ? limit : all.size();
            int split = n - s.intValue(HELD_OUT.path());
            if (split < 1) {
                throw new IllegalArgumentException("data.held_out (" + s.intValue(HELD_OUT.path())
                        + ") leaves no training images of the " + n);
            }
            heldOut = all.range(split, n);
            batchSize = Math.min(s.intValue(BATCH.path()), split);
            backend = Backends.get(s.text("backend"));
            sampling = sampling(s.text(SAMPLER.path()), s.intValue(STEPS.path()), s.number(ETA.path()),
                    s.bool(CLIP.path()));
            ddpm = new DdpmTrainer(new UNetConfig(1, SIZE, s.intValue(WIDTH.path()), s.bool(ATTENTION.path())),
                    NoiseSchedule.linear(s.intValue(TIMESTEPS.path()), s.number(BETA_START.path()),
                            s.number(BETA_END.path())),
                    new DdpmTrainer.Settings(batchSize, (float) s.number(LR.path()), s.seed()), all.range(0, split),
                    backend);
        }

        private static Sampling sampling(String method, int steps, double eta, boolean clip) {
            return method.equals("ddpm") ? Sampling.ancestral(clip) : Sampling.ddim(steps, eta, clip);
        }

        /** The trainer, for tests. */
        DdpmTrainer ddpm() {
            return ddpm;
        }

        @Override
        int epochsDone() {
            return ddpm.epochsDone();
        }

        @Override
        Map<String, Module> networks() {
            return Map.of("the U-Net", ddpm.ddpm().net());
        }

        @Override
        Map<String, Double> trainEpoch() {
            DdpmTrainer.EpochRecord r = ddpm.trainEpoch();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", r.loss());
            m.put("test_loss", ddpm.evaluate(heldOut));
            m.put("images_per_s", r.steps() * (double) batchSize / r.seconds());
            return m;
        }

        /**
         * The held-out loss; with {@code eval.features: lenet} the feature-space scores of sampled digits first (the
         * suite table's headline is {@code fd}).
         */
        @Override
        public Map<String, Double> evaluate() {
            Map<String, Double> m = new LinkedHashMap<>();
            if (scenario.text(FEATURES.path()).equals("lenet")) {
                if (featureScores == null) {
                    featureScores = DcganKind.featureScores(scenario, scenario.intValue(SAMPLES.path()));
                }
                float[] images = ddpm.sample(featureScores.count(), Rng.split(scenario.seed(), "feature-eval"), sampling,
                        SAMPLE_CHUNK);
                m.putAll(featureScores.score(images, SIZE));
            }
            m.put("test_loss", ddpm.evaluate(heldOut));
            return m;
        }

        /** The samples of the fixed {@code x_T} in {@code png}, and the latest ones and the reverse process in {@code plots/}. */
        @Override
        void writeEpochImage(Path png) throws IOException {
            Path plots = runFolder().resolve("plots");
            ddpm.writeSamples(png, plots.resolve("ddpm-reverse-process.gif"), sampling, GIF_IMAGES, GIF_FRAMES);
            Files.copy(png, plots.resolve("ddpm-samples.png"), StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public TrainerState save() {
            return checkpoint().save(ddpm.epochsDone());
        }

        @Override
        public void restore(TrainerState state) {
            ddpm.epochsDone(Math.toIntExact(checkpoint().restore(state)));
        }

        private NetworkCheckpoint checkpoint() {
            return new NetworkCheckpoint("the DDPM", WEIGHTS, "epochs", ddpm.ddpm().net(), ddpm.optimizer());
        }

        @Override
        public Map<String, String> sampleOptions() {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("sampler", "`ddim` or `ddpm` (ancestral, all T steps); default: the scenario's eval.sampler");
            options.put("steps", "DDIM's number of steps, 1 to T; default: the scenario's eval.steps");
            options.put("eta", "DDIM's η >= 0 (0: deterministic); default: the scenario's eval.eta");
            options.put("clip", "`true` or `false`: clip each step's estimate of x₀ to [-1, 1]; default: the scenario's "
                    + "eval.clip");
            return options;
        }

        /** With the scenario's sampler. */
        @Override
        public List<Path> sample(int count, long seed, Path folder) throws IOException {
            return sample(count, seed, Map.of(), folder);
        }

        /** Writes {@code count} sampled images, {@code sample-NNNN.png}, and all of them as {@code grid.png}. */
        @Override
        public List<Path> sample(int count, long seed, Map<String, String> options, Path folder) throws IOException {
            checkOptions(options);
            Sampling chosen = chosenSampling(options);
            float[] pixels = ddpm.sample(count, Rng.split(seed, "sample"), chosen, SAMPLE_CHUNK);
            List<Path> files;
            try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
                Tensor images = Tensor.of(backend, pixels, count, 1, SIZE, SIZE);
                files = new ArrayList<>(SampleGrid.writeEach(folder, "sample", images));
                Path grid = folder.resolve("grid.png");
                SampleGrid.write(grid, images, (int) Math.ceil(Math.sqrt(count)));
                files.add(grid);
            }
            return files;
        }

        private Sampling chosenSampling(Map<String, String> options) {
            String method = options.getOrDefault("sampler", scenario.text(SAMPLER.path()));
            if (!method.equals("ddim") && !method.equals("ddpm")) {
                throw new IllegalArgumentException("sample option 'sampler' must be ddim or ddpm, got '" + method + "'");
            }
            int timesteps = scenario.intValue(TIMESTEPS.path());
            int steps;
            double eta;
            try {
                steps = options.containsKey("steps") ? Integer.parseInt(options.get("steps")) : scenario.intValue(STEPS.path());
                eta = options.containsKey("eta") ? Double.parseDouble(options.get("eta")) : scenario.number(ETA.path());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sample options 'steps' (an integer) and 'eta' (a number) must be "
                        + "numbers: " + e.getMessage(), e);
            }
            if (steps < 1 || steps > timesteps) {
                throw new IllegalArgumentException("sample option 'steps' must be 1 to T = " + timesteps + ", got " + steps);
            }
            if (!(eta >= 0)) {
                throw new IllegalArgumentException("sample option 'eta' must be >= 0, got " + eta);
            }
            String clip = options.getOrDefault("clip", Boolean.toString(scenario.bool(CLIP.path())));
            if (!clip.equals("true") && !clip.equals("false")) {
                throw new IllegalArgumentException("sample option 'clip' must be true or false, got '" + clip + "'");
            }
            return sampling(method, steps, eta, clip.equals("true"));
        }

        @Override
        public void close() {
            ddpm.close();
        }
    }
}
