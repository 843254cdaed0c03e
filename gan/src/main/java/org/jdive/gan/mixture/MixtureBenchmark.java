package org.jdive.gan.mixture;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.core.backend.Backends;

/**
 * Trains a plain GAN on the 8-mode ring or the 25-mode grid and prints, per epoch, the losses and the mode
 * coverage over 2,500 samples, and with an output folder a scatter plot of those samples per epoch:
 * {@code MixtureBenchmark ring|grid [epochs] [seed] [backend] [outDir]}.
 */
public final class MixtureBenchmark {

    private MixtureBenchmark() {
    }

    /** Runs the command line in the class comment. */
    public static void main(String[] args) throws IOException {
        String which = args.length > 0 ? args[0] : "ring";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
        String backend = args.length > 3 ? args[3] : "cpu";
        Path out = args.length > 4 ? Path.of(args[4]) : null;
        GaussianMixture mixture = switch (which) {
            case "ring" -> GaussianMixture.ring8();
            case "grid" -> GaussianMixture.grid25();
            default -> throw new IllegalArgumentException("unknown mixture '" + which + "'; known: ring, grid");
        };
        System.out.println(mixture + ", " + epochs + " epochs, seed " + seed + ", backend " + backend);
        try (MixtureGan gan = new MixtureGan(mixture, MixtureGan.Config.metz(epochs, seed), Backends.get(backend))) {
            for (MixtureGan.Report r : gan.train(System.out::println)) {
                if (out != null) {
                    MixturePlot.write(out.resolve(String.format("%s-epoch-%04d.png", which, r.stats().epoch())),
                            "epoch " + r.stats().epoch(), mixture, r.samples(), 400);
                }
            }
        }
    }
}
