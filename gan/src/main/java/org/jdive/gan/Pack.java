package org.jdive.gan;

import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/**
 * PacGAN's packing (Lin et al. 2018): groups each {@code m} consecutive examples of a batch into one, concatenated
 * along axis 1, so that the discriminator after it judges {@code m} samples jointly. {@code [N, d, …]} becomes
 * {@code [N/m, m·d, …]}: points become one vector of {@code m·d} coordinates, images one image with {@code m}
 * times the channels. The examples of a batch are independent draws, so each group is {@code m} independent
 * samples, all real or all generated.
 */
public final class Pack extends Module {

    private final int degree;

    /** @param degree the packing degree {@code m}, at least 1 (1: no packing) */
    public Pack(int degree) {
        if (degree < 1) {
            throw new IllegalArgumentException("the packing degree must be >= 1, got " + degree);
        }
        this.degree = degree;
    }

    /** The packing degree {@code m}. */
    public int degree() {
        return degree;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length < 2 || s[0] % degree != 0) {
            throw new IllegalArgumentException("packing " + degree + " examples needs a batch [N, d, ...] with N a "
                    + "multiple of " + degree + ", got " + java.util.Arrays.toString(s));
        }
        int[] packed = s.clone();
        packed[0] = s[0] / degree;
        packed[1] = s[1] * degree;
        return x.reshape(packed);
    }

    @Override
    protected String extraRepr() {
        return "degree=" + degree;
    }
}
