package org.jdive.gan.mixture;

import org.jdive.core.backend.Backends;

/**
 * Trains a plain GAN on the 8-mode ring or the 25-mode grid and prints, per epoch, the losses and the mode
 * coverage over 2,500 samples: {@code MixtureBenchmark ring|grid [epochs] [seed] [backend]}.
 */
public final class MixtureBenchmark {

    private MixtureBenchmark() {
    }

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "ring";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 0;
        String backend = args.length > 3 ? args[3] : "cpu";
        GaussianMixture mixture = switch (which) {
            case "ring" -> GaussianMixture.ring8();
            case "grid" -> GaussianMixture.grid25();
            default -> throw new IllegalArgumentException("unknown mixture '" + which + "'; known: ring, grid");
        };
        System.out.println(mixture + ", " + epochs + " epochs, seed " + seed + ", backend " + backend);
        try (MixtureGan gan = new MixtureGan(mixture, MixtureGan.Config.metz(epochs, seed), Backends.get(backend))) {
            gan.train(System.out::println);
        }
    }
}
