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
 * D2L 8.1's AlexNet for Fashion-MNIST resized to 224 × 224: 96 11×11 filters with stride 4 and padding 1, 256 5×5,
 * then three 3×3 convolutions of 384, 384 and 256 channels, each ReLU, with 3×3 max pooling of stride 2 after the
 * first, second and fifth; then two dense layers of 4096 ReLU units, each followed by dropout 0.5, and the output
 * layer. PyTorch's initialisation: the book's {@code self.net.apply(d2l.init_cnn)} runs while its layers are still
 * lazy, which {@code init_cnn} skips, and its training cell never calls {@code apply_init}.
 */
final class AlexNet {

    private AlexNet() {
    }

    static Sequential build(int channels, int size, int classes, UniformRandomProvider rng, UniformRandomProvider masks) {
        int side = Nets.side("alexnet", size);
        return new Sequential(
                new Conv2d(channels, 96, 11, 4, 1, true, rng), new Relu(), new MaxPool2d(3, 2, 0),
                new Conv2d(96, 256, 5, 1, 2, true, rng), new Relu(), new MaxPool2d(3, 2, 0),
                new Conv2d(256, 384, 3, 1, 1, true, rng), new Relu(),
                new Conv2d(384, 384, 3, 1, 1, true, rng), new Relu(),
                new Conv2d(384, 256, 3, 1, 1, true, rng), new Relu(), new MaxPool2d(3, 2, 0), new Flatten(),
                new Linear(256 * side * side, 4096, rng), new Relu(), new Dropout(Nets.DROPOUT, masks),
                new Linear(4096, 4096, rng), new Relu(), new Dropout(Nets.DROPOUT, masks),
                new Linear(4096, classes, rng));
    }
}
