package org.jdive.models.classify;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.GlobalAvgPool2d;
import org.jdive.core.nn.MaxPool2d;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;

/**
 * D2L 8.3's network in network for Fashion-MNIST resized to 224 × 224: NiN blocks (a convolution and two 1×1
 * convolutions, each ReLU) of 96 (11×11, stride 4), 256 (5×5, padding 2) and 384 (3×3, padding 1) channels, each
 * followed by 3×3 max pooling of stride 2; dropout 0.5; a last block with one channel per class; and global average
 * pooling in place of dense layers. Weights Xavier-uniform (the book's {@code init_cnn}, applied after a first
 * batch), biases as PyTorch's default.
 */
final class NiN {

    private NiN() {
    }

    static Sequential build(int channels, int size, int classes, UniformRandomProvider rng, UniformRandomProvider masks) {
        Nets.side("nin", size);
        Sequential net = new Sequential(
                block(channels, 96, 11, 4, 0, rng), new MaxPool2d(3, 2, 0),
                block(96, 256, 5, 1, 2, rng), new MaxPool2d(3, 2, 0),
                block(256, 384, 3, 1, 1, rng), new MaxPool2d(3, 2, 0),
                new Dropout(Nets.DROPOUT, masks),
                block(384, classes, 3, 1, 1, rng),
                new GlobalAvgPool2d(), new Flatten());
        return Nets.initCnn(net, rng);
    }

    /** The book's {@code nin_block}: the given convolution, then two 1×1 convolutions, each followed by a ReLU. */
    private static Sequential block(int in, int out, int kernel, int stride, int padding, UniformRandomProvider rng) {
        return new Sequential(new Conv2d(in, out, kernel, stride, padding, true, rng), new Relu(),
                new Conv2d(out, out, 1, rng), new Relu(), new Conv2d(out, out, 1, rng), new Relu());
    }
}
