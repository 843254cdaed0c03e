package org.jdive.gan.ddpm;

import java.util.Locale;
import org.jdive.core.Rng;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.ArrayDataset;

/**
 * DDPM training speed: images per second of a training step (forward, backward and Adam) of the MNIST U-Net
 * (1 × 28 × 28, self-attention at 7 × 7) on random images in [-1, 1] (speed does not depend on the pixels), and of one
 * sampling step (a forward pass). {@code DdpmThroughput [backend] [steps] [width] [batch]}; a first epoch of 2 steps
 * warms up.
 */
public final class DdpmThroughput {

    private DdpmThroughput() {
    }

    /** Runs the measurement in the class comment and prints images per second. */
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "cpu";
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int width = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        Backend backend = Backends.get(name);
        UNetConfig net = new UNetConfig(1, 28, width, true);
        NoiseSchedule schedule = NoiseSchedule.linear(1000, 1e-4, 0.02);
        var settings = new DdpmTrainer.Settings(batch, 1e-3f, 0);
        var rng = Rng.seeded(1);
        int dim = 28 * 28;
        float[] pixels = new float[steps * batch * dim];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 2 * rng.nextFloat() - 1;
        }
        var all = new ArrayDataset(pixels, net.imageShape(), new float[steps * batch], new int[0]);
        try (var warm = new DdpmTrainer(net, schedule, settings, all.range(0, 2 * batch), backend)) {
            warm.trainEpoch();
        }
        try (var t = new DdpmTrainer(net, schedule, settings, all, backend)) {
            DdpmTrainer.EpochRecord r = t.trainEpoch();
            long start = System.nanoTime();
            int sampleSteps = 5;
            t.sample(batch, Rng.seeded(2), Sampling.ddim(sampleSteps, 0, true), batch);
            double sampleSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "DDPM U-Net 1x28x28 width %d batch %d on %s (%d threads), %d parameters: "
                            + "training %.1f images/s (%d steps in %.1f s), sampling %.1f image-steps/s%n",
                    width, batch, backend.name(), Runtime.getRuntime().availableProcessors(),
                    t.ddpm().net().parameterCount(), r.steps() * batch / r.seconds(), r.steps(), r.seconds(),
                    sampleSteps * batch / sampleSeconds);
        }
    }
}
