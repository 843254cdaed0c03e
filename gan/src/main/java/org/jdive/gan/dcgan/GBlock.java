package org.jdive.gan.dcgan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.BatchNorm2d;
import org.jdive.core.nn.ConvTranspose2d;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;

/** D2L's {@code G_block}: a transposed convolution without bias, batch norm, ReLU (children named as in D2L). */
public final class GBlock extends Module {

    private final ConvTranspose2d conv;
    private final BatchNorm2d norm;
    private final Relu activation;

    /**
     * A block whose transposed convolution has {@code kernel}, {@code stride} and {@code padding} and takes its input
     * channels from the first batch; each side grows to {@code (in - 1) · stride - 2 · padding + kernel}.
     *
     * @param rng draws the transposed convolution's initial weights
     */
    public GBlock(int outChannels, int kernel, int stride, int padding, UniformRandomProvider rng) {
        conv = registerModule("conv2d_trans", ConvTranspose2d.lazy(outChannels, kernel, stride, padding, 0, false, rng));
        norm = registerModule("batch_norm", BatchNorm2d.lazy());
        activation = registerModule("activation", new Relu());
    }

    @Override
    public Tensor forward(Tensor x) {
        return activation.forward(norm.forward(conv.forward(x)));
    }
}
