package org.jdive.models.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.nn.AvgPool2d;
import org.jdive.core.nn.BatchNorm1d;
import org.jdive.core.nn.BatchNorm2d;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Dropout;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.MaxPool2d;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.nn.Sigmoid;
import org.jdive.core.nn.attention.Vit;
import org.jdive.core.nn.init.Init;

/**
 * D2L's classifiers by name, as the PyTorch edition builds them for 28×28 grey images and ten classes:
 * <ul>
 *   <li>{@code softmax} (4.5): a linear layer on the flattened pixels;</li>
 *   <li>{@code mlp} (5.2): one hidden layer of 256 ReLU units;</li>
 *   <li>{@code mlp-dropout} (5.6, concise): two hidden layers of 256 ReLU units, each followed by dropout with
 *       probability 0.5 (the book's {@code DropoutMLP} with {@code dropout_1 = dropout_2 = 0.5}); the identity when
 *       the network is in evaluation mode;</li>
 *   <li>{@code lenet} (7.6): two 5×5 convolutions (6 and 16 channels, the first padded by 2) each followed by a sigmoid
 *       and 2×2 average pooling, then 120, 84 and 10 units with sigmoids between; weights Xavier-uniform (the book's
 *       {@code init_cnn}), biases as PyTorch's default;</li>
 *   <li>{@code lenet-relu} (12.11): the "slightly modernised" LeNet the book's learning-rate schedules train: LeNet's
 *       layers with ReLU instead of sigmoids and 2×2 max pooling instead of average pooling, initialised as PyTorch
 *       does (the PyTorch edition's {@code net_fn});</li>
 *   <li>{@code bn-lenet} (8.5): LeNet with batch normalisation after each convolution and each hidden linear layer,
 *       before its sigmoid, and, as the book's {@code BNLeNet}, no padding on the first convolution;</li>
 *   <li>chapter 8's modern networks, for the book's Fashion-MNIST resized ({@code data.resize}) to 224 pixels:
 *       {@code alexnet} (8.1, {@code AlexNet}), {@code vgg} (8.2, {@code Vgg}), {@code nin} (8.3, {@code NiN}); and to
 *       96 pixels: {@code googlenet} (8.4, {@code GoogLeNet}), {@code resnet18} (8.6, {@code ResNet}),
 *       {@code densenet} (8.7, {@code DenseNet}). Each class says its layers and its initialisation.</li>
 *   <li>{@code lenet-parallel} (13.5): the LeNet the book trains on several GPUs (ReLU, average pooling, 20 and 50
 *       channels, 128 hidden units, weights from N(0, 0.01²));</li>
 *   <li>{@code vit} (11.8): the book's vision Transformer, {@link Vit} with 16×16 patches, 512 hidden units, an MLP of
 *       2048, 8 heads, 2 blocks and dropout 0.1 after the embeddings and in the blocks (the book trains it on
 *       Fashion-MNIST resized to 96×96, 36 patches; at 28×28 one patch covers the top-left 16×16).</li>
 * </ul>
 * Linear and convolutional layers otherwise start as PyTorch's do (uniform in ±1/√fan_in).
 */
public final class Nets {

    /** The names {@link #build} takes. */
    public static final List<String> NAMES = List.of("softmax", "mlp", "mlp-dropout", "lenet", "lenet-relu", "bn-lenet",
            "alexnet", "vgg", "nin", "googlenet", "resnet18", "densenet", "vit", "lenet-parallel");

    /**
     * The probability of each dropout layer: {@code mlp-dropout}'s (D2L 5.6's {@code dropout_1}, {@code dropout_2}) and
     * those of AlexNet, VGG and NiN (8.1–8.3).
     */
    public static final float DROPOUT = 0.5f;

    private Nets() {
    }

    /**
     * The network {@code name} for {@code channels × size × size} inputs and {@code classes} outputs, its weights
     * drawn from {@code rng} and its dropout masks (if it has dropout) from the same stream.
     */
    public static Sequential build(String name, int channels, int size, int classes, UniformRandomProvider rng) {
        return build(name, channels, size, classes, rng, rng);
    }

