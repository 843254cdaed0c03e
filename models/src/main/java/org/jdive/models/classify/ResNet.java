package org.jdive.models.classify;

import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.BatchNorm2d;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.GlobalAvgPool2d;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.MaxPool2d;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Residual;
import org.jdive.core.nn.Sequential;

/**
 * D2L 8.6's ResNet-18 for Fashion-MNIST resized to 96 × 96: a 7×7 stem of 64 channels (stride 2) with batch norm,
 * ReLU and 3×3 max pooling of stride 2; four stages of two residual blocks with 64, 128, 256 and 512 channels, the
 * first block of each later stage halving the height and width; global average pooling and the output layer. A
 * residual block is the book's {@code Residual}: a 3×3 convolution, batch norm, ReLU, a 3×3 convolution and batch norm,
 * plus the input (through a 1×1 convolution of the block's stride where the shape changes), then ReLU. Weights
 * Xavier-uniform (the book's {@code init_cnn}, applied after a first batch), biases as PyTorch's default.
 */
final class ResNet {

    /** ResNet-18's stages: (residual blocks, channels). */
    static final int[][] ARCH = {{2, 64}, {2, 128}, {2, 256}, {2, 512}};

    private ResNet() {
    }

    static Sequential build(int channels, int size, int classes, UniformRandomProvider rng) {
        Nets.side("resnet18", size);
        Sequential net = new Sequential(stem(channels, rng));
        int in = 64;
        for (int s = 0; s < ARCH.length; s++) {
            Sequential stage = new Sequential();
            for (int i = 0; i < ARCH[s][0]; i++) {
                boolean halves = i == 0 && s > 0;
                stage.add(residual(in, ARCH[s][1], halves ? 2 : 1, halves, rng));
                in = ARCH[s][1];
            }
            net.add(stage);
        }
        net.add(new Sequential(new GlobalAvgPool2d(), new Flatten(), new Linear(in, classes, rng)));
        return Nets.initCnn(net, rng);
    }

    /** ResNet's (and DenseNet's) {@code b1}: a 7×7 convolution of stride 2, batch norm, ReLU, 3×3 max pooling of stride 2. */
    static Sequential stem(int channels, UniformRandomProvider rng) {
        return new Sequential(new Conv2d(channels, 64, 7, 2, 3, true, rng), new BatchNorm2d(64), new Relu(),
                new MaxPool2d(3, 2, 1));
    }

    /** The book's {@code Residual(out, use_1x1conv=project, strides=stride)} on {@code in} channels. */
    private static Sequential residual(int in, int out, int stride, boolean project, UniformRandomProvider rng) {
        Sequential body = new Sequential(new Conv2d(in, out, 3, stride, 1, true, rng), new BatchNorm2d(out), new Relu(),
                new Conv2d(out, out, 3, 1, 1, true, rng), new BatchNorm2d(out));
        Residual sum = project ? new Residual(body, new Conv2d(in, out, 1, stride, 0, true, rng)) : new Residual(body);
        return new Sequential(sum, new Relu());
    }
}
