package org.jdive.gan.toy;

import org.jdive.core.Rng;
import org.jdive.core.backend.Backends;
import org.jdive.gan.Moments;

/** Measures the toy GAN over several seeds (run once to choose the test's tolerances). */
public final class ToySeedsMain {
    public static void main(String[] args) {
        int seeds = Integer.parseInt(args.length > 0 ? args[0] : "10");
        for (int s = 0; s < seeds; s++) {
            long t = System.nanoTime();
            try (ToyGan gan = new ToyGan(ToyGan.Config.d2l(s), Backends.cpu())) {
                var stats = gan.train();
                Moments m = Moments.of(gan.generate(20000, Rng.split(s, "eval")), 2);
                System.out.printf("seed %d: mean [%.3f, %.3f] cov [[%.3f, %.3f], [%.3f, %.3f]] last %s (%.1f s)%n", s,
                        m.mean()[0], m.mean()[1], m.covariance()[0][0], m.covariance()[0][1], m.covariance()[1][0],
                        m.covariance()[1][1], stats.get(stats.size() - 1), (System.nanoTime() - t) / 1e9);
            }
        }
    }
}
