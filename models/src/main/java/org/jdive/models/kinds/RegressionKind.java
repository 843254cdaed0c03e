package org.jdive.models.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.DataHome;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.NetworkCheckpoint;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.models.regress.Airfoil;
import org.jdive.models.regress.BookOptimizer;
import org.jdive.models.regress.LinearRegression;
import org.jdive.models.regress.RegressionData;
import org.jdive.models.regress.RegressionTrainer;

/**
 * {@code model.kind: regression}: D2L's linear regression on the book's data sets, with its optimisers: chapter 3's
 * synthetic data (3.4, 3.5) and weight decay on 200-dimensional data (3.7), and chapter 12's optimisers on the airfoil
 * self-noise data. Its budget counts examples, so that a run logs as often as the book draws its curves (chapter 12:
 * every 200 examples, 2/15 of an epoch). Each log row has the mean minibatch loss since the last ({@code train_loss})
 * and what the data set's section reports: on the synthetic set the validation loss and the errors of the learned
 * parameters, on the high-dimensional set the validation loss and the weight's norm, on airfoil the loss over all of it
 * (what {@code train_ch11} plots and prints).
 */
public final class RegressionKind implements TrainerKind {

    static final String SYNTHETIC = "synthetic";
    static final String HIGH_DIM = "high-dim";
    static final String AIRFOIL = "airfoil";

    static final Key DATASET = Key.optional("data.dataset", ValueType.Choice.of(SYNTHETIC, HIGH_DIM, AIRFOIL), SYNTHETIC,
            "`synthetic` (D2L 3.3: y = X·[2, −3.4] + 4.2 + N(0, 0.01²), 1,000 training and 1,000 validation examples, "
                    + "drawn from the seed), `high-dim` (3.7: 200 features, w = 0.01·1, b = 0.05, 20 training and 100 "
                    + "validation examples) or `airfoil` (12.5: the first 1,500 rows of data/airfoil, standardised, all "
                    + "training).");
    static final Key PATH = Key.optional("data.path", new ValueType.Text(), null,
            "airfoil: the folder holding airfoil_self_noise.dat; absent: `airfoil` under $JDIVE_DATA, data/ here or "
                    + "above, or jdive's own data/.");
    static final Key LOSS = Key.optional("model.loss", ValueType.Choice.of(ids(LinearRegression.Loss.values())),
            LinearRegression.Loss.HALF_SQUARED.id(),
            "`half-squared`, (ŷ − y)²/2, the book's own loss (3.4 from scratch, 3.7, chapter 12), or `squared`, "
                    + "(ŷ − y)² as PyTorch's nn.MSELoss (3.5 concise): the same minimum, twice the gradient.");
    static final Key OPTIMIZER = Key.optional("model.optimizer", ValueType.Choice.of(BookOptimizer.ids().toArray(String[]::new)),
            BookOptimizer.SGD.id(), "D2L chapter 12's optimiser: `sgd` (12.4, 12.5), `momentum` (12.6), `adagrad` (12.7), "
                    + "`rmsprop` (12.8), `adadelta` (12.9), `adam` (12.10) or `yogi` (12.10.3).");
    static final Key BATCH = Key.optional("model.batch_size", new ValueType.Int(1, 1_000_000), 32L,
            "Examples per update, at most the training examples (D2L 3.4: 32; 3.7: 5; 12.5: 1500 for gradient descent, "
                    + "1 for SGD, 10 or 100 for minibatch SGD; 10 in 12.6–12.10).");
    static final Key LR = Key.optional("model.learning_rate", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            0.03, "The learning rate (D2L 3.4: 0.03; 3.7: 0.01; chapter 12: per section, e.g. Adam 0.01; Adadelta has "
                    + "none in the book: give 1).");
    static final Key WEIGHT_DECAY = Key.optional("model.weight_decay", new ValueType.Real(0, false, Double.POSITIVE_INFINITY,
            false), 0.0, "λ of the penalty λ/2·‖w‖² on the weight, not the bias (D2L 3.7's `lambd`, the book's 0 or 3): "
                    + "its gradient is torch.optim.SGD's weight_decay on the weight alone.");
    static final Key MOMENTUM = hyper("momentum", BookOptimizer.MOMENTUM,
            "momentum: β of the velocity v = β·v + g (D2L 12.6: 0.5 with learning rate 0.02, 0.9 with 0.01)");
    static final Key GAMMA = hyper("gamma", BookOptimizer.RMSPROP, "rmsprop: γ of the leaky average of g² (D2L 12.8)");
    static final Key RHO = hyper("rho", BookOptimizer.ADADELTA, "adadelta: ρ of both leaky averages (D2L 12.9)");
    static final Key BETA1 = hyper("beta1", BookOptimizer.ADAM, "adam, yogi: β₁ of the first moment (D2L 12.10)");
    static final Key BETA2 = hyper("beta2", BookOptimizer.ADAM, "adam, yogi: β₂ of the second moment (D2L 12.10)");
    static final Key EPS = Key.optional("model.eps", ValueType.Real.closed(0, 1), null,
            "adagrad, rmsprop, adadelta, adam, yogi: ε of the denominator; absent: the book's ("
                    + java.util.Arrays.stream(BookOptimizer.values()).filter(o -> o.defaults().containsKey("eps"))
                    .map(o -> o.id() + " " + number(o.defaults().get("eps"))).collect(java.util.stream.Collectors.joining(", "))
                    + ").");
    static final Key EXAMPLES = Key.optional("budget.examples", new ValueType.Int(1, 1_000_000_000L), 3000L,
            "Examples to train on (an epoch is a pass over the training set: 1,000 synthetic, 20 high-dim, 1,500 "
                    + "airfoil); a minibatch is never split, so a run ends at the first batch boundary at or past it.");

