package org.jdive.models.classify;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.MaxPool2d;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;

/**
 * D2L 8.2's VGG as the book trains it on Fashion-MNIST resized to 224 × 224: the small architecture
 * {@code ((1, 16), (1, 32), (2, 64), (2, 128), (2, 128))}, each pair (convolutions, channels) one VGG block of 3×3
 * convolutions padded by 1, each ReLU, closed by 2×2 max pooling; then AlexNet's head: two dense layers of 4096 ReLU
 * units, each followed by dropout 0.5, and the output layer. Weights Xavier-uniform (the book's {@code init_cnn},
 * applied after a first batch), biases as PyTorch's default.
 */
final class Vgg {

    /** The book's {@code arch}: (convolutions, output channels) of each block. */
    static final int[][] ARCH = {{1, 16}, {1, 32}, {2, 64}, {2, 128}, {2, 128}};

    private Vgg() {
    }

    static Sequential build(int channels, int size, int classes, UniformRandomProvider rng, UniformRandomProvider masks) {
        Sequential net = new Sequential();
        int in = channels;
        for (int[] block : ARCH) {
            Sequential b = new Sequential();
            for (int i = 0; i < block[0]; i++) {
                b.add(new Conv2d(in, block[1], 3, 1, 1, true, rng)).add(new Relu());
                in = block[1];
            }
            net.add(b.add(new MaxPool2d(2, 2, 0)));
        }
        int side = Nets.side("vgg", size);
        net.add(new Flatten())
                .add(new Linear(in * side * side, 4096, rng)).add(new Relu()).add(new Dropout(Nets.DROPOUT, masks))
                .add(new Linear(4096, 4096, rng)).add(new Relu()).add(new Dropout(Nets.DROPOUT, masks))
                .add(new Linear(4096, classes, rng));
        return Nets.initCnn(net, rng);
    }
}
