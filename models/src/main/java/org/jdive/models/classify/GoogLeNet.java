package org.jdive.models.classify;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.Concat;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.GlobalAvgPool2d;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.MaxPool2d;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;

/**
 * D2L 8.4's GoogLeNet for Fashion-MNIST resized to 96 × 96: a 7×7 stem of 64 channels, a 1×1 then 3×3 convolution
 * to 192 channels, then nine Inception blocks in groups of two, five and two, 3×3 max pooling of stride 2 (padded
 * by 1) after the stem, the second convolution and the first two groups, global average pooling and the output layer.
 * An Inception block is the {@link Concat} of four branches, each ReLU after its convolutions: a 1×1 convolution; a
 * 1×1 then a 3×3 one; a 1×1 then a 5×5 one; 3×3 max pooling (stride 1) then a 1×1 convolution. Weights
 * Xavier-uniform (the book's {@code init_cnn}, applied after a first batch), biases as PyTorch's default.
 */
final class GoogLeNet {

    private GoogLeNet() {
    }

    static Sequential build(int channels, int size, int classes, UniformRandomProvider rng) {
        Nets.side("googlenet", size);
        Sequential net = new Sequential(
                new Sequential(new Conv2d(channels, 64, 7, 2, 3, true, rng), new Relu(), new MaxPool2d(3, 2, 1)),
                new Sequential(new Conv2d(64, 64, 1, rng), new Relu(), new Conv2d(64, 192, 3, 1, 1, true, rng), new Relu(),
                        new MaxPool2d(3, 2, 1)),
                new Sequential(inception(192, 64, 96, 128, 16, 32, 32, rng), inception(256, 128, 128, 192, 32, 96, 64, rng),
                        new MaxPool2d(3, 2, 1)),
                new Sequential(inception(480, 192, 96, 208, 16, 48, 64, rng), inception(512, 160, 112, 224, 24, 64, 64, rng),
                        inception(512, 128, 128, 256, 24, 64, 64, rng), inception(512, 112, 144, 288, 32, 64, 64, rng),
                        inception(528, 256, 160, 320, 32, 128, 128, rng), new MaxPool2d(3, 2, 1)),
                new Sequential(inception(832, 256, 160, 320, 32, 128, 128, rng),
                        inception(832, 384, 192, 384, 48, 128, 128, rng), new GlobalAvgPool2d(), new Flatten()),
                new Linear(1024, classes, rng));
        return Nets.initCnn(net, rng);
    }

    /**
     * The book's {@code Inception(c1, c2, c3, c4)} on {@code in} channels: {@code c1 + c2b + c3b + c4} channels out,
     * {@code c2a} and {@code c3a} the widths of the 1×1 reductions before the 3×3 and 5×5 convolutions.
     */
    private static Concat inception(int in, int c1, int c2a, int c2b, int c3a, int c3b, int c4, UniformRandomProvider rng) {
        return new Concat(
                new Sequential(new Conv2d(in, c1, 1, rng), new Relu()),
                new Sequential(new Conv2d(in, c2a, 1, rng), new Relu(), new Conv2d(c2a, c2b, 3, 1, 1, true, rng), new Relu()),
                new Sequential(new Conv2d(in, c3a, 1, rng), new Relu(), new Conv2d(c3a, c3b, 5, 1, 2, true, rng), new Relu()),
                new Sequential(new MaxPool2d(3, 1, 1), new Conv2d(in, c4, 1, rng), new Relu()));
    }
}
