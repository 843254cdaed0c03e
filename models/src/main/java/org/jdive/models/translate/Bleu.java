package org.jdive.models.translate;

import java.util.HashMap;
import java.util.Map;

/**
 * BLEU as D2L 10.7.6 defines it: for a prediction of {@code len_pred} words and a label of {@code len_label},
 * {@code exp(min(0, 1 − len_label / len_pred)) · Π_{n=1..k} p_n^(1/2^n)}, where {@code p_n} is the share of the
 * prediction's n-grams that match an n-gram of the label (each label n-gram matched at most once). Sentences are split
 * at single spaces, as the book's {@code split(' ')}, so an empty prediction is one empty word.
 */
public final class Bleu {

    private Bleu() {
    }

    /** D2L's {@code bleu(pred_seq, label_seq, k)}. */
    public static double of(String prediction, String label, int k) {
        String[] pred = prediction.split(" ", -1);
        String[] lab = label.split(" ", -1);
        double score = Math.exp(Math.min(0, 1 - (double) lab.length / pred.length));
        for (int n = 1; n <= Math.min(k, pred.length); n++) {
            Map<String, Integer> labelGrams = new HashMap<>();
            for (int i = 0; i + n <= lab.length; i++) {
                labelGrams.merge(gram(lab, i, n), 1, Integer::sum);
            }
            int matches = 0;
            for (int i = 0; i + n <= pred.length; i++) {
                String g = gram(pred, i, n);
                if (labelGrams.getOrDefault(g, 0) > 0) {
                    matches++;
                    labelGrams.merge(g, -1, Integer::sum);
                }
            }
            score *= Math.pow((double) matches / (pred.length - n + 1), Math.pow(0.5, n));
        }
        return score;
    }

    private static String gram(String[] words, int from, int n) {
        return String.join(" ", java.util.Arrays.asList(words).subList(from, from + n));
    }
}
