package org.jdive.gan.dcgan;

import java.util.Locale;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.ArrayDataset;
import org.jdive.gan.EpochStats;

/**
 * DCGAN training speed: images per second of D2L's 64 × 64 RGB DCGAN (widths 64) at batch 64, one
 * discriminator and one generator update per batch, on random images in [-1, 1] (speed does not depend on the
 * pixels). {@code DcganThroughput [backend] [steps] [width]}; the first epoch of 2 steps warms up.
 */
public final class DcganThroughput {

    private DcganThroughput() {
    }

    /** Runs the measurement in the class comment and prints images per second. */
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "cpu";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int width = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Backend backend = Backends.get(name);
        int batch = 64;
        var net = new DcganConfig(3, 64, 100, width, width, Variant.D2L);
        var settings = DcganTrainer.Settings.d2l(0);
        settings = new DcganTrainer.Settings(batch, settings.lr(), settings.beta1(), settings.beta2(), settings.reduction(), 0);
        var rng = Rng.seeded(1);
        int dim = 3 * 64 * 64;
        float[] pixels = new float[steps * batch * dim];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 2 * rng.nextFloat() - 1;
        }
        var all = new ArrayDataset(pixels, net.imageShape(), new float[steps * batch], new int[0]);
        try (var warm = new DcganTrainer(net, settings, all.range(0, 2 * batch), backend)) {
            warm.trainEpoch();
        }
        try (var t = new DcganTrainer(net, settings, all, backend)) {
            EpochStats s = t.trainEpoch();
            System.out.printf(Locale.ROOT, "DCGAN 3x64x64 width %d batch %d on %s (%d threads): %d steps in %.1f s, %.1f images/s%n",
                    width, batch, backend.name(), Runtime.getRuntime().availableProcessors(), s.steps(), s.seconds(),
                    s.steps() * batch / s.seconds());
        }
    }
}
