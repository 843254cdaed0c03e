package org.jdive.gan.dcgan;

import java.nio.file.Path;
import org.jdive.core.backend.Backends;
import org.jdive.gan.EpochStats;
import org.jdive.gan.data.ImageDatasets;

/**
 * Trains a DCGAN on the MNIST digits in {@code data/mnist} and writes a sample grid per epoch:
 * {@code DcganMnistMain [size 28|32] [width] [epochs] [images] [outDir] [variant d2l|pytorch] [backend]}.
 */
public final class DcganMnistMain {

    private DcganMnistMain() {
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int images = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        Path out = Path.of(args.length > 4 ? args[4] : "runs/dcgan-mnist");
        Variant variant = Variant.valueOf((args.length > 5 ? args[5] : "pytorch").toUpperCase(java.util.Locale.ROOT));
        String backend = args.length > 6 ? args[6] : "cpu";
        var data = ImageDatasets.mnist(Path.of("data/mnist/mnist-10k-images-idx3-ubyte.gz"),
                Path.of("data/mnist/mnist-10k-labels-idx1-ubyte.gz"), size).range(0, images);
        var settings = variant == Variant.D2L ? DcganTrainer.Settings.d2l(0) : DcganTrainer.Settings.pytorch(0);
        settings = new DcganTrainer.Settings(64, variant == Variant.D2L ? settings.lr() : 0.0005f, 0.5f, 0.999f,
                settings.reduction(), 0);
        try (var t = new DcganTrainer(DcganConfig.mnist(size, width, variant), settings, data, Backends.get(backend))) {
            System.out.println("before: " + t.quality(500));
            for (int e = 0; e < epochs; e++) {
                EpochStats s = t.trainEpoch();
                t.writeSampleGrid(out.resolve(String.format("epoch-%03d.png", e)));
                System.out.println(s + "; " + t.quality(500));
            }
        }
    }
}
