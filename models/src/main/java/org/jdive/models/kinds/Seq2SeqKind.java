package org.jdive.models.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.DataHome;
import org.jdive.core.optim.Adam;
import org.jdive.engine.RunPlots;
import org.jdive.engine.chart.HeatMapChart;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.NetworkCheckpoint;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.models.classify.EpochStream;
import org.jdive.models.translate.Bleu;
import org.jdive.models.translate.FraEng;
import org.jdive.models.translate.Seq2Seq;
import org.jdive.models.translate.Seq2SeqSettings;
import org.jdive.models.translate.TranslationTrainer;
import org.jdive.models.translate.Translator;

/**
 * {@code model.kind: seq2seq}: D2L's English→French translation (10.7, 11.4, 11.7, PyTorch edition 1.0.3): a GRU
 * encoder–decoder, the same with Bahdanau attention, or the Transformer, trained with teacher forcing, the masked
 * cross-entropy, Adam and gradients clipped to norm 1. Per epoch: the training loss, the mean BLEU (k = 2) of the greedy
 * translations of the validation pairs and the BLEU of the book's four sentences. When training ends, the attention
 * models draw their attention weights over the four sentences as heat maps in {@code plots/}. Its samples
 * ({@code jdive sample RUN --option source="i'm home ."}) are translations, written to {@code translation.txt} (with a
 * heat map for attention models).
 */
public final class Seq2SeqKind implements TrainerKind {

    private static final Seq2SeqSettings GRU = Seq2SeqSettings.d2l("gru");
    private static final Seq2SeqSettings TRANSFORMER = Seq2SeqSettings.d2l("transformer");

    static final Key PATH = Key.optional("data.path", new ValueType.Text(), null,
            "The folder of fra-eng.txt; absent: found as `fra-eng` under $JDIVE_DATA, data/ here or above, or jdive's "
                    + "own data/.");
    static final Key NUM_TRAIN = Key.optional("data.num_train", new ValueType.Int(1, Integer.MAX_VALUE),
            (long) FraEng.NUM_TRAIN, "Training pairs: the first this many of the file (D2L: 512).");
    static final Key NUM_VAL = Key.optional("data.num_val", new ValueType.Int(1, Integer.MAX_VALUE),
            (long) FraEng.NUM_VAL, "Validation pairs: the next this many, plus one as the book's loop reads (D2L: 128).");
    static final Key NUM_STEPS = Key.optional("data.num_steps", new ValueType.Int(1, 1000), (long) FraEng.NUM_STEPS,
            "Words per sentence, after truncating or padding, and the longest translation (D2L: 9).");
    static final Key ARCH = Key.optional("model.arch", ValueType.Choice.of(Seq2SeqSettings.ARCHS.toArray(String[]::new)),
            "gru", "The network: `gru` (D2L 10.7, an RNN encoder-decoder), `bahdanau` (11.4, its decoder with additive "
                    + "attention) or `transformer` (11.7).");
    static final Key EMBED = Key.optional("model.embed_size", new ValueType.Int(1, 1_000_000), (long) GRU.embedSize(),
            "Word embedding size of the GRU models (D2L: 256); the Transformer embeds into num_hiddens.");
    static final Key HIDDEN = Key.optional("model.num_hiddens", new ValueType.Int(1, 1_000_000), (long) GRU.numHiddens(),
            "GRU hidden units, or the Transformer's width (D2L: 256 for both).");
    static final Key LAYERS = Key.optional("model.num_layers", new ValueType.Int(1, 100), (long) GRU.numLayers(),
            "GRU layers, or Transformer blocks (D2L: 2 for both).");
    static final Key FFN = Key.optional("model.ffn_num_hiddens", new ValueType.Int(1, 1_000_000),
            (long) TRANSFORMER.ffnNumHiddens(), "Hidden units of the Transformer's position-wise FFN (D2L: 64).");
    static final Key HEADS = Key.optional("model.num_heads", new ValueType.Int(1, 1024), (long) TRANSFORMER.numHeads(),
            "The Transformer's attention heads; num_hiddens must be a multiple (D2L: 4).");
    static final Key DROPOUT = Key.optional("model.dropout", new ValueType.Real(0, false, 1, true),
            GRU.dropout(), "Dropout probability wherever the book applies it (D2L: 0.2).");
    static final Key LR = Key.optional("model.learning_rate", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            null, "Adam's learning rate; absent: the book's, " + GRU.learningRate() + " for gru and bahdanau, "
                    + TRANSFORMER.learningRate() + " for the transformer.");
    static final Key CLIP = Key.optional("model.grad_clip", new ValueType.Real(0, true, Double.POSITIVE_INFINITY, false),
            GRU.gradClip(), "The joint L2 norm the gradients are clipped to before each step (D2L: 1).");
    static final Key BATCH = Key.optional("model.batch_size", new ValueType.Int(1, 1_000_000), (long) GRU.batchSize(),
            "Pairs per Adam step (D2L: 128).");
    static final Key EPOCHS = Key.optional("budget.epochs", new ValueType.Int(1, 1_000_000), 30L,
            "Epochs to train, each one pass over the training pairs (D2L: 30).");

