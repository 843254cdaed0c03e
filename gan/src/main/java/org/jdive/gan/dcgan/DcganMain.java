package org.jdive.gan.dcgan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.DataHome;
import org.jdive.core.data.Dataset;
import org.jdive.core.io.TempFiles;
import org.jdive.gan.EpochStats;
import org.jdive.gan.data.ArcadeFrames;
import org.jdive.gan.data.ImageDatasets;
import org.jdive.gan.data.ImageDirectory;

/**
 * Trains a DCGAN headless and writes a run folder: a sample grid of the fixed noise per epoch
 * ({@code samples/epoch-NNNN.png}), {@code metrics.csv} (losses, D(x), D(G(z)), raw-pixel MMD and sliced
 * Wasserstein on 500 images, images/s), and a checkpoint per epoch; a run folder that holds a checkpoint is
 * resumed from its latest one.
 *
 * <pre>
 * DcganMain key=value ...
 *   data=mnist | folder:PATH | arcade:ENV_ID     (default mnist: DataHome's mnist, e.g. data/mnist)
 *   size=28 channels=1 width=16 latent=100 variant=d2l|pytorch
 *   epochs=5 batch=64 lr=(recipe's) images=0 (all; arcade: 5000 frames) seed=0 backend=cpu out=runs/dcgan
 * </pre>
 */
public final class DcganMain {

    private static final List<String> KEYS = List.of("data", "size", "channels", "width", "latent", "variant", "epochs",
            "batch", "lr", "images", "seed", "backend", "out");

    private static final int ARCADE_FRAMES = 5000;

    private DcganMain() {
    }

    /** Runs the command line in the class comment. */
    public static void main(String[] args) throws IOException {
        Map<String, String> o = parse(args);
        Variant variant = Variant.valueOf(o.getOrDefault("variant", "pytorch").toUpperCase(Locale.ROOT));
        long seed = Long.parseLong(o.getOrDefault("seed", "0"));
        DcganTrainer.Settings recipe = variant == Variant.D2L ? DcganTrainer.Settings.d2l(seed) : DcganTrainer.Settings.pytorch(seed);
        var settings = new DcganTrainer.Settings(Integer.parseInt(o.getOrDefault("batch", "64")),
                Float.parseFloat(o.getOrDefault("lr", Float.toString(recipe.lr()))), recipe.beta1(), recipe.beta2(),
                recipe.reduction(), seed);
        int size = Integer.parseInt(o.getOrDefault("size", "28"));
        int width = Integer.parseInt(o.getOrDefault("width", "16"));
        String source = o.getOrDefault("data", "mnist");
        int channels = Integer.parseInt(o.getOrDefault("channels", source.equals("mnist") ? "1" : "3"));
        var net = new DcganConfig(channels, size, Integer.parseInt(o.getOrDefault("latent", "100")), width, width, variant);
        Path out = Path.of(o.getOrDefault("out", "runs/dcgan"));
        Backend backend = Backends.get(o.getOrDefault("backend", "cpu"));
        int images = Integer.parseInt(o.getOrDefault("images", "0"));     // 0: all (arcade: 5,000 frames)
        Dataset data = load(source, size, channels, images > 0 ? images : ARCADE_FRAMES, seed, out);
        if (images > 0 && images < data.size()) {
            data = data.range(0, images);
        }
        int epochs = Integer.parseInt(o.getOrDefault("epochs", "5"));
        System.out.println(net + ", " + settings + ", " + data.size() + " images, backend " + backend.name());
        try (var t = new DcganTrainer(net, settings, data, backend)) {
            var latest = DcganCheckpoint.latest(out);
            if (latest.isPresent()) {
                DcganCheckpoint.restore(latest.get(), t);
                System.out.println("resumed from " + latest.get() + " after epoch " + t.epochsDone());
            }
            Path metrics = out.resolve("metrics.csv");
            if (!Files.exists(metrics)) {
                Files.createDirectories(out);
                Files.writeString(metrics, "epoch,loss_d,loss_g,d_real,d_fake,mmd,sliced_wasserstein,images_per_s\n");
            }
            while (t.epochsDone() < epochs) {
                EpochStats s = t.trainEpoch();
                var q = t.quality(Math.min(500, data.size()));
                t.writeSampleGrid(out.resolve("samples").resolve(String.format("epoch-%04d.png", s.epoch())));
                DcganCheckpoint.save(out, t);
                double rate = s.steps() * settings.batchSize() / s.seconds();
                appendAtomically(metrics, String.format(Locale.ROOT, "%d,%.5f,%.5f,%.4f,%.4f,%.5f,%.5f,%.1f%n", s.epoch(),
                        s.lossD(), s.lossG(), s.dReal(), s.dFake(), q.mmd(), q.slicedWasserstein(), rate));
                System.out.printf(Locale.ROOT, "%s; MMD %.4f, SWD %.4f, %.1f images/s%n", s, q.mmd(), q.slicedWasserstein(), rate);
            }
        }
    }

    private static Dataset load(String source, int size, int channels, int frames, long seed, Path out) throws IOException {
        if (source.equals("mnist")) {
            if (channels != 1) {
                throw new IllegalArgumentException("MNIST has 1 channel, got channels=" + channels);
            }
            Path dir = DataHome.find("mnist");
            return ImageDatasets.mnist(dir.resolve("mnist-10k-images-idx3-ubyte.gz"),
                    dir.resolve("mnist-10k-labels-idx1-ubyte.gz"), size);
        }
        if (source.startsWith("folder:")) {
            Files.createDirectories(out);
            var loaded = ImageDirectory.load(Path.of(source.substring(7)), size, channels, out.resolve("images-cache.safetensors"));
            if (loaded.skipped() > 0) {
                System.out.println("skipped " + loaded.skipped() + " files that are not decodable images; first: " + loaded.firstSkipped());
            }
            return loaded.images();
        }
        if (source.startsWith("arcade:")) {
            return ArcadeFrames.capture(source.substring(7), frames, 4, size, seed);
        }
        throw new IllegalArgumentException("unknown data '" + source + "'; known: mnist, folder:PATH, arcade:ENV_ID");
    }

    private static void appendAtomically(Path file, String line) throws IOException {
        Path tmp = TempFiles.besides(file);
        Files.writeString(tmp, Files.readString(file) + line);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq);
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("bad argument '" + a + "': expected key=value with key one of " + KEYS);
            }
            o.put(key, a.substring(eq + 1));
        }
        return o;
    }
}
