package org.jdive.models.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.DataHome;
import org.jdive.core.data.TimeMachine;
import org.jdive.core.data.Vocab;
import org.jdive.core.nn.Gru;
import org.jdive.core.nn.Lstm;
import org.jdive.core.nn.Recurrent;
import org.jdive.core.nn.Rnn;
import org.jdive.core.optim.Sgd;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.NetworkCheckpoint;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.models.text.LanguageModel;
import org.jdive.models.text.LanguageModelTrainer;
import org.jdive.models.text.RnnLm;

/**
 * {@code model.kind: language-model}: D2L's character-level language model of The Time Machine (9.5–9.6, 10.1–10.4,
 * PyTorch edition 1.0.3): one-hot characters, a recurrent layer (RNN, GRU or LSTM, deep or bidirectional), a linear
 * output layer, minibatch SGD with gradients clipped by norm; per epoch the training and validation perplexity. Its
 * evaluation is the validation perplexity; its samples ({@code jdive sample RUN --prefix "time traveller" --n 50}) the
 * prefix continued greedily, as D2L's {@code predict}, written to {@code continuation.txt}.
 */
public final class LanguageModelKind implements TrainerKind {

    static final Key PATH = Key.optional("data.path", new ValueType.Text(), null,
            "The folder of timemachine.txt; absent: found as `timemachine` under $JDIVE_DATA, data/ here or above, or "
                    + "jdive's own data/.");
    static final Key NUM_TRAIN = Key.optional("data.num_train", new ValueType.Int(1, Integer.MAX_VALUE),
            (long) TimeMachine.NUM_TRAIN, "Training windows: those starting at the first this many characters (D2L: 10,000).");
    static final Key NUM_VAL = Key.optional("data.num_val", new ValueType.Int(1, Integer.MAX_VALUE),
            (long) TimeMachine.NUM_VAL, "Validation windows: those starting at the next this many characters (D2L: 5,000).");
    static final Key CELL = Key.optional("model.cell", ValueType.Choice.of("rnn", "gru", "lstm"), "rnn",
            "The recurrent layer, as PyTorch's: `rnn` (tanh, D2L 9.6), `gru` (10.2) or `lstm` (10.1).");
    static final Key HIDDEN = Key.optional("model.hidden_size", new ValueType.Int(1, 1_000_000), 32L,
            "Hidden units per layer and direction (D2L: 32).");
    static final Key LAYERS = Key.optional("model.num_layers", new ValueType.Int(1, 100), 1L,
            "Stacked recurrent layers (D2L 10.3: 2).");
    static final Key BIDIRECTIONAL = Key.optional("model.bidirectional", new ValueType.Bool(), false,
            "Whether each layer also reads the window backwards (D2L 10.4). Such a model sees the characters it predicts, "
                    + "so its perplexity says nothing of how well it predicts; the book builds it but trains none.");
    static final Key NUM_STEPS = Key.optional("model.num_steps", new ValueType.Int(1, 100_000), 32L,
            "Characters per window, the steps backpropagation runs through (D2L: 32).");
    static final Key BATCH = Key.optional("model.batch_size", new ValueType.Int(1, 1_000_000), 1024L,
            "Windows per SGD step (D2L: 1024).");
    static final Key LR = Key.optional("model.learning_rate", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            1.0, "SGD's learning rate (D2L: 1 for the RNN, 4 for the GRU and LSTM, 2 for the two-layer GRU).");
    static final Key CLIP = Key.optional("model.grad_clip", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            1.0, "The joint L2 norm the gradients are clipped to before each step (D2L's gradient_clip_val: 1).");
    static final Key EPOCHS = Key.optional("budget.epochs", new ValueType.Int(1, 1_000_000), 100L,
            "Epochs to train (one epoch is one pass over the training windows; D2L: 100, or 50 for the GRU and LSTM).");

    /** What {@code jdive sample} continues when given no prefix: the book's. */
    static final String DEFAULT_PREFIX = "time traveller";
    static final String SAMPLE_FILE = "continuation.txt";

