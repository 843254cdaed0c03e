package org.jdive.models.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.data.DataHome;
import org.jdive.core.data.Dataset;
import org.jdive.core.data.FashionMnist;
import org.jdive.core.data.Mnist;
import org.jdive.core.data.Resized;
import org.jdive.core.nn.DataParallel;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.LrSchedule;
import org.jdive.core.optim.Sgd;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.NetworkCheckpoint;
import org.jdive.engine.train.Reporter;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.models.classify.Classifier;
import org.jdive.models.classify.ClassifierTrainer;
import org.jdive.models.classify.EpochStream;
import org.jdive.models.classify.Nets;

/**
 * {@code model.kind: classifier}: one of D2L's image classifiers ({@link Nets}) trained with minibatch SGD on
 * Fashion-MNIST (the book's data set) or MNIST, logging per epoch what the book plots: training loss and accuracy,
 * validation loss and accuracy (on the test split, as the book validates). Its evaluation is the test split's
 * accuracy and loss; its report ({@code jdive eval RUN}) the test split's confusion matrix, printed and written as
 * {@code confusion.csv} and the heat map {@code confusion.png}; its samples ({@code jdive sample RUN}) D2L's figure of
 * test images captioned with their true and predicted classes.
 */
public final class ClassifierKind implements TrainerKind {

    static final Key DATASET = Key.optional("data.dataset", ValueType.Choice.of("fashion-mnist", "mnist"), "fashion-mnist",
            "`fashion-mnist` (D2L's: 60,000 training and 10,000 test images; Debian's dataset-fashion-mnist) or `mnist` "
                    + "(the 10,000 digits shipped in data/mnist: the first 8,000 train, the rest validate).");
    static final Key PATH = Key.optional("data.path", new ValueType.Text(), null,
            "The folder of the data set's IDX files; absent: found as `fashion-mnist` or `mnist` under $JDIVE_DATA, "
                    + "data/ here or above, jdive's own data/, or /usr/share/datasets.");
    static final Key IMAGES = Key.optional("data.images", new ValueType.Int(0, Integer.MAX_VALUE), 0L,
            "Use only the first this many training images (0: all).");
    static final Key TEST_IMAGES = Key.optional("data.test_images", new ValueType.Int(0, Integer.MAX_VALUE), 0L,
            "Validate and evaluate on only the first this many test images (0: all), for quick runs.");
    static final Key RESIZE = Key.optional("data.resize", new ValueType.Int(0, 1024), 0L,
            "Resize the images to this many pixels square by bilinear interpolation, as D2L's `resize` for chapter 8's "
                    + "networks (224 for AlexNet, VGG and NiN; 96 for GoogLeNet, ResNet and DenseNet), one batch at a time "
                    + "(0: keep 28 × 28).");
    static final Key NET = Key.optional("model.net", ValueType.Choice.of(Nets.NAMES.toArray(String[]::new)), "softmax",
            "The network: `softmax` (D2L 4.5), `mlp` (5.2: 256 hidden ReLU units), `mlp-dropout` (5.6: two hidden "
                    + "layers of 256 ReLU units, each followed by dropout 0.5, masks seeded per epoch), `lenet` (7.6: "
                    + "sigmoid, average pooling, Xavier initialisation), `lenet-relu` (12.11: LeNet with ReLU and max pooling, "
                    + "PyTorch's initialisation), `bn-lenet` (8.5: LeNet with batch normalisation), or chapter 8's "
                    + "modern networks as the book's PyTorch code builds them: `alexnet` (8.1), `vgg` (8.2: the small "
                    + "architecture ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))), `nin` (8.3), `googlenet` (8.4), "
                    + "`resnet18` (8.6) or `densenet` (8.7); these expect `data.resize` (224 for the first three, 96 for "
                    + "the others); `vit` (11.8: the vision Transformer, 16×16 patches, 512 wide, 2 blocks of 8 heads; "
                    + "the book resizes to 96); or `lenet-parallel` (13.5: the LeNet the book trains on several GPUs).");
    static final Key DEVICES = Key.optional("model.devices",
            new ValueType.Names(Backends::names, "a tensor backend on the class path: cpu, opencl, djl"), null,
            "Train on several devices at once, one replica of the network on each backend listed (e.g. [cpu, opencl]), "
                    + "as D2L 13.5: each minibatch split between them, the gradients summed on the first, the parameters "
                    + "copied back; absent: one device, the scenario's `backend`.");
    static final Key BATCH = Key.optional("model.batch_size", new ValueType.Int(1, 1_000_000), 256L,
            "Examples per SGD step (D2L: 256; 128 for LeNet).");
    static final Key LR = Key.optional("model.learning_rate", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            0.1, "SGD's learning rate (D2L: 0.1); the base rate of a `lr_schedule`.");
    static final Key SCHEDULE = Key.optional("model.lr_schedule.policy", ValueType.Choice.of("constant", "factor",
            "multi-factor", "cosine"), "constant", "How the learning rate changes from epoch to epoch (D2L 12.11); epoch "
                    + "e (from 0) trains at: `constant`: `learning_rate`; `factor`: max(`min_lr`, `learning_rate` · "
                    + "`factor`^e) (D2L's FactorScheduler); `multi-factor`: `learning_rate` · `factor`^k, k the number of "
                    + "`milestones` <= e (PyTorch's MultiStepLR); `cosine`: from `warmup_lr` linearly up to "
                    + "`learning_rate` over `warmup_epochs`, then down a half cosine to `final_lr` at `max_epochs`, "
                    + "`final_lr` after (D2L's CosineScheduler). Each epoch's rate is logged as `lr`.");
    static final Key FACTOR = Key.optional("model.lr_schedule.factor", new ValueType.Real(0, true, 1, false), 0.5,
            "What the `factor` policy multiplies the rate by each epoch (D2L: 0.9), and `multi-factor` at each milestone "
                    + "(D2L: 0.5).");
    static final Key MIN_LR = Key.optional("model.lr_schedule.min_lr", new ValueType.Real(0, false,
            Double.POSITIVE_INFINITY, false), 1e-7, "The `factor` policy's floor (D2L's stop_factor_lr).");
    static final Key MILESTONES = Key.optional("model.lr_schedule.milestones", new ValueType.Ints(1, 1_000_000), null,
            "The epochs at which the `multi-factor` policy multiplies the rate by `factor`, increasing (D2L: [15, 30]).");
    static final Key MAX_EPOCHS = Key.optional("model.lr_schedule.max_epochs", new ValueType.Int(1, 1_000_000), null,
            "The epoch at which the `cosine` policy reaches `final_lr` (D2L's max_update: 20); absent: `budget.epochs`.");
    static final Key FINAL_LR = Key.optional("model.lr_schedule.final_lr", new ValueType.Real(0, false,
            Double.POSITIVE_INFINITY, false), 0.0, "The `cosine` policy's last rate (D2L: 0.01).");
    static final Key WARMUP_EPOCHS = Key.optional("model.lr_schedule.warmup_epochs", new ValueType.Int(0, 1_000_000), 0L,
            "Epochs of the `cosine` policy's linear warm-up (D2L: 5 in its warm-up example, else 0).");
    static final Key WARMUP_LR = Key.optional("model.lr_schedule.warmup_lr", new ValueType.Real(0, false,
            Double.POSITIVE_INFINITY, false), 0.0, "The rate the `cosine` policy's warm-up starts from (D2L's warmup_begin_lr).");

