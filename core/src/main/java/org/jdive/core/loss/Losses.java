package org.jdive.core.loss;

import java.util.Arrays;
import org.jdive.core.Tensor;

/**
 * Loss functions with PyTorch's definitions and defaults, composed of tensor ops (so their gradients come from
 * autograd on every backend). Each takes a {@link Reduction}; the overloads without one take the mean.
 */
public final class Losses {

    private Losses() {
    }

    /** Squared error {@code (input - target)²}, as {@code nn.MSELoss}. */
    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        requireSameShape("mse", input, target);
        return reduction.apply(input.sub(target).square());
    }

    /** The mean squared error over all elements. */
    public static Tensor mse(Tensor input, Tensor target) {
        return mse(input, target, Reduction.MEAN);
    }

    /**
     * Huber loss, as {@code nn.HuberLoss(delta)}: {@code 0.5·d²} where {@code |d| < delta}, else
     * {@code delta·(|d| - 0.5·delta)}, with {@code d = input - target}. DQN's loss.
     */
    public static Tensor huber(Tensor input, Tensor target, float delta, Reduction reduction) {
        requireSameShape("huber", input, target);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber: delta must be positive, got " + delta);
        }
        return reduction.apply(huberElements(input.sub(target), delta));
    }

    /** The Huber loss with {@code delta} 1, averaged over all elements (PyTorch's defaults). */
    public static Tensor huber(Tensor input, Tensor target) {
        return huber(input, target, 1f, Reduction.MEAN);
    }

    /** Smooth L1 loss, as {@code nn.SmoothL1Loss(beta)}: Huber's divided by {@code beta} (equal for beta = 1). */
    public static Tensor smoothL1(Tensor input, Tensor target, float beta, Reduction reduction) {
        requireSameShape("smoothL1", input, target);
        if (!(beta > 0)) {
            throw new IllegalArgumentException("smoothL1: beta must be positive, got " + beta);
        }
        return reduction.apply(huberElements(input.sub(target), beta).div(beta));
    }

    /** With {@code q = min(|d|, δ)}: {@code 0.5·q² + δ·(|d| - q)}, which is Huber's two pieces in one expression. */
    private static Tensor huberElements(Tensor d, float delta) {
        Tensor a = d.abs();
        Tensor q = a.clamp(0f, delta);
        return q.square().mul(0.5f).add(a.sub(q).mul(delta));
    }

    /**
     * Softmax cross-entropy from logits and class indices, as {@code nn.CrossEntropyLoss}: {@code logits} is
     * {@code [N, C]} (or {@code [N, C, d...]}), {@code classes} holds whole numbers in {@code [0, C)} as floats,
     * shaped {@code [N]} (or {@code [N, d...]}). Computed with a stable log-softmax; {@code NONE} gives one
     * loss per sample.
     */
    public static Tensor crossEntropy(Tensor logits, Tensor classes, Reduction reduction) {
        int[] ls = logits.shape();
        int[] expected = classesShape(ls);
        if (!Arrays.equals(classes.shape(), expected)) {
            throw new IllegalArgumentException("crossEntropy: logits of shape " + Arrays.toString(ls)
                    + " need class indices of shape " + Arrays.toString(expected) + ", got "
                    + Arrays.toString(classes.shape()) + (classes.shape().length == ls.length
                    ? "; for probabilities per class use crossEntropySoft" : ""));
        }
        Tensor rows = classesLast(logits);
        Tensor picked = rows.logSoftmax(1).gather(1, classes.reshape(rows.shape(0), 1));
        return reduction.apply(picked.neg().reshape(expected));
    }

    /** The cross-entropy of class indices, averaged over the samples. */
    public static Tensor crossEntropy(Tensor logits, Tensor classes) {
        return crossEntropy(logits, classes, Reduction.MEAN);
    }

    /**
     * Softmax cross-entropy from logits and target probabilities of the same shape (soft labels), as
     * {@code nn.CrossEntropyLoss} with probability targets: {@code -Σ_c target·log_softmax(logits)} per sample.
     */
    public static Tensor crossEntropySoft(Tensor logits, Tensor probabilities, Reduction reduction) {
        requireSameShape("crossEntropySoft", logits, probabilities);
        if (logits.rank() < 2) {
            throw new IllegalArgumentException("crossEntropySoft needs logits of shape [N, C, ...], got "
                    + Arrays.toString(logits.shape()));
        }
        Tensor perSample = logits.logSoftmax(1).mul(probabilities).sum(1, false).neg();
        return reduction.apply(perSample);
    }

    /**
     * Binary cross-entropy on logits, as {@code nn.BCEWithLogitsLoss}:
     * {@code max(x, 0) - x·y + log(1 + e^{-|x|})}, stable for logits of any size. The GAN losses.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        requireSameShape("bceWithLogits", logits, targets);
        Tensor softplusNegAbs = logits.abs().neg().exp().add(1f).log();
        return reduction.apply(logits.relu().sub(logits.mul(targets)).add(softplusNegAbs));
    }

    /** The binary cross-entropy on logits, averaged over all elements. */
    public static Tensor bceWithLogits(Tensor logits, Tensor targets) {
        return bceWithLogits(logits, targets, Reduction.MEAN);
    }

    /** {@code [N, d...]} for logits {@code [N, C, d...]}. */
    private static int[] classesShape(int[] logitsShape) {
        if (logitsShape.length < 2) {
            throw new IllegalArgumentException("crossEntropy needs logits of shape [N, C] or [N, C, d...], got "
                    + Arrays.toString(logitsShape));
        }
        int[] s = new int[logitsShape.length - 1];
        s[0] = logitsShape[0];
        System.arraycopy(logitsShape, 2, s, 1, s.length - 1);
        return s;
    }

    /** Logits {@code [N, C, d...]} as rows {@code [N·Πd, C]}, classes last. */
    private static Tensor classesLast(Tensor logits) {
        if (logits.rank() == 2) {
            return logits;
        }
        int[] order = new int[logits.rank()];
        order[0] = 0;
        for (int d = 2; d < order.length; d++) {
            order[d - 1] = d;
        }
        order[order.length - 1] = 1;
        return logits.permute(order).reshape(-1, logits.shape(1));
    }

    private static void requireSameShape(String loss, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(loss + ": input shape " + Arrays.toString(input.shape())
                    + " and target shape " + Arrays.toString(target.shape()) + " must be equal");
        }
    }
}
