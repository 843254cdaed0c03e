package org.jdive.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.io.Checkpoint;
import org.jdive.core.loss.Losses;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.LrSchedule;
import org.jdive.core.optim.Optimizer;
import org.jdive.core.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D2L's classifiers learn the MNIST digits (8,000 train, 2,000 held out) with fixed seeds: softmax regression
 * (ch. 4), an MLP (ch. 5) and LeNet (ch. 7); a checkpoint round trip reproduces predictions bit for bit.
 */
class MnistLearningTest {

    private static final long SEED = 42;
    private static final int BATCH = 64;
    private static final int STEPS_PER_EPOCH = MnistData.TRAIN / BATCH;

    @TempDir
    Path tmp;

    @Test
    void softmaxRegressionLearnsTheDigits() {
        UniformRandomProvider rng = Rng.split(SEED, "init");
        try (Sequential net = new Sequential(new Flatten(), new Linear(784, 10, rng))) {
            Optimizer sgd = new Sgd(net.parameters(), 0.1f);
            train(net, sgd, 5, LrSchedule.constant(0.1f));
            double acc = accuracy(net, MnistData.heldOut());
            System.out.println("softmax regression held-out accuracy " + acc);
            assertTrue(acc >= 0.85, "softmax regression held-out accuracy " + acc);
        }
    }

    @Test
    void mlpReachesNinetyFivePercentAndACheckpointReproducesItsPredictions() throws Exception {
        try (Sequential net = mlp(Rng.split(SEED, "init"), SEED)) {
            Optimizer adam = new Adam(net.parameters(), 1e-3f);
            // D2L 12.11's multi-factor schedule: the rate drops tenfold for the last three epochs.
            train(net, adam, 18, LrSchedule.multiFactor(1e-3f, new int[] {15 * STEPS_PER_EPOCH}, 0.1f));
            double acc = accuracy(net, MnistData.heldOut());
            System.out.println("MLP held-out accuracy " + acc);
            assertTrue(acc >= 0.95, "MLP held-out accuracy " + acc);

            Path file = tmp.resolve("mlp.safetensors");
            Checkpoint.save(file, net, adam);
            float[] before = predictions(net, MnistData.heldOut());
            try (Sequential copy = mlp(Rng.seeded(7), 8)) {
                Checkpoint.load(file, copy);
                assertArrayEquals(before, predictions(copy, MnistData.heldOut()), "restored logits, bit for bit");
            }
            adam.close();
        }
    }

    /** D2L 5.6's MLP with two hidden layers, batch normalisation (D2L 8.5) and dropout. */
    private static Sequential mlp(UniformRandomProvider init, long dropoutSeed) {
        return new Sequential(new Flatten(),
                new Linear(784, 512, init), new BatchNorm1d(512), new Relu(), new Dropout(0.3f, Rng.split(dropoutSeed, "d1")),
                new Linear(512, 256, init), new BatchNorm1d(256), new Relu(), new Dropout(0.3f, Rng.split(dropoutSeed, "d2")),
                new Linear(256, 10, init));
    }

    @Test
    void leNetReachesNinetySevenPercent() {
        UniformRandomProvider rng = Rng.split(SEED, "init");
        // D2L 8.5's LeNet with batch normalisation, and ReLU and max pooling for sigmoid and average pooling.
        try (Sequential net = new Sequential(
                new Conv2d(1, 6, 5, 1, 2, true, rng), new BatchNorm2d(6), new Relu(), new MaxPool2d(2),
                new Conv2d(6, 16, 5, 1, 0, true, rng), new BatchNorm2d(16), new Relu(), new MaxPool2d(2),
                new Flatten(), new Linear(400, 120, rng), new BatchNorm1d(120), new Relu(),
                new Linear(120, 84, rng), new BatchNorm1d(84), new Relu(), new Linear(84, 10, rng))) {
            Optimizer adam = new Adam(net.parameters(), 1e-3f);
            train(net, adam, 10, LrSchedule.constant(1e-3f));
            double acc = accuracy(net, MnistData.heldOut());
            System.out.println("LeNet held-out accuracy " + acc);
            assertTrue(acc >= 0.97, "LeNet held-out accuracy " + acc);
            adam.close();
        }
    }

    /** MNIST's usual standardisation: mean 0.1307, standard deviation 0.3081 over the training set. */
    private static Tensor standardise(Tensor pixels) {
        return pixels.sub(0.1307f).div(0.3081f);
    }

    private static void train(Module net, Optimizer optimizer, int epochs, LrSchedule schedule) {
        DataLoader loader = new DataLoader(MnistData.train(), BATCH, true, false, Rng.split(SEED, "data"),
                Backends.getDefault());
        net.train();
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : loader) {
                try (Scope scope = Scope.open()) {
                    schedule.applyTo(optimizer, step++);
                    Tensor loss = Losses.crossEntropy(net.forward(standardise(batch.features())), batch.targets());
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                }
            }
        }
    }

    private static double accuracy(Module net, Dataset data) {
        return evaluate(net, data).correct / (double) data.size();
    }

    private static float[] predictions(Module net, Dataset data) {
        return evaluate(net, data).logits;
    }

    private record Evaluation(int correct, float[] logits) {
    }

    private static Evaluation evaluate(Module net, Dataset data) {
        net.eval();
        int correct = 0;
        float[] all = new float[data.size() * 10];
        int offset = 0;
        try (NoGrad off = NoGrad.open()) {
            for (Batch batch : new DataLoader(data, 500)) {
                try (Scope scope = Scope.open()) {
                    Tensor logits = net.forward(standardise(batch.features()));
                    correct += (int) logits.argmax(1, false).eq(batch.targets()).sum().item();
                    float[] l = logits.toFloatArray();
                    System.arraycopy(l, 0, all, offset, l.length);
                    offset += l.length;
                }
            }
        }
        net.train();
        return new Evaluation(correct, all);
    }
}
