package org.jdive.gan.kinds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.core.nn.Module;
import org.jdive.engine.scenario.Key;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.TrainerKind;
import org.jdive.engine.scenario.ValueType;
import org.jdive.engine.train.Sampler;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;
import org.jdive.gan.Moments;
import org.jdive.gan.toy.ToyData;
import org.jdive.gan.toy.ToyGan;

/**
 * {@code model.kind: toy-gan}: D2L 20.1's GAN on a 2-D Gaussian, D2L's settings by default. Its evaluation
 * compares 1,000 generated points with the data's law: the distance of their mean from {@code b} and of their
 * covariance from {@code AᵀA} (Frobenius).
 */
public final class ToyGanKind implements TrainerKind {

    static final Key POINTS = Key.optional("model.points", new ValueType.Int(2, 10_000_000), (long) ToyData.SIZE,
            "Training points drawn from N(0, I)·A + b.");
    static final Key BATCH = GanKeys.batchSize(8, 1);
    static final Key LR_D = GanKeys.learningRate("model.lr_d", 0.05, "Adam's learning rate for the discriminator.");
    static final Key LR_G = GanKeys.learningRate("model.lr_g", 0.005, "Adam's learning rate for the generator.");
    static final Key INIT_STD = Key.optional("model.init_std", new ValueType.Real(0, false, Double.POSITIVE_INFINITY, false),
            0.02, "Every parameter is drawn from N(0, init_std²).");
    static final Key EPOCHS = GanKeys.epochs(20);

    /** Points drawn for the evaluation. */
    private static final int EVAL_POINTS = 1000;

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public ToyGanKind() {
    }

    @Override
    public String name() {
        return "toy-gan";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "D2L 20.1's GAN: a Linear(2, 2) generator learns a 2-D Gaussian";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(POINTS, BATCH, LR_D, LR_G, INIT_STD, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(GanKeys.batchFitsData(BATCH, POINTS));
    }

    @Override
    public Trainer create(Scenario scenario) {
        return new Run(scenario);
    }

    private static final class Run extends EpochTrainer implements Sampler {

        private final ToyGan gan;
        private final long seed;

        Run(Scenario s) {
            super(s.integer(EPOCHS.path()));
            seed = s.seed();
            gan = new ToyGan(new ToyGan.Config(s.intValue(POINTS.path()), s.intValue(EPOCHS.path()), s.intValue(BATCH.path()),
                    (float) s.number(LR_D.path()), (float) s.number(LR_G.path()), (float) s.number(INIT_STD.path()), seed),
                    Backends.get(s.text("backend")));
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
            return GanKeys.metrics(gan.trainEpoch());
        }

        @Override
        public Map<String, Double> evaluate() {
            Moments m = Moments.of(gan.generate(EVAL_POINTS, Rng.split(seed, "eval")), ToyGan.DIM);
            double[][] cov = ToyData.covariance();
            double covError = 0;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    covError += Math.pow(m.covariance()[i][j] - cov[i][j], 2);
                }
            }
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("mean_error", Math.hypot(m.mean()[0] - ToyData.B[0], m.mean()[1] - ToyData.B[1]));
            out.put("cov_error", Math.sqrt(covError));
            return out;
        }

        @Override
        public TrainerState save() {
            return GanKeys.save(gan);
        }

        @Override
        public void restore(TrainerState state) {
            GanKeys.restore(gan, state);
        }

        /** Writes {@code samples.csv}: {@code count} generated points, one {@code x,y} per line. */
        @Override
        public List<Path> sample(int count, long sampleSeed, Path folder) throws IOException {
            return List.of(Points.writeCsv(folder.resolve("samples.csv"), gan.generate(count, Rng.split(sampleSeed, "sample"))));
        }

        @Override
        public void close() {
            gan.close();
        }
    }

    /** Writing 2-D points. */
    static final class Points {

        private Points() {
        }

        /** Writes {@code [n, 2]} points as CSV with a header, atomically. */
        static Path writeCsv(Path file, float[] points) throws IOException {
            StringBuilder b = new StringBuilder("x,y\n");
            for (int i = 0; i < points.length / 2; i++) {
                b.append(points[2 * i]).append(',').append(points[2 * i + 1]).append('\n');
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, b);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return file;
        }
    }
}
