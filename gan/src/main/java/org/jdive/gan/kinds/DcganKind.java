package org.jdive.gan.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.DataHome;
import org.jdive.core.data.Dataset;
import org.jdive.core.loss.Reduction;
import org.jdive.core.nn.Module;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.envs.EnvSpec;
import org.jdive.envs.Envs;
import org.jdive.gan.EpochStats;
import org.jdive.gan.data.ArcadeFrames;
import org.jdive.gan.data.ImageDatasets;
import org.jdive.gan.data.ImageDirectory;
import org.jdive.gan.dcgan.DcganCheckpoint;
import org.jdive.gan.dcgan.DcganConfig;
import org.jdive.gan.dcgan.DcganTrainer;
import org.jdive.gan.dcgan.Variant;
import org.jdive.gan.io.SampleGrid;

/**
 * {@code model.kind: dcgan}: D2L 20.2's DCGAN (or PyTorch's variant) on MNIST, a folder of images or frames of
 * an arcade env. Every epoch logs the losses, {@code D(x)}, {@code D(G(z))}, the polynomial-kernel MMD and the
 * sliced Wasserstein distance between generated and training images, and writes the fixed-noise sample grid. With
 * {@code eval.features: lenet} the evaluation also scores MNIST samples in a trained feature space ({@link MnistFeatureScores}).
 * Checkpoints are the gan module's ({@link DcganCheckpoint}), so a resumed run on the CPU continues exactly.
 */
public final class DcganKind implements TrainerKind {

    /** The image sizes a scenario may ask for (the networks need an even size of at least 8; these are the usual). */
    static final List<Long> SIZES = List.of(16L, 28L, 32L, 64L, 128L);

    static final Key DATASET = Key.optional("data.dataset", ValueType.Choice.of("mnist", "folder", "arcade"), "mnist",
            "The images: `mnist` (the IDX files under `data.path`), `folder` (every PNG/JPEG under `data.path`) or "
                    + "`arcade` (frames of the env `data.env`).");
    static final Key PATH = Key.optional("data.path", new ValueType.Text(), null,
            "mnist: the folder of the IDX files (absent: `mnist` under $JDIVE_DATA, else `data/mnist` in the working "
                    + "directory or the nearest parent that has one, else the copy shipped with jdive); folder: the folder "
                    + "of images (required); relative to the working directory.");
    static final Key ENV = Key.optional("data.env", new ValueType.Choice(() -> Envs.list().stream().map(EnvSpec::id).toList(),
            "a registered env id with pixels, e.g. MinAtar/Breakout-v1"), null, "arcade: the env whose frames are the images.");
    static final Key IMAGES = Key.optional("data.images", new ValueType.Int(0, Integer.MAX_VALUE), 0L,
            "Use only the first this many images (0: all; arcade: 5,000 frames).");
    static final Key SIZE = Key.optional("data.size", new ValueType.Int(1, 4096), 32L,
            "The side of the square images, one of " + SIZES + " (MNIST is resized from 28).");
    static final Key VARIANT = Key.optional("model.variant", ValueType.Choice.of("d2l", "pytorch"), "d2l",
            "`d2l` (D2L 20.2: batch norm everywhere, summed loss) or `pytorch` (no batch norm on D's first layer, "
                    + "BN scales from N(1, 0.02²), mean loss).");
    static final Key WIDTH = Key.optional("model.width", new ValueType.Int(1, 4096), 64L,
            "Channels of the generator's last block and the discriminator's first (the others double them).");
    static final Key LATENT = Key.optional("model.latent_dim", new ValueType.Int(1, 100_000), 100L,
            "The size of the noise vector.");
    static final Key BATCH = GanKeys.batchSize(64, 2);
    static final Key LR = Key.optional("model.learning_rate", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            null, "Adam's learning rate for both networks; absent: the variant's (d2l 0.005, pytorch 0.0002).");
    static final Key BETA1 = Key.optional("model.beta1", new ValueType.Real(0, false, 1, true), 0.5, "Adam's β₁.");
    static final Key BETA2 = Key.optional("model.beta2", new ValueType.Real(0, false, 1, true), 0.999, "Adam's β₂.");
    static final Key CONDITIONAL = Key.optional("model.conditional", new ValueType.Bool(), false,
            "Condition both networks on the digit's class (Mirza and Osindero 2014): the generator reads the noise with "
                    + "the one-hot class appended, the discriminator the image with one constant map per class; the "
                    + "sample grid has a row per class and `jdive sample RUN --label K` draws class K. mnist only.");
    static final Key QUALITY = Key.optional("eval.samples", new ValueType.Int(2, 100_000), 500L,
            "Generated and training images compared by MMD and sliced Wasserstein after every epoch (at most the dataset's size).");
    static final Key FEATURES = Key.optional("eval.features", ValueType.Choice.of("none", "lenet"), "none",
            "`lenet` (MNIST only): the evaluation adds the Fréchet distance `fd`, `precision` and `recall` (k = 3) of "
                    + "eval.samples generated digits in the features of a LeNet that jdive trains on the MNIST files and caches "
                    + "(a minute or two the first time), each beside the same figure for real digits (`_real`), the floor.");
    static final Key EPOCHS = GanKeys.epochs(5);