    /** The optimiser hyperparameter keys, in {@link BookOptimizer#HYPERPARAMETERS}' order. */
    private static final List<Key> HYPERS = List.of(MOMENTUM, GAMMA, RHO, BETA1, BETA2, EPS);

    private static final Map<String, Integer> TRAINING_EXAMPLES = Map.of(SYNTHETIC, RegressionData.SYNTHETIC_TRAIN,
            HIGH_DIM, RegressionData.HIGH_DIMENSIONAL_TRAIN, AIRFOIL, Airfoil.ROWS);

    /** An optimiser's hyperparameter: no default here (absent, the optimiser's own, said in {@link BookOptimizer}). */
    private static Key hyper(String name, BookOptimizer reader, String doc) {
        return Key.optional("model." + name, new ValueType.Real(0, false, 1, true), null,
                doc + "; absent: the book's " + number(reader.defaults().get(name)) + ". Only for the optimisers named.");
    }

    /** A number as the docs write it: 0.9, 1e-6. */
    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String[] ids(LinearRegression.Loss[] losses) {
        return java.util.Arrays.stream(losses).map(LinearRegression.Loss::id).toArray(String[]::new);
    }

    @Override
    public String name() {
        return "regression";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "D2L's linear regression (ch. 3) with weight decay, and ch. 12's optimisers (SGD to Adam and Yogi) on the "
                + "airfoil data, logged as often as the book plots";
    }

    @Override
    public String unit() {
        return "examples";
    }

    @Override
    public List<Key> keys() {
        List<Key> keys = new ArrayList<>(List.of(DATASET, PATH, LOSS, OPTIMIZER, BATCH, LR, WEIGHT_DECAY));
        keys.addAll(HYPERS);
        keys.add(EXAMPLES);
        return keys;
    }

    @Override
    public List<Check> checks() {
        return List.of(RegressionKind::dataThere, RegressionKind::batchFits, RegressionKind::hyperparametersRead);
    }

    private static List<Problem> dataThere(Scenario s) {
        String dataset = s.text(DATASET.path());
        if (!dataset.equals(AIRFOIL)) {
            return s.has(PATH.path()) ? List.of(s.problem(PATH.path(), "only `airfoil` is read from a folder; the "
                    + dataset + " data set is drawn from the seed")) : List.of();
        }
        Path folder = folder(s);
        if (Airfoil.isIn(folder)) {
            return List.of();
        }
        String where = s.has(PATH.path()) ? folder.toAbsolutePath().toString() : "any of " + DataHome.candidates(AIRFOIL);
        return List.of(s.problem(PATH.path(), "no " + Airfoil.FILE + " in " + where + "; " + Airfoil.howToGet()));
    }

    private static List<Problem> batchFits(Scenario s) {
        int n = TRAINING_EXAMPLES.get(s.text(DATASET.path()));
        long batch = s.integer(BATCH.path());
        return batch <= n ? List.of() : List.of(s.problem(BATCH.path(), "a minibatch of " + batch + " is larger than the "
                + n + " training examples of " + s.text(DATASET.path()) + "; give at most " + n
                + " (all of them: gradient descent)"));
    }

