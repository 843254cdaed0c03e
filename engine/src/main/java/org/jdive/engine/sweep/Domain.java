package org.jdive.engine.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Where one hyperparameter of a sweep is searched (D2L 19.1's configuration space): its values are written as a
 * scenario would write them, since a trial passes them to the scenario as {@code --set key=value}.
 */
public sealed interface Domain {

    /** A value drawn at random (random search, and every new configuration of successive halving). */
    String sample(UniformRandomProvider rng);

    /** At most {@code points} values spread over the domain, for grid search (all of a choice's). */
    List<String> grid(int points);

    /**
     * A real number as a trial writes it: six significant digits, plainly ({@code 0.00238477}, not
     * {@code 0.0023847712903...}); the run uses exactly that value.
     */
    static String text(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A real number uniform in {@code [lo, hi]}. */
    record Uniform(double lo, double hi) implements Domain {
        @Override
        public String sample(UniformRandomProvider rng) {
            return text(lo + (hi - lo) * rng.nextDouble());
        }

        @Override
        public List<String> grid(int points) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                values.add(text(i == points - 1 && points > 1 ? hi : lo + (hi - lo) * i / Math.max(1, points - 1)));
            }
            return values;
        }
    }

    /** A positive real number whose logarithm is uniform: learning rates, weight decays. */
    record LogUniform(double lo, double hi) implements Domain {
        @Override
        public String sample(UniformRandomProvider rng) {
            return text(Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble()));
        }

        @Override
        public List<String> grid(int points) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                double t = points == 1 ? 0 : (double) i / (points - 1);
                values.add(text(t == 0 ? lo : t == 1 ? hi : Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * t)));
            }
            return values;
        }
    }

    /** A whole number in {@code [lo, hi]}, uniform or, with {@code log} (then {@code lo >= 1}), log-uniform (batch sizes, intervals). */
    record IntRange(long lo, long hi, boolean log) implements Domain {
        @Override
        public String sample(UniformRandomProvider rng) {
            if (!log) {
                return Long.toString(lo + rng.nextLong(hi - lo + 1));
            }
            // log-uniform over [lo, hi + 1), rounded down: each integer gets the share of the log-scale it covers
            double v = Math.exp(Math.log(lo) + (Math.log(hi + 1.0) - Math.log(lo)) * rng.nextDouble());
            return Long.toString(Math.min(hi, (long) Math.floor(v)));
        }

        @Override
        public List<String> grid(int points) {
            LinkedHashSet<String> values = new LinkedHashSet<>();
            for (int i = 0; i < points; i++) {
                double t = points == 1 ? 0 : (double) i / (points - 1);
                double v = log ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * t) : lo + (hi - lo) * t;
                values.add(Long.toString(Math.round(v)));
            }
            return List.copyOf(values);
        }
    }

    /** One of a list of values, each as likely. */
    record Choice(List<String> values) implements Domain {
        /** Copies the values. */
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public String sample(UniformRandomProvider rng) {
            return values.get(rng.nextInt(values.size()));
        }

        @Override
        public List<String> grid(int points) {
            return values;
        }
    }
}
