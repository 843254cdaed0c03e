package org.jdive.models.classify;

import java.util.List;
import java.util.Locale;

/**
 * How often each class was predicted as each other: {@code count(t, p)} examples of true class {@code t} were predicted
 * as {@code p} (rows true classes, columns predicted ones, as scikit-learn's {@code confusion_matrix}). The diagonal
 * holds the correct predictions, so {@link #accuracy()} is its sum over the total.
 */
public final class ConfusionMatrix {

    private final List<String> classes;
    private final long[][] counts;

    /** An empty matrix over {@code classes}, named in label order. */
    public ConfusionMatrix(List<String> classes) {
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    /** Counts one example of class {@code truth} predicted as {@code predicted}. */
    public void add(int truth, int predicted) {
        int k = classes.size();
        if (truth < 0 || truth >= k || predicted < 0 || predicted >= k) {
            throw new IllegalArgumentException("classes are 0 to " + (k - 1) + ", got true " + truth + ", predicted "
                    + predicted);
        }
        counts[truth][predicted]++;
    }

    public List<String> classes() {
        return classes;
    }

    /** The examples of true class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    /** The counts as {@code [true][predicted]} (a copy). */
    public double[][] asDoubles() {
        double[][] d = new double[counts.length][counts.length];
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                d[t][p] = counts[t][p];
            }
        }
        return d;
    }

    /** The examples counted. */
    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    /** The fraction predicted right: the diagonal over the total. */
    public double accuracy() {
        long right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        long n = total();
        return n == 0 ? Double.NaN : right / (double) n;
    }

    /** The matrix as CSV: a header {@code true\predicted,<class>,...}, then one row per true class. */
    public String csv() {
        StringBuilder b = new StringBuilder("true\\predicted");
        classes.forEach(c -> b.append(',').append(csvField(c)));
        b.append('\n');
        for (int t = 0; t < counts.length; t++) {
            b.append(csvField(classes.get(t)));
            for (long c : counts[t]) {
                b.append(',').append(c);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The matrix as an aligned text table, true classes down the left, predicted ones across; no trailing line break. */
    public String table() {
        int first = "true \\ predicted".length();
        for (String c : classes) {
            first = Math.max(first, c.length());
        }
        int[] widths = new int[classes.size()];
        for (int p = 0; p < widths.length; p++) {
            widths[p] = classes.get(p).length();
            for (long[] row : counts) {
                widths[p] = Math.max(widths[p], Long.toString(row[p]).length());
            }
        }
        StringBuilder b = new StringBuilder(pad("true \\ predicted", first, false));
        for (int p = 0; p < widths.length; p++) {
            b.append("  ").append(pad(classes.get(p), widths[p], true));
        }
        for (int t = 0; t < counts.length; t++) {
            b.append('\n').append(pad(classes.get(t), first, false));
            for (int p = 0; p < widths.length; p++) {
                b.append("  ").append(pad(Long.toString(counts[t][p]), widths[p], true));
            }
        }
        return b.toString();
    }

    private static String pad(String s, int width, boolean right) {
        return String.format(Locale.ROOT, "%" + (right ? "" : "-") + width + "s", s);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