    private static List<Problem> hyperparametersRead(Scenario s) {
        BookOptimizer optimizer = BookOptimizer.of(s.text(OPTIMIZER.path()));
        List<Problem> problems = new ArrayList<>();
        for (Key k : HYPERS) {
            String name = k.path().substring("model.".length());
            if (s.has(k.path()) && !optimizer.defaults().containsKey(name)) {
                problems.add(s.problem(k.path(), "optimizer " + optimizer.id() + " has no " + name + "; it reads "
                        + (optimizer.defaults().isEmpty() ? "only the learning rate"
                        : String.join(", ", optimizer.defaults().keySet().stream().map(h -> "model." + h).toList()))));
            }
        }
        return problems;
    }

    private static Path folder(Scenario s) {
        return s.has(PATH.path()) ? Path.of(s.text(PATH.path())) : DataHome.find(AIRFOIL);
    }

    @Override
    public Trainer create(Scenario s) {
        return new Run(s);
    }

    /** A regression run: the data, the model and its optimiser, the example-counting loop, and checkpoints. */
    private static final class Run implements Trainer {

        private static final String MODEL_FILE = "regression.safetensors";

        private final String dataset;
        private final RegressionData data;
        private final LinearRegression model;
        private final RegressionTrainer trainer;
        private final long budget;
        private Map<String, Double> lastChunk = Map.of();

        Run(Scenario s) {
            dataset = s.text(DATASET.path());
            try {
                data = switch (dataset) {
                    case SYNTHETIC -> RegressionData.synthetic(s.seed());
                    case HIGH_DIM -> RegressionData.highDimensional(s.seed());
                    default -> RegressionData.airfoil(folder(s).resolve(Airfoil.FILE));
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            Map<String, Double> given = new LinkedHashMap<>();
            for (Key k : HYPERS) {
                if (s.has(k.path())) {
                    given.put(k.path().substring("model.".length()), s.number(k.path()));
                }
            }
            BookOptimizer optimizer = BookOptimizer.of(s.text(OPTIMIZER.path()));
            float lr = (float) s.number(LR.path());
            model = new LinearRegression(data.features(), LinearRegression.Loss.of(s.text(LOSS.path())),
                    (float) s.number(WEIGHT_DECAY.path()), params -> optimizer.create(params, lr, given),
                    Rng.split(s.seed(), "init"));
            trainer = new RegressionTrainer(model, data.train(), s.intValue(BATCH.path()), s.seed(), Backends.getDefault());
            budget = s.integer(EXAMPLES.path());
        }

        @Override
        public long done() {
            return trainer.examplesDone();
        }

        @Override
        public long budget() {
            return budget;
        }

        @Override
        public Map<String, Double> train(long units) {
            RegressionTrainer.Chunk chunk = trainer.train(units);
            Map<String, Double> m = new LinkedHashMap<>();
            if (dataset.equals(AIRFOIL)) {
                m.put("loss", model.loss(data.train()));
            }
            m.put("train_loss", chunk.trainLoss());
            if (data.validation() != null) {
                m.put("val_loss", model.loss(data.validation()));
            }
            m.putAll(parameters());
            lastChunk = m;
            return m;
        }

        /** What the data set's section says of the learned parameters: their errors, or the weight's size. */
        private Map<String, Double> parameters() {
            Map<String, Double> m = new LinkedHashMap<>();
            if (dataset.equals(SYNTHETIC)) {
                float[] w = model.weight();
                double sum = 0;
                for (int i = 0; i < w.length; i++) {
                    sum += Math.pow(data.weight()[i] - w[i], 2);
                }
                m.put("w_error", Math.sqrt(sum));
                m.put("b_error", (double) Math.abs(data.bias() - model.bias()));
            } else if (dataset.equals(HIGH_DIM)) {
                double norm = model.weightNorm();
                m.put("l2_penalty", norm * norm / 2);
                m.put("w_norm", norm);
            }
            return m;
        }

        @Override
        public Map<String, Double> evaluate() {
            Map<String, Double> m = new LinkedHashMap<>();
            if (dataset.equals(AIRFOIL)) {
                m.put("loss", model.loss(data.train()));
                return m;
            }
            m.putAll(parameters());
            m.put("val_loss", model.loss(data.validation()));
            m.put("train_loss", model.loss(data.train()));
            return m;
        }

        @Override
        public Optional<String> nonFinite() {
            return checkpoint().nonFinite(lastChunk);
        }

        @Override
        public TrainerState save() {
            return checkpoint().save(trainer.examplesDone());
        }

        @Override
        public void restore(TrainerState state) {
            trainer.examplesDone(checkpoint().restore(state));
        }

        private NetworkCheckpoint checkpoint() {
            return new NetworkCheckpoint("the regression", MODEL_FILE, "examples", model.net(), model.optimizer());
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