    /**
     * The network {@code name} for {@code channels × size × size} inputs and {@code classes} outputs, its weights
     * drawn from {@code rng} and its dropout masks, as it trains, from {@code masks} (an {@link EpochStream} makes
     * them reproducible across a resume).
     */
    public static Sequential build(String name, int channels, int size, int classes, UniformRandomProvider rng,
                                   UniformRandomProvider masks) {
        int pixels = channels * size * size;
        return switch (name) {
            case "softmax" -> new Sequential(new Flatten(), new Linear(pixels, classes, rng));
            case "mlp" -> new Sequential(new Flatten(), new Linear(pixels, 256, rng), new Relu(), new Linear(256, classes, rng));
            case "mlp-dropout" -> new Sequential(new Flatten(), new Linear(pixels, 256, rng), new Relu(),
                    new Dropout(DROPOUT, masks), new Linear(256, 256, rng), new Relu(), new Dropout(DROPOUT, masks),
                    new Linear(256, classes, rng));
            case "lenet" -> lenet(channels, size, classes, false, rng);
            case "lenet-relu" -> new Sequential(new Conv2d(channels, 6, 5, 1, 2, true, rng), new Relu(), new MaxPool2d(2, 2, 0),
                    new Conv2d(6, 16, 5, 1, 0, true, rng), new Relu(), new MaxPool2d(2, 2, 0), new Flatten(),
                    new Linear(16 * ((size / 2 - 4) / 2) * ((size / 2 - 4) / 2), 120, rng), new Relu(),
                    new Linear(120, 84, rng), new Relu(), new Linear(84, classes, rng));
            case "bn-lenet" -> lenet(channels, size, classes, true, rng);
            case "alexnet" -> AlexNet.build(channels, size, classes, rng, masks);
            case "vgg" -> Vgg.build(channels, size, classes, rng, masks);
            case "nin" -> NiN.build(channels, size, classes, rng, masks);
            case "googlenet" -> GoogLeNet.build(channels, size, classes, rng);
            case "resnet18" -> ResNet.build(channels, size, classes, rng);
            case "densenet" -> DenseNet.build(channels, size, classes, rng);
            case "vit" -> new Sequential(new Vit(size, 16, 512, 2048, 8, 2, 0.1f, 0.1f, false, classes, rng, masks));
            case "lenet-parallel" -> lenetParallel(channels, size, classes, rng);
            default -> throw new IllegalArgumentException("no network '" + name + "'; known: " + NAMES);
        };
    }

    private static Sequential lenet(int channels, int size, int classes, boolean batchNorm, UniformRandomProvider rng) {
        int pad = batchNorm ? 0 : 2; // the book's BNLeNet drops LeNet's padding: 28 → 24 → 12 → 8 → 4
        int side = ((size + 2 * pad - 4) / 2 - 4) / 2; // LeNet: 28 → 28 → 14 → 10 → 5
        List<Module> layers = new ArrayList<>();
        layers.add(new Conv2d(channels, 6, 5, 1, pad, true, rng));
        if (batchNorm) {
            layers.add(new BatchNorm2d(6));
        }
        layers.addAll(List.of(new Sigmoid(), new AvgPool2d(2, 2, 0), new Conv2d(6, 16, 5, 1, 0, true, rng)));
        if (batchNorm) {
            layers.add(new BatchNorm2d(16));
        }
        layers.addAll(List.of(new Sigmoid(), new AvgPool2d(2, 2, 0), new Flatten(), new Linear(16 * side * side, 120, rng)));
        if (batchNorm) {
            layers.add(new BatchNorm1d(120));
        }
        layers.addAll(List.of(new Sigmoid(), new Linear(120, 84, rng)));
        if (batchNorm) {
            layers.add(new BatchNorm1d(84));
        }
        layers.addAll(List.of(new Sigmoid(), new Linear(84, classes, rng)));
        return initCnn(new Sequential(layers.toArray(Module[]::new)), rng);
    }

