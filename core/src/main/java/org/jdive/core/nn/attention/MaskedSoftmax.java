package org.jdive.core.nn.attention;

import java.util.Arrays;
import org.jdive.core.Tensor;

/**
 * D2L 11.3.2.1's {@code masked_softmax}: a softmax over the last axis of scores {@code [batch, queries, keys]} that
 * ignores the keys past each valid length. The masked scores are replaced by {@value #MASKED_SCORE} before the
 * softmax, as the book does, so they get weights of (exactly, in float32) zero; a row whose valid length is zero
 * gets uniform weights.
 */
public final class MaskedSoftmax {

    /** The score put in place of a masked one: its exponential underflows to zero. */
    public static final float MASKED_SCORE = -1e6f;

    private MaskedSoftmax() {
    }

    /**
     * The attention weights for {@code scores} {@code [batch, queries, keys]}: a plain softmax over the keys when
     * {@code validLens} is null; otherwise only the first {@code validLens} keys of each row take part, with one
     * length per example ({@code [batch]}, the same for all its queries) or one per query ({@code [batch, queries]}).
     * Gradients flow to the unmasked scores.
     */
    public static Tensor apply(Tensor scores, Tensor validLens) {
        if (scores.rank() != 3) {
            throw new IllegalArgumentException("masked softmax needs scores [batch, queries, keys], got shape "
                    + Arrays.toString(scores.shape()));
        }
        if (validLens == null) {
            return scores.softmax(2);
        }
        int batch = scores.shape(0);
        int queries = scores.shape(1);
        int keys = scores.shape(2);
        Tensor lens = switch (validLens.rank()) {
            case 1 -> requireShape(validLens, scores, batch).reshape(batch, 1, 1);
            case 2 -> requireShape(validLens, scores, batch, queries).reshape(batch, queries, 1);
            default -> throw new IllegalArgumentException("valid lengths are [batch] or [batch, queries], got shape "
                    + Arrays.toString(validLens.shape()));
        };
        float[] positions = new float[keys];
        for (int j = 0; j < keys; j++) {
            positions[j] = j;
        }
        Tensor kept = Tensor.of(scores.backend(), positions, 1, 1, keys).lt(lens.to(scores.backend()));
        return Tensor.where(kept, scores, Tensor.full(scores.backend(), MASKED_SCORE)).softmax(2);
    }

    private static Tensor requireShape(Tensor validLens, Tensor scores, int... expected) {
        if (!Arrays.equals(validLens.shape(), expected)) {
            throw new IllegalArgumentException("valid lengths for scores of shape " + Arrays.toString(scores.shape())
                    + " must be of shape " + Arrays.toString(expected) + ", got " + Arrays.toString(validLens.shape()));
        }
        return validLens;
    }
}
