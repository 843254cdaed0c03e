package org.jdive.gan.kinds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.jdive.gan.io.SampleGrid;
import org.jdive.gan.vae.VaeConfig;
import org.jdive.gan.vae.VaeTrainer;

/**
 * {@code model.kind: vae}: a convolutional variational autoencoder (Kingma and Welling 2014) on MNIST or
 * Fashion-MNIST at 28 × 28. Every epoch logs the ELBO and its reconstruction and KL terms on the training and the
 * held-out images, writes decoded prior samples to {@code samples/epoch-NNNN.png} and, in {@code plots/},
 * reconstructions of held-out images, prior samples and a latent interpolation grid. A resumed run on the CPU
 * continues exactly.
 */
public final class VaeKind implements TrainerKind {

    static final Key PATH = Key.optional("data.path", new ValueType.Text(), null,
            "The folder of the MNIST or Fashion-MNIST IDX files (absent: `mnist` under $JDIVE_DATA, else `data/mnist` in "
                    + "the working directory or the nearest parent that has one, else the copy shipped with jdive).");
    static final Key IMAGES = Key.optional("data.images", new ValueType.Int(0, Integer.MAX_VALUE), 0L,
            "Use only the first this many images (0: all), the held-out ones included.");
    static final Key HELD_OUT = Key.optional("data.held_out", new ValueType.Int(1, Integer.MAX_VALUE), 1000L,
            "The last this many images are held out: the test ELBO, the reconstructions and the interpolations use them.");
    static final Key LATENT = Key.optional("model.latent_dim", new ValueType.Int(1, 4096), 16L,
            "The size of the latent space.");
    static final Key WIDTH = Key.optional("model.width", new ValueType.Int(1, 4096), 32L,
            "Channels of the encoder's first convolution (the second has twice as many; the decoder mirrors them).");
    static final Key BATCH = Key.optional("model.batch_size", new ValueType.Int(1, 1_000_000), 128L,
            "Images per Adam step.");
    static final Key LR = GanKeys.learningRate("model.learning_rate", 1e-3, "Adam's learning rate.");
    static final Key EPOCHS = GanKeys.epochs(10);

    private static final int SIZE = 28;
    private static final int INTERPOLATION_ROWS = 8;

    /** Called by {@link java.util.ServiceLoader}, which finds it through {@code META-INF/services}. */
    public VaeKind() {
    }

    @Override
    public String name() {
        return "vae";
    }

    @Override
    public String section() {
        return "model";
    }

    @Override
    public String description() {
        return "A convolutional VAE (Kingma and Welling 2014) on MNIST or Fashion-MNIST: ELBO, reconstructions, samples, "
                + "latent interpolations";
    }

    @Override
    public String unit() {
        return "epochs";
    }

    @Override
    public List<Key> keys() {
        return List.of(PATH, IMAGES, HELD_OUT, LATENT, WIDTH, BATCH, LR, EPOCHS);
    }

    @Override
    public List<Check> checks() {
        return List.of(DcganKind::mnistFiles, VaeKind::splitFits);
    }

    /** The held-out images and a batch must leave room in the images used. */
    private static List<Problem> splitFits(Scenario s) {
        long images = s.integer(IMAGES.path());
        if (images == 0) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>();
        if (s.integer(HELD_OUT.path()) >= images) {
            problems.add(s.problem(HELD_OUT.path(), "must be less than data.images (" + images + "), got "
                    + s.integer(HELD_OUT.path())));
        } else if (s.integer(BATCH.path()) > images - s.integer(HELD_OUT.path())) {
            problems.add(s.problem(BATCH.path(), "must be at most the " + (images - s.integer(HELD_OUT.path()))
                    + " training images (data.images less data.held_out), got " + s.integer(BATCH.path())));
        }
        return problems;
    }

    @Override
    public Trainer create(Scenario scenario) {
        return new Run(scenario);
    }

    /** A VAE run: the trainer of {@link VaeKind}. */
    static final class Run extends EpochTrainer implements Sampler {

        private static final String WEIGHTS = "vae.safetensors";

        private final VaeTrainer vae;
        private final Dataset heldOut;
        private final Backend backend;
        private final int batchSize;

        Run(Scenario s) {
            super(s.integer(EPOCHS.path()));
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
            vae = new VaeTrainer(new VaeConfig(1, SIZE, s.intValue(LATENT.path()), s.intValue(WIDTH.path())),
                    new VaeTrainer.Settings(batchSize, (float) s.number(LR.path()), s.seed()), all.range(0, split), backend);
        }

        /** The trainer, for tests. */
        VaeTrainer vae() {
            return vae;
        }

        @Override
        int epochsDone() {
            return vae.epochsDone();
        }

        @Override
        Map<String, Module> networks() {
            return Map.of("the VAE", vae.vae());
        }

        @Override
        Map<String, Double> trainEpoch() {
            VaeTrainer.EpochRecord r = vae.trainEpoch();
            Map<String, Double> m = terms("", r.train());
            m.putAll(evaluate());
            m.put("images_per_s", r.steps() * (double) batchSize / r.seconds());
            return m;
        }

        private static Map<String, Double> terms(String prefix, VaeTrainer.Terms t) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(prefix + "elbo", t.elbo());
            m.put(prefix + "reconstruction", t.reconstruction());
            m.put(prefix + "kl", t.kl());
            return m;
        }

        /** The held-out ELBO and its terms. */
        @Override
        public Map<String, Double> evaluate() {
            return terms("test_", vae.evaluate(heldOut));
        }

        /** Prior samples in {@code png}, and the latest reconstructions, samples and interpolations in {@code plots/}. */
        @Override
        void writeEpochImage(Path png) throws IOException {
            vae.writeSamples(png);
            Path plots = runFolder().resolve("plots");
            Files.createDirectories(plots);
            vae.writeSamples(plots.resolve("vae-samples.png"));
            vae.writeReconstructions(heldOut, plots.resolve("vae-reconstructions.png"));
            vae.writeInterpolations(heldOut, Math.min(INTERPOLATION_ROWS, heldOut.size() / 2),
                    plots.resolve("vae-interpolations.png"));
        }

        @Override
        public TrainerState save() {
            return checkpoint().save(vae.epochsDone());
        }

        @Override
        public void restore(TrainerState state) {
            vae.epochsDone(Math.toIntExact(checkpoint().restore(state)));
        }

        private NetworkCheckpoint checkpoint() {
            return new NetworkCheckpoint("the VAE", WEIGHTS, "epochs", vae.vae(), vae.optimizer());
        }

        /** Writes {@code count} images decoded from the prior, {@code sample-NNNN.png}, and all of them as {@code grid.png}. */
        @Override
        public List<Path> sample(int count, long seed, Path folder) throws IOException {
            float[] pixels = vae.sample(count, Rng.split(seed, "sample"));
            List<Path> files;
            try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
                Tensor images = Tensor.of(backend, pixels, count, 1, SIZE, SIZE).mul(2f).sub(1f);
                files = new ArrayList<>(SampleGrid.writeEach(folder, "sample", images));
                Path grid = folder.resolve("grid.png");
                SampleGrid.write(grid, images, (int) Math.ceil(Math.sqrt(count)));
                files.add(grid);
            }
            return files;
        }

        @Override
        public void close() {
            vae.close();
        }
    }
}