    static final Key WEIGHT_DECAY = Key.optional("model.weight_decay", new ValueType.Real(0, false, Double.POSITIVE_INFINITY,
            false), 0.0, "L2 penalty coefficient, as torch.optim.SGD's weight_decay (D2L 3.7).");
    static final Key EPOCHS = Key.optional("budget.epochs", new ValueType.Int(1, 1_000_000), 10L,
            "Epochs to train (one epoch is one pass over the training set).");

    /** The height and width of both data sets' images. */
    private static final int IMAGE_SIDE = 28;

    /** The number of shipped MNIST digits that train; the rest validate. */
    private static final int MNIST_TRAIN = 8000;

    @Override
    public String name() {
        return "classifier";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "D2L's image classifiers (softmax regression, MLP, MLP with dropout, LeNet, BN-LeNet, AlexNet, VGG, NiN, "
                + "GoogLeNet, ResNet-18, DenseNet) on Fashion-MNIST or MNIST, optionally resized, with per-epoch accuracy "
                + "and learning-rate schedules";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(DATASET, PATH, IMAGES, TEST_IMAGES, RESIZE, NET, DEVICES, BATCH, LR, SCHEDULE, FACTOR, MIN_LR, MILESTONES, MAX_EPOCHS, FINAL_LR,
                WARMUP_EPOCHS, WARMUP_LR, WEIGHT_DECAY, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(ClassifierKind::dataThere, ClassifierKind::scheduleComplete, ClassifierKind::imagesFitTheNet);
    }

    /** Chapter 8's networks shrink their images by strides and poolings: 28 pixels are too few for AlexNet, VGG or NiN. */
    private static List<Problem> imagesFitTheNet(Scenario s) {
        int size = s.intValue(RESIZE.path());
        try {
            Nets.side(s.text(NET.path()), size > 0 ? size : IMAGE_SIDE);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(s.problem(RESIZE.path(), e.getMessage()));
        }
    }

    /**
     * The multi-factor policy needs increasing milestones, the cosine one a warm-up that ends before its cosine. (Keys
     * a policy does not read are left alone: a run folder's resolved scenario holds every key's default.)
     */
    private static List<Problem> scheduleComplete(Scenario s) {
        String policy = s.text(SCHEDULE.path());
        List<Problem> problems = new ArrayList<>();
        if (policy.equals("multi-factor")) {
            if (!s.has(MILESTONES.path())) {
                problems.add(s.problem(SCHEDULE.path(), "the multi-factor policy needs " + MILESTONES.path()
                        + ", the epochs at which the rate drops, e.g. [15, 30]"));
            } else {
                List<Long> m = s.integers(MILESTONES.path());
                for (int i = 1; i < m.size(); i++) {
                    if (m.get(i) <= m.get(i - 1)) {
                        problems.add(s.problem(MILESTONES.path(), "milestones must increase, got " + m));
                        break;
                    }
                }
            }
        }
        if (policy.equals("cosine") && s.integer(WARMUP_EPOCHS.path()) >= maxEpochs(s)) {
            problems.add(s.problem(WARMUP_EPOCHS.path(), "the warm-up must end before the cosine does, at "
                    + MAX_EPOCHS.path() + " = " + maxEpochs(s) + "; got " + s.integer(WARMUP_EPOCHS.path())));
        }
        return problems;
    }

    private static long maxEpochs(Scenario s) {
        return s.has(MAX_EPOCHS.path()) ? s.integer(MAX_EPOCHS.path()) : s.integer(EPOCHS.path());
    }

    /** The learning rate by epoch that {@code model.lr_schedule} asks for. */
    static LrSchedule schedule(Scenario s) {
        float base = (float) s.number(LR.path());
        float factor = (float) s.number(FACTOR.path());
        return switch (s.text(SCHEDULE.path())) {
            case "constant" -> LrSchedule.constant(base);
            case "factor" -> LrSchedule.factor(base, factor, (float) s.number(MIN_LR.path()));
            case "multi-factor" -> LrSchedule.multiFactor(base,
                    s.integers(MILESTONES.path()).stream().mapToInt(Math::toIntExact).toArray(), factor);
            case "cosine" -> LrSchedule.cosine(base, (float) s.number(FINAL_LR.path()), Math.toIntExact(maxEpochs(s)),
                    s.intValue(WARMUP_EPOCHS.path()), (float) s.number(WARMUP_LR.path()));
            default -> throw new IllegalStateException("unchecked schedule policy " + s.text(SCHEDULE.path()));
        };
    }

    private static List<Problem> dataThere(Scenario s) {
        String dataset = s.text(DATASET.path());
        Path folder = folder(s);
        boolean there = dataset.equals("fashion-mnist") ? FashionMnist.isIn(folder)
                : Files.exists(folder.resolve("mnist-10k-images-idx3-ubyte.gz"));
        if (there) {
            return List.of();
        }
        String where = s.has(PATH.path()) ? folder.toAbsolutePath().toString()
                : "any of " + DataHome.candidates(dataset);
        return List.of(s.problem(PATH.path(), "no " + dataset + " IDX files in " + where
                + (dataset.equals("fashion-mnist") ? "; " + FashionMnist.howToGet() : "")));
    }

    private static Path folder(Scenario s) {
        return s.has(PATH.path()) ? Path.of(s.text(PATH.path())) : DataHome.find(s.text(DATASET.path()));
    }

    @Override
    public Trainer create(Scenario s) {
        return new Run(s);
    }

    /** The class names of {@code dataset}'s labels, in label order: Fashion-MNIST's as D2L names them, MNIST's digits. */
    static List<String> classNames(String dataset) {
        return dataset.equals("fashion-mnist") ? FashionMnist.LABELS
                : java.util.stream.IntStream.range(0, 10).mapToObj(Integer::toString).toList();
    }

    /** A classifier's run: the network, SGD, the epoch loop, and checkpoints of both. */
    private static final class Run implements Trainer, Reporter, Sampler {

        private static final int EVAL_BATCH = 1000;

        private final long budget;
        private final Module net;
        private final DataParallel parallel;
        private final Sgd sgd;
        private final ClassifierTrainer trainer;
        private final Dataset test;
        private final Dataset validation;
        private final int evalBatch;
        private final List<String> classes;
        private Map<String, Double> lastEpoch = Map.of();

        Run(Scenario s) {
            Dataset train;
            Dataset testSplit;
            try {
                Path folder = folder(s);
                if (s.text(DATASET.path()).equals("fashion-mnist")) {
                    FashionMnist.Splits splits = FashionMnist.load(folder);
                    train = splits.train();
                    testSplit = splits.test();
                } else {
                    ArrayDataset all = Mnist.load(folder.resolve("mnist-10k-images-idx3-ubyte.gz"),
                            folder.resolve("mnist-10k-labels-idx1-ubyte.gz"));
                    train = all.range(0, MNIST_TRAIN);
                    testSplit = all.range(MNIST_TRAIN, all.size());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            classes = classNames(s.text(DATASET.path()));
            int images = s.intValue(IMAGES.path());
            if (images > 0 && images < train.size()) {
                train = train.range(0, images);
            }
            int testImages = s.intValue(TEST_IMAGES.path());
            test = testImages > 0 && testImages < testSplit.size() ? testSplit.range(0, testImages) : testSplit;
            int resize = s.intValue(RESIZE.path());
            if (resize > 0) {
                train = new Resized(train, resize);
            }
            validation = resize > 0 ? new Resized(test, resize) : test;
            // a thousand images at 224 pixels need gigabytes of activations: evaluate resized images a batch at a time
            evalBatch = resize > 0 ? Math.min(s.intValue(BATCH.path()), EVAL_BATCH) : EVAL_BATCH;
            int[] shape = train.featureShape();
            budget = s.integer(EPOCHS.path());
            EpochStream masks = new EpochStream(s.seed(), "dropout");
            IntFunction<Module> build = device -> Nets.build(s.text(NET.path()), shape[0], shape[1], 10,
                    Rng.split(s.seed(), "init"), masks);
            parallel = s.has(DEVICES.path())
                    ? new DataParallel(s.names(DEVICES.path()).stream().map(Backends::get).toList(), build) : null;
            net = parallel != null ? parallel.primary() : build.apply(0);
            sgd = new Sgd(net.parameters(), (float) s.number(LR.path()), 0f, (float) s.number(WEIGHT_DECAY.path()), false);
            Classifier classifier = parallel != null ? new Classifier(parallel, sgd) : new Classifier(net, sgd);
            trainer = new ClassifierTrainer(classifier, train, validation,
                    Math.min(s.intValue(BATCH.path()), train.size()), s.seed(), Backends.getDefault())
                    .restartsEachEpoch(masks).schedule(schedule(s)).validationBatch(evalBatch);
        }

        @Override
        public long done() {
            return trainer.epochsDone();
        }

        @Override
        public long budget() {
            return budget;
        }

        @Override
        public Map<String, Double> train(long units) {
            for (long i = 0; i < units && !finished(); i++) {
                ClassifierTrainer.Epoch e = trainer.trainEpoch();
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("train_loss", e.trainLoss());
                m.put("train_acc", e.trainAccuracy());
                m.put("val_loss", e.validationLoss());
                m.put("val_acc", e.validationAccuracy());
                m.put("lr", e.learningRate());
                lastEpoch = m;
            }
            return lastEpoch;
        }

        @Override
        public Map<String, Double> evaluate() {
            Classifier.Score s = trainer.classifier().evaluate(validation, evalBatch);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("accuracy", s.accuracy());
            m.put("loss", s.loss());
            return m;
        }

        /** The test split's confusion matrix: printed, and written as {@code confusion.csv} and {@code confusion.png}. */
        @Override
        public Report report(Path folder) throws IOException {
            return ClassifierFigures.confusion(trainer.classifier().confusion(validation, evalBatch, classes), folder);
        }

        /**
         * D2L's figure of predictions on {@code count} test images drawn with {@code seed} (see {@link ClassifierFigures}),
         * shown at their own 28 × 28 pixels whatever size the network saw them at.
         */
        @Override
        public List<Path> sample(int count, long seed, Path folder) throws IOException {
            return ClassifierFigures.predictions(test, trainer.classifier().predict(validation, evalBatch), classes, count, seed,
                    folder);
        }

        @Override
        public Optional<String> nonFinite() {
            return checkpoint().nonFinite(lastEpoch);
        }

        @Override
        public TrainerState save() {
            return checkpoint().save(trainer.epochsDone());
        }

        @Override
        public void restore(TrainerState state) {
            trainer.epochsDone(Math.toIntExact(checkpoint().restore(state)));
            if (parallel != null) {
                parallel.broadcast();
            }
        }

        private NetworkCheckpoint checkpoint() {
            return NetworkCheckpoint.ofEpochs("the classifier", net, sgd);
        }

        @Override
        public void close() {
            if (parallel != null) {
                parallel.close();
            } else {
                net.close();
            }
        }
    }
}
