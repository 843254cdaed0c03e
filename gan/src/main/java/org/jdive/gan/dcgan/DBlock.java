package org.jdive.gan.dcgan;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Tensor;
import org.jdive.core.nn.BatchNorm2d;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.LeakyRelu;
import org.jdive.core.nn.Module;

/**
 * D2L's {@code D_block}: a convolution without bias (kernel 4, stride 2, padding 1), batch norm (optional: the
 * PyTorch variant has none in the first block), leaky ReLU with slope 0.2.
 */
public final class DBlock extends Module {

    private final Conv2d conv;
    private final BatchNorm2d norm;
    private final LeakyRelu activation;

    /**
     * A block whose convolution takes its input channels from the first batch.
     *
     * @param outChannels the convolution's output channels (its input channels are taken from the first batch)
     * @param batchNorm whether batch norm follows the convolution
     * @param rng draws the convolution's initial weights
     */
    public DBlock(int outChannels, boolean batchNorm, UniformRandomProvider rng) {
        conv = registerModule("conv2d", Conv2d.lazy(outChannels, 4, 2, 1, false, rng));
        norm = batchNorm ? registerModule("batch_norm", BatchNorm2d.lazy()) : null;
        activation = registerModule("activation", new LeakyRelu(0.2f));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = conv.forward(x);
        return activation.forward(norm == null ? y : norm.forward(y));
    }
}