    /**
     * D2L 13.5's LeNet for training on several devices: a 3×3 convolution to 20 channels, ReLU, 2×2 average pooling, a
     * 5×5 convolution to 50, ReLU, 2×2 average pooling, 128 ReLU units and the outputs; weights drawn from N(0, 0.01²)
     * and biases zero, as the book's {@code scale = 0.01} parameters.
     */
    private static Sequential lenetParallel(int channels, int size, int classes, UniformRandomProvider rng) {
        int side = ((size - 2) / 2 - 4) / 2; // 28 → 26 → 13 → 9 → 4
        Sequential net = new Sequential(new Conv2d(channels, 20, 3, 1, 0, true, rng), new Relu(), new AvgPool2d(2, 2, 0),
                new Conv2d(20, 50, 5, 1, 0, true, rng), new Relu(), new AvgPool2d(2, 2, 0), new Flatten(),
                new Linear(50 * side * side, 128, rng), new Relu(), new Linear(128, classes, rng));
        Init weights = Init.normal(0f, 0.01f);
        net.apply(m -> {
            if (m instanceof Conv2d conv) {
                weights.fill(conv.weight(), rng);
                Init.zeros().fill(conv.bias(), rng);
            } else if (m instanceof Linear linear) {
                weights.fill(linear.weight(), rng);
                Init.zeros().fill(linear.bias(), rng);
            }
        });
        return net;
    }

    /** D2L's {@code init_cnn}: every convolution's and linear layer's weight redrawn Xavier-uniform; returns {@code net}. */
    static Sequential initCnn(Sequential net, UniformRandomProvider rng) {
        Init xavier = Init.xavierUniform();
        net.apply(m -> {
            if (m instanceof Conv2d conv) {
                xavier.fill(conv.weight(), rng);
            } else if (m instanceof Linear linear) {
                xavier.fill(linear.weight(), rng);
            }
        });
        return net;
    }

    /**
     * The (kernel, stride, padding) of each convolution and pooling that changes an image's side in chapter 8's
     * networks, in order.
     */
    private static final Map<String, int[]> SHRINKS = Map.of(
            "alexnet", new int[] {11, 4, 1, 3, 2, 0, 5, 1, 2, 3, 2, 0, 3, 2, 0},
            "vgg", new int[] {2, 2, 0, 2, 2, 0, 2, 2, 0, 2, 2, 0, 2, 2, 0},
            "nin", new int[] {11, 4, 0, 3, 2, 0, 3, 2, 0, 3, 2, 0},
            "googlenet", new int[] {7, 2, 3, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3, 2, 1},
            "resnet18", new int[] {7, 2, 3, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3, 2, 1},
            "densenet", new int[] {7, 2, 3, 3, 2, 1, 2, 2, 0, 2, 2, 0, 2, 2, 0});

    /**
     * The height (and width) of a {@code size × size} image where network {@code name} flattens or pools it globally,
     * as PyTorch's {@code floor((side + 2·padding − kernel) / stride) + 1} layer after layer ({@code size} for the
     * networks before chapter 8). Fails, naming the network and {@code data.resize}, when the image shrinks to nothing.
     */
    public static int side(String name, int size) {
        int side = size;
        int[] kernelStridePadding = SHRINKS.getOrDefault(name, new int[0]);
        for (int i = 0; i < kernelStridePadding.length; i += 3) {
            side = Math.floorDiv(side + 2 * kernelStridePadding[i + 2] - kernelStridePadding[i], kernelStridePadding[i + 1]) + 1;
            if (side < 1) {
                throw new IllegalArgumentException("network '" + name + "' shrinks " + size + "-pixel images to nothing; "
                        + "give it larger images (data.resize: D2L uses 224 for AlexNet, VGG and NiN, 96 for GoogLeNet, "
                        + "ResNet and DenseNet)");
            }
        }
        return side;
    }
}