    static final String SAMPLE_FILE = "translation.txt";

    @Override
    public String name() {
        return "seq2seq";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "D2L's English-French translation (GRU encoder-decoder, Bahdanau attention, Transformer) with per-epoch "
                + "BLEU, greedy translation of a sentence and attention heat maps";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(PATH, NUM_TRAIN, NUM_VAL, NUM_STEPS, ARCH, EMBED, HIDDEN, LAYERS, FFN, HEADS, DROPOUT, LR, CLIP,
                BATCH, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(Seq2SeqKind::dataThere, Seq2SeqKind::headsDivideWidth);
    }

    private static List<Problem> dataThere(Scenario s) {
        Path folder = folder(s);
        if (Files.isRegularFile(folder.resolve(FraEng.FILE))) {
            return List.of();
        }
        String where = s.has(PATH.path()) ? folder.toAbsolutePath().toString()
                : "any of " + DataHome.candidates(FraEng.NAME);
        return List.of(s.problem(PATH.path(), "no " + FraEng.FILE + " in " + where));
    }

    private static List<Problem> headsDivideWidth(Scenario s) {
        int width = s.intValue(HIDDEN.path());
        int heads = s.intValue(HEADS.path());
        if (!s.text(ARCH.path()).equals("transformer") || width % heads == 0) {
            return List.of();
        }
        return List.of(s.problem(HEADS.path(), "the Transformer splits its width " + width + " (model.num_hiddens) "
                + "among the heads: " + heads + " heads do not divide it; use a divisor of " + width));
    }

    private static Path folder(Scenario s) {
        return s.has(PATH.path()) ? Path.of(s.text(PATH.path())) : DataHome.find(FraEng.NAME);
    }

    static Seq2SeqSettings settings(Scenario s) {
        String arch = s.text(ARCH.path());
        double lr = s.has(LR.path()) ? s.number(LR.path()) : Seq2SeqSettings.d2l(arch).learningRate();
        return new Seq2SeqSettings(arch, s.intValue(EMBED.path()), s.intValue(HIDDEN.path()), s.intValue(LAYERS.path()),
                s.intValue(FFN.path()), s.intValue(HEADS.path()), s.number(DROPOUT.path()), lr, s.number(CLIP.path()),
                s.intValue(BATCH.path()));
    }

    @Override
    public Trainer create(Scenario s) {
        return new Run(s);
    }

    /** A translation run: the network, Adam, the epoch loop, checkpoints of both, and the attention heat maps. */
    private static final class Run implements Trainer, Sampler {


        private final long budget;
        private final FraEng data;
        private final Seq2Seq net;
        private final Adam adam;
        private final TranslationTrainer trainer;
        private Path runFolder;
        private Map<String, Double> lastEpoch = Map.of();

        Run(Scenario s) {
            try {
                data = FraEng.load(folder(s), s.intValue(NUM_STEPS.path()), s.intValue(NUM_TRAIN.path()),
                        s.intValue(NUM_VAL.path()));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            budget = s.integer(EPOCHS.path());
            Seq2SeqSettings settings = settings(s);
            EpochStream masks = new EpochStream(s.seed(), "dropout");
            net = settings.build(data.sourceVocab().size(), data.targetVocab().size(), Rng.split(s.seed(), "init"), masks);
            adam = new Adam(net.parameters(), (float) settings.learningRate());
            trainer = new TranslationTrainer(new Translator(net, adam, (float) settings.gradClip(), data.targetVocab()), data,
                    Math.min(settings.batchSize(), data.train().count()), s.seed(), masks, Backends.getDefault());
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
                TranslationTrainer.Epoch e = trainer.trainEpoch();
                Map<String, Double> m = new LinkedHashMap<>();
                m.put("train_loss", e.trainLoss());
                m.put("val_bleu", e.validationBleu());
                for (int k = 0; k < e.sentenceBleu().size(); k++) {
                    m.put("bleu_" + slug(TranslationTrainer.ENGLISH.get(k)), e.sentenceBleu().get(k));
                }
                lastEpoch = m;
            }
            if (finished() && runFolder != null) {
                writeAttentionMaps(runFolder.resolve(RunPlots.FOLDER));
            }
            return lastEpoch;
        }

        /** {@code "he's calm ."} → {@code hes_calm}: a metric-name-safe form of a sentence. */
        private static String slug(String sentence) {
            return sentence.replaceAll("[^a-z ]", "").trim().replace(' ', '_');
        }

        /** The book's heat maps (11.4, 11.7): each of the four sentences' attention weights, for attention models. */
        private void writeAttentionMaps(Path plots) {
            List<Translator.Translation> t = trainer.bookSentences();
            try {
                for (int k = 0; k < t.size(); k++) {
                    if (t.get(k).attention() != null) {
                        heatMap(TranslationTrainer.ENGLISH.get(k), t.get(k), plots.resolve("attention-"
                                + slug(TranslationTrainer.ENGLISH.get(k)) + ".png"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot draw the attention heat maps: " + e.getMessage(), e);
            }
        }

        /** Rows: the words predicted (with the {@code <eos>} that ends them, if any); columns: the source's words. */
        private void heatMap(String english, Translator.Translation t, Path png) throws IOException {
            List<String> source = new ArrayList<>(List.of(FraEng.preprocess(english).split(" ")));
            source.add(FraEng.EOS);
            int cols = Math.min(source.size(), data.numSteps());
            List<String> rows = new ArrayList<>(t.words());
            if (rows.size() < t.attention().length) {
                rows.add(FraEng.EOS);
            }
            double[][] values = new double[rows.size()][cols];
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < cols; c++) {
                    values[r][c] = t.attention()[r][c];
                }
            }
            Files.createDirectories(png.getParent());
            new HeatMapChart(String.format(Locale.ROOT, "%s => %s", english, t.text()), "source (keys)",
                    "translation (queries)").rows(rows).columns(source.subList(0, cols)).values(values)
                    .writePng(png, 640, 480);
        }

        @Override
        public void writeFilesTo(Path folder) {
            runFolder = folder;
        }

        @Override
        public Map<String, Double> evaluate() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("bleu", trainer.translator().meanBleu(data.validation(), data.validationReferences(),
                    Backends.getDefault()));
            return m;
        }

        @Override
        public List<Path> sample(int count, long seed, Path folder) throws IOException {
            return sample(count, seed, Map.of(), folder);
        }

        @Override
        public Map<String, String> sampleOptions() {
            return Map.of("source", "the English sentence to translate (default: the book's four, "
                    + String.join(", ", TranslationTrainer.ENGLISH) + ")", "beam", "beam search (D2L 10.8) with this many "
                    + "hypotheses, scored by log P / L^" + Translator.BEAM_ALPHA + " (default: greedy, with attention heat maps)");
        }

        /**
         * The translation of {@code source} (or of the book's four sentences), greedy or by beam search of width
         * {@code beam}, one {@code english => french} line each ({@code count} and {@code seed} are not needed), with an
         * attention heat map per sentence for greedy translations by attention models.
         */
        @Override
        public List<Path> sample(int count, long seed, Map<String, String> options, Path folder) throws IOException {
            checkOptions(options);
            List<String> english = options.containsKey("source") ? List.of(options.get("source"))
                    : TranslationTrainer.ENGLISH;
            List<String> none = english.stream().map(e -> "").toList();
            FraEng.Examples sources = data.build(english, none);
            List<Translator.Translation> t = options.containsKey("beam")
                    ? trainer.translator().translateBeam(sources, beamWidth(options.get("beam")), Backends.getDefault())
                    : trainer.translator().translate(sources, Backends.getDefault());
            Files.createDirectories(folder);
            List<Path> files = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < t.size(); k++) {
                text.append(english.get(k)).append(" => ").append(t.get(k).text()).append('\n');
                if (t.get(k).attention() != null) {
                    Path png = folder.resolve("attention-" + (k + 1) + ".png");
                    heatMap(english.get(k), t.get(k), png);
                    files.add(png);
                }
            }
            Path file = folder.resolve(SAMPLE_FILE);
            Files.writeString(file, text.toString());
            files.addFirst(file);
            return files;
        }

        private static int beamWidth(String text) {
            try {
                int width = Integer.parseInt(text.trim());
                if (width >= 1) {
                    return width;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new IllegalArgumentException("option beam must be a whole number of hypotheses >= 1, got '" + text + "'");
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
            return NetworkCheckpoint.ofEpochs("the translation model", net, adam);
        }

        @Override
        public void close() {
            net.close();
        }
    }
}