    @Override
    public String name() {
        return "language-model";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "D2L's character-level language model of The Time Machine (RNN, GRU, LSTM; deep, bidirectional) with "
                + "per-epoch perplexity and greedy continuation of a prefix";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(PATH, NUM_TRAIN, NUM_VAL, CELL, HIDDEN, LAYERS, BIDIRECTIONAL, NUM_STEPS, BATCH, LR, CLIP, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(LanguageModelKind::dataThere);
    }

    private static List<Problem> dataThere(Scenario s) {
        Path folder = folder(s);
        if (Files.isRegularFile(folder.resolve(TimeMachine.FILE))) {
            return List.of();
        }
        String where = s.has(PATH.path()) ? folder.toAbsolutePath().toString()
                : "any of " + DataHome.candidates(TimeMachine.NAME);
        return List.of(s.problem(PATH.path(), "no " + TimeMachine.FILE + " in " + where));
    }

    private static Path folder(Scenario s) {
        return s.has(PATH.path()) ? Path.of(s.text(PATH.path())) : DataHome.find(TimeMachine.NAME);
    }

    @Override
    public Trainer create(Scenario s) {
        return new Run(s);
    }

    /** The recurrent layer {@code model.cell} of {@code model.*}'s sizes, reading one-hot tokens of {@code vocab}. */
    static Recurrent recurrent(Scenario s, int vocab, UniformRandomProvider init) {
        Recurrent.Stacking stacking = Recurrent.Stacking.deep(s.intValue(LAYERS.path()));
        if (s.bool(BIDIRECTIONAL.path())) {
            stacking = stacking.bothDirections();
        }
        int hidden = s.intValue(HIDDEN.path());
        return switch (s.text(CELL.path())) {
            case "rnn" -> new Rnn(vocab, hidden, stacking, init);
            case "gru" -> new Gru(vocab, hidden, stacking, init);
            case "lstm" -> new Lstm(vocab, hidden, stacking, init);
            default -> throw new IllegalStateException("unchecked cell " + s.text(CELL.path()));
        };
    }

    /** A language model's run: the network, SGD, the epoch loop, and checkpoints of both. */
    private static final class Run implements Trainer, Sampler {


        private final long budget;
        private final RnnLm net;
        private final Sgd sgd;
        private final LanguageModelTrainer trainer;
        private final TimeMachine.Splits data;
        private Map<String, Double> lastEpoch = Map.of();

        Run(Scenario s) {
            try {
                data = TimeMachine.load(folder(s), s.intValue(NUM_STEPS.path()), s.intValue(NUM_TRAIN.path()),
                        s.intValue(NUM_VAL.path()));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            budget = s.integer(EPOCHS.path());
            int vocab = data.vocab().size();
            UniformRandomProvider init = Rng.split(s.seed(), "init");
            net = new RnnLm(recurrent(s, vocab, init), vocab, init);
            sgd = new Sgd(net.parameters(), (float) s.number(LR.path()));
            trainer = new LanguageModelTrainer(new LanguageModel(net, sgd, (float) s.number(CLIP.path())), data.train(),
                    data.validation(), Math.min(s.intValue(BATCH.path()), data.train().size()), s.seed(),
                    Backends.getDefault());
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
                LanguageModelTrainer.Epoch e = trainer.trainEpoch();
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("train_ppl", e.trainPerplexity());
                m.put("val_ppl", e.validationPerplexity());
                lastEpoch = m;
            }
            return lastEpoch;
        }

        @Override
        public Map<String, Double> evaluate() {
            LanguageModel.Score score = trainer.model().evaluate(data.validation(), 1024);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("perplexity", score.perplexity());
            m.put("loss", score.loss());
            return m;
        }

        @Override
        public List<Path> sample(int count, long seed, Path folder) throws IOException {
            return sample(count, seed, Map.of(), folder);
        }

        @Override
        public Map<String, String> sampleOptions() {
            return Map.of("prefix", "the text to continue (default: \"" + DEFAULT_PREFIX + "\")");
        }

        /** The prefix and the {@code count} characters predicted after it, greedily ({@code seed} is not needed). */
        @Override
        public List<Path> sample(int count, long seed, Map<String, String> options, Path folder) throws IOException {
            checkOptions(options);
            Vocab vocab = data.vocab();
            String text = trainer.model().predict(options.getOrDefault("prefix", DEFAULT_PREFIX), count, vocab);
            Files.createDirectories(folder);
            Path file = folder.resolve(SAMPLE_FILE);
            Files.writeString(file, text + "\n");
            return List.of(file);
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
        }

        private NetworkCheckpoint checkpoint() {
            return NetworkCheckpoint.ofEpochs("the language model", net, sgd);
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
