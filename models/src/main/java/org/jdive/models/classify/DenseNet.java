package org.jdive.models.classify;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.AvgPool2d;
import org.jdive.core.nn.BatchNorm2d;
import org.jdive.core.nn.Concat;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.GlobalAvgPool2d;
import org.jdive.core.nn.Identity;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;

/**
 * D2L 8.7's DenseNet for Fashion-MNIST resized to 96 × 96: ResNet's stem (64 channels), four dense blocks of four
 * convolution blocks each adding 32 channels (the growth rate), a transition block halving the channels and the height
 * and width between dense blocks, then batch norm, ReLU, global average pooling and the output layer. A convolution
 * block is batch norm, ReLU and a 3×3 convolution; each step of a dense block concatenates its input with the
 * convolution block's output ({@link Concat} of an {@link Identity} and the block); a transition block is batch norm,
 * ReLU, a 1×1 convolution and 2×2 average pooling of stride 2. PyTorch's initialisation: the book's
 * {@code self.net.apply(d2l.init_cnn)} runs while its layers are still lazy, which {@code init_cnn} skips, and its
 * training cell never calls {@code apply_init}.
 */
final class DenseNet {

    /** The book's defaults: stem channels, growth rate, convolution blocks per dense block. */
    static final int STEM = 64;
    static final int GROWTH = 32;
    static final int[] ARCH = {4, 4, 4, 4};

    private DenseNet() {
    }

    static Sequential build(int channels, int size, int classes, UniformRandomProvider rng) {
        Nets.side("densenet", size);
        Sequential net = new Sequential(ResNet.stem(channels, rng));
        int c = STEM;
        for (int i = 0; i < ARCH.length; i++) {
            Sequential dense = new Sequential();
            for (int j = 0; j < ARCH[i]; j++) {
                dense.add(new Concat(new Identity(), new Sequential(new BatchNorm2d(c), new Relu(),
                        new Conv2d(c, GROWTH, 3, 1, 1, true, rng))));
                c += GROWTH;
            }
            net.add(dense);
            if (i != ARCH.length - 1) {
                net.add(new Sequential(new BatchNorm2d(c), new Relu(), new Conv2d(c, c / 2, 1, rng), new AvgPool2d(2, 2, 0)));
                c /= 2;
            }
        }
        return net.add(new Sequential(new BatchNorm2d(c), new Relu(), new GlobalAvgPool2d(), new Flatten(),
                new Linear(c, classes, rng)));
    }
}
