package org.jdive.engine.scenario;

import java.util.Collection;
import java.util.Locale;

/** Nearest-name suggestions ("did you mean ...?") by edit distance. */
public final class Suggest {

    private Suggest() {
    }

    /** {@code " Did you mean 'x'?"}, or an empty string when no candidate is close to {@code name}. */
    public static String didYouMean(String name, Collection<String> candidates) {
        String best = nearest(name, candidates);
        return best == null ? "" : " Did you mean '" + best + "'?";
    }

    /**
     * The candidate closest to {@code name} (case-insensitive Damerau-Levenshtein distance), if it is within
     * a third of the longer name's length (at least 2 edits); null otherwise.
     */
    public static String nearest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null) {
            return null;
        }
        int allowed = Math.max(2, Math.max(name.length(), best.length()) / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