    private static final int ARCADE_FRAMES = 5000;
    private static final int MNIST_CLASSES = 10;

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public DcganKind() {
    }

    @Override
    public String name() {
        return "dcgan";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "D2L 20.2's DCGAN (or PyTorch's) on MNIST, an image folder or arcade frames, with MMD and sliced Wasserstein";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(DATASET, PATH, ENV, IMAGES, SIZE, VARIANT, WIDTH, LATENT, CONDITIONAL, BATCH, LR, BETA1, BETA2, QUALITY,
                FEATURES, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(DcganKind::usualSize, DcganKind::dataFits);
    }

    private static List<Problem> usualSize(Scenario s) {
        if (SIZES.contains(s.integer(SIZE.path()))) {
            return List.of();
        }
        return List.of(s.problem(SIZE.path(), "must be one of " + SIZES + ", got " + s.integer(SIZE.path())));
    }

    /** The data keys together: what each dataset needs, and that its files are there. */
    private static List<Problem> dataFits(Scenario s) {
        List<Problem> problems = new ArrayList<>();
        String dataset = s.text(DATASET.path());
        if (dataset.equals("folder") && !s.has(PATH.path())) {
            problems.add(s.problem(PATH.path(), "missing; data.dataset: folder needs the folder of images"));
        }
        if (dataset.equals("arcade") && !s.has(ENV.path())) {
            problems.add(s.problem(ENV.path(), "missing; data.dataset: arcade needs an env id, e.g. MinAtar/Breakout-v1"));
        }
        if (!dataset.equals("arcade") && s.has(ENV.path())) {
            problems.add(s.problem(ENV.path(), "only data.dataset: arcade reads frames of an env; this scenario's dataset is "
                    + dataset));
        }
        if (s.bool(CONDITIONAL.path()) && !dataset.equals("mnist")) {
            problems.add(s.problem(CONDITIONAL.path(), "needs class labels, which only data.dataset: mnist has; this "
                    + "scenario's dataset is " + dataset));
        }
        if (dataset.equals("mnist")) {
            problems.addAll(mnistFiles(s));
        }
        if (s.text(FEATURES.path()).equals("lenet") && !dataset.equals("mnist")) {
            problems.add(s.problem(FEATURES.path(), "lenet scores MNIST digits only; this scenario's dataset is " + dataset
                    + " (allowed here: none)"));
        }
        if (dataset.equals("folder") && s.has(PATH.path()) && !Files.isDirectory(Path.of(s.text(PATH.path())))) {
            problems.add(s.problem(PATH.path(), "not a folder: " + Path.of(s.text(PATH.path())).toAbsolutePath()));
        }
        return problems;
    }

    /** A problem unless {@code data.path}, or the usual places when it is absent, hold MNIST's IDX files. */
    static List<Problem> mnistFiles(Scenario s) {
        Path dir = mnistFolder(s);
        if (idx(dir, "images-idx3-ubyte") != null && idx(dir, "labels-idx1-ubyte") != null) {
            return List.of();
        }
        String where = s.has(PATH.path()) ? dir.toAbsolutePath().toString()
                : "any of " + DataHome.candidates("mnist") + " (set data.path or $" + DataHome.ENV + ")";
        return List.of(s.problem(PATH.path(), "no MNIST IDX files (*images-idx3-ubyte[.gz], *labels-idx1-ubyte[.gz]) in "
                + where));
    }

    /** The scenario's MNIST (or Fashion-MNIST) digits at {@code size}, in [-1, 1], labelled. */
    static Dataset mnist(Scenario s, int size) throws IOException {
        Path dir = mnistFolder(s);
        return ImageDatasets.mnist(idx(dir, "images-idx3-ubyte"), idx(dir, "labels-idx1-ubyte"), size);
    }

    /** {@code eval.features: lenet}'s ruler for the scenario's MNIST files, scoring {@code count} images at a time. */
    static MnistFeatureScores featureScores(Scenario s, int count) {
        Path dir = mnistFolder(s);
        try {
            return MnistFeatureScores.load(idx(dir, "images-idx3-ubyte"), idx(dir, "labels-idx1-ubyte"), count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the feature network: " + e.getMessage(), e);
        }
    }

    private static Path mnistFolder(Scenario s) {
        return s.has(PATH.path()) ? Path.of(s.text(PATH.path())) : DataHome.find("mnist");
    }

    /** The first file in {@code dir} whose name contains {@code part}, or null. */
    private static Path idx(Path dir, String part) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(part)).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The scenario's images, {@code [C, size, size]} in [-1, 1]. */
    static Dataset load(Scenario s) throws IOException {
        int size = s.intValue(SIZE.path());
        int limit = s.intValue(IMAGES.path());
        Dataset data = switch (s.text(DATASET.path())) {
            case "mnist" -> mnist(s, size);
            case "folder" -> {
                ImageDirectory.Loaded loaded = ImageDirectory.load(Path.of(s.text(PATH.path())), size, 3, null);
                if (loaded.skipped() > 0) {
                    System.err.println("skipped " + loaded.skipped() + " files that are not decodable images; first: "
                            + loaded.firstSkipped());
                }
                yield loaded.images();
            }
            case "arcade" -> ArcadeFrames.capture(s.text(ENV.path()), limit > 0 ? limit : ARCADE_FRAMES, 4, size, s.seed());
            default -> throw new IllegalStateException("unchecked dataset " + s.text(DATASET.path()));
        };
        return limit > 0 && limit < data.size() ? data.range(0, limit) : data;
    }

    @Override
    public Trainer create(Scenario scenario) {
        return new Run(scenario);
    }

    private static final class Run extends EpochTrainer implements Sampler {

        private final DcganTrainer dcgan;
        private final Backend backend;
        private final int qualitySamples;
        private final int batchSize;
        private final Scenario scenario;
        private MnistFeatureScores featureScores;

        Run(Scenario s) {
            super(s.integer(EPOCHS.path()));
            scenario = s;
            Dataset data;
            try {
                data = load(s);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the images: " + e.getMessage(), e);
            }
            boolean d2l = s.text(VARIANT.path()).equals("d2l");
            DcganConfig net = new DcganConfig(data.featureShape()[0], s.intValue(SIZE.path()), s.intValue(LATENT.path()),
                    s.intValue(WIDTH.path()), s.intValue(WIDTH.path()), d2l ? Variant.D2L : Variant.PYTORCH,
                    s.bool(CONDITIONAL.path()) ? MNIST_CLASSES : 0);
            float lr = (float) (s.has(LR.path()) ? s.number(LR.path()) : d2l ? 0.005 : 0.0002);
            batchSize = Math.min(s.intValue(BATCH.path()), data.size());
            DcganTrainer.Settings settings = new DcganTrainer.Settings(batchSize, lr, (float) s.number(BETA1.path()),
                    (float) s.number(BETA2.path()), d2l ? Reduction.SUM : Reduction.MEAN, s.seed());
            backend = Backends.get(s.text("backend"));
            dcgan = new DcganTrainer(net, settings, data, backend);
            qualitySamples = Math.min(s.intValue(QUALITY.path()), data.size());
        }

        @Override
        int epochsDone() {
            return dcgan.epochsDone();
        }

        @Override
        Map<String, Module> networks() {
            return gan(dcgan.generator(), dcgan.discriminator());
        }

        @Override
        Map<String, Double> trainEpoch() {
            EpochStats stats = dcgan.trainEpoch();
            Map<String, Double> metrics = GanKeys.metrics(stats);
            metrics.putAll(quality());
            metrics.put("images_per_s", stats.steps() * (double) batchSize / stats.seconds());
            return metrics;
        }

        /** The fixed-noise sample grid. */
        @Override
        void writeEpochImage(Path png) throws IOException {
            dcgan.writeSampleGrid(png);
        }

        private Map<String, Double> quality() {
            DcganTrainer.Quality q = dcgan.quality(qualitySamples);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("mmd", q.mmd());
            m.put("sliced_wasserstein", q.slicedWasserstein());
            return m;
        }

        /** With {@code eval.features: lenet}, the feature-space scores first (the suite table's headline is {@code fd}). */
        @Override
        public Map<String, Double> evaluate() {
            if (!scenario.text(FEATURES.path()).equals("lenet")) {
                return quality();
            }
            Map<String, Double> m = new LinkedHashMap<>(featureScores().score(
                    dcgan.generate(featureScores().count(), Rng.split(scenario.seed(), "feature-eval")),
                    scenario.intValue(SIZE.path())));
            if (dcgan.config().conditional()) {
                m.put("label_accuracy", labelAccuracy());
            }
            m.putAll(quality());
            return m;
        }

        /**
         * The share of the feature network's verdicts that match the class asked for, over {@code eval.samples}
         * images spread evenly over the classes, each class drawn as {@code jdive sample --label k} draws it (a
         * batch of that class alone).
         */
        private double labelAccuracy() {
            int classes = dcgan.config().classes();
            int perClass = Math.max(1, featureScores().count() / classes);
            int side = scenario.intValue(SIZE.path());
            int[] labels = new int[classes * perClass];
            float[] images = new float[labels.length * side * side];
            for (int k = 0; k < classes; k++) {
                float[] asked = new float[perClass];
                Arrays.fill(asked, k);
                Arrays.fill(labels, k * perClass, (k + 1) * perClass, k);
                float[] drawn = dcgan.generate(asked, Rng.split(scenario.seed(), "label-eval/class-" + k));
                System.arraycopy(drawn, 0, images, k * drawn.length, drawn.length);
            }
            return featureScores().labelAccuracy(images, side, labels);
        }

        private MnistFeatureScores featureScores() {
            if (featureScores == null) {
                featureScores = DcganKind.featureScores(scenario, qualitySamples);
            }
            return featureScores;
        }

        @Override
        public TrainerState save() {
            try {
                return new TrainerState().putFiles(dir -> DcganCheckpoint.save(dir, dcgan));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot checkpoint the DCGAN: " + e.getMessage(), e);
            }
        }

        @Override
        public void restore(TrainerState state) {
            try {
                state.readFiles(dir -> DcganCheckpoint.restore(DcganCheckpoint.latest(dir).orElseThrow(
                        () -> new IOException("the checkpoint holds no DCGAN state")), dcgan));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the DCGAN: " + e.getMessage(), e);
            }
        }

        /**
         * Writes {@code count} images {@code sample-NNNN.png} and all of them as {@code grid.png}; a conditional
         * DCGAN's grid has a row per class.
         */
        @Override
        public List<Path> sample(int count, long seed, Path folder) throws IOException {
            int classes = dcgan.config().classes();
            if (classes == 0) {
                return write(dcgan.generate(count, Rng.split(seed, "sample")), count, (int) Math.ceil(Math.sqrt(count)),
                        folder);
            }
            int perRow = (count + classes - 1) / classes;
            float[] labels = new float[count];
            for (int i = 0; i < count; i++) {
                labels[i] = i / perRow;
            }
            return write(dcgan.generate(labels, Rng.split(seed, "sample")), count, perRow, folder);
        }

        @Override
        public Map<String, String> sampleOptions() {
            return dcgan.config().conditional()
                    ? Map.of("label", "the class of every sample, 0 to " + (dcgan.config().classes() - 1))
                    : Map.of();
        }

        /** As {@link #sample(int, long, Path)}; with {@code label}, every image is of that class. */
        @Override
        public List<Path> sample(int count, long seed, Map<String, String> options, Path folder) throws IOException {
            String label = options.get("label");
            if (label == null || !dcgan.config().conditional()) {
                return Sampler.super.sample(count, seed, options, folder);
            }
            int k;
            try {
                k = Integer.parseInt(label.strip());
            } catch (NumberFormatException e) {
                k = -1;
            }
            if (k < 0 || k >= dcgan.config().classes()) {
                throw new IllegalArgumentException("label must be a class from 0 to " + (dcgan.config().classes() - 1)
                        + ", got '" + label + "'");
            }
            float[] labels = new float[count];
            Arrays.fill(labels, k);
            return write(dcgan.generate(labels, Rng.split(seed, "sample")), count, (int) Math.ceil(Math.sqrt(count)), folder);
        }

        private List<Path> write(float[] pixels, int count, int perRow, Path folder) throws IOException {
            int[] shape = dcgan.config().imageShape();
            List<Path> files;
            try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
                Tensor images = Tensor.of(backend, pixels, count, shape[0], shape[1], shape[2]);
                files = new ArrayList<>(SampleGrid.writeEach(folder, "sample", images));
                Path grid = folder.resolve("grid.png");
                SampleGrid.write(grid, images, perRow);
                files.add(grid);
            }
            return files;
        }

        @Override
        public void close() {
            dcgan.close();
        }
    }
}
