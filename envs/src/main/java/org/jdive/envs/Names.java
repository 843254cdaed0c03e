package org.jdive.envs;

import java.util.Collection;
import java.util.Locale;

/** Suggestions for misspelt names: the allowed name at the smallest edit distance. */
final class Names {

    private Names() {
    }

    /** The element of {@code allowed} closest to {@code given}, ignoring case; null when there is none. */
    static String nearest(String given, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** " Did you mean 'x'?" for the nearest allowed name, or nothing when there is none. */
    static String suggestion(String given, Collection<String> allowed) {
        String nearest = nearest(given, allowed);
        return nearest == null ? "" : " Did you mean '" + nearest + "'?";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
