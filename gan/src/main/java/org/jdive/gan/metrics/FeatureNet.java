package org.jdive.gan.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.io.Checkpoint;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.Conv2d;
import org.jdive.core.nn.Flatten;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.MaxPool2d;
import org.jdive.core.nn.Module;
import org.jdive.core.nn.Relu;
import org.jdive.core.nn.Sequential;
import org.jdive.core.optim.Adam;
import org.jdive.gan.Networks;
import org.jdive.gan.data.Resize;

/**
 * The feature space in which generated digits are measured, as Inception-v3's pool features are for the FID, but
 * trained by jdive itself so that nothing has to be downloaded: LeNet-5 with ReLU and max pooling (D2L 7.6's
 * layout, about 61,700 parameters) classifying {@code [1, 28, 28]} images in [-1, 1] into 10 classes.
 * {@link #features} are the 84 activations of the penultimate layer (after its ReLU), the input of the
 * {@link FrechetDistance} and {@link PrecisionRecall}; {@link #classify} gives the class of a sample, for the accuracy
 * of class-conditional generators.
 *
 * <p>The network always lives on the {@code cpu} backend, whatever backend trains the generator, so a metric is the
 * same number bit for bit for the same samples. {@link #cached} trains it once per training set and seed and keeps
 * the weights in a safetensors file.
 */
public final class FeatureNet extends Module {

    /** The side of the square images the network reads; other sizes go through {@link #toInput}. */
    public static final int SIDE = 28;
    /** The length of a feature vector. */
    public static final int FEATURES = 84;
    private static final int CLASSES = 10;
    private static final int EPOCHS = 3;
    private static final int BATCH = 128;
    private static final float LEARNING_RATE = 1e-3f;
    private static final int EVAL_BATCH = 500;

    private final Sequential body;
    private final Linear head;
    private final Backend backend = Backends.cpu();

    private FeatureNet(UniformRandomProvider rng) {
        body = registerModule("body", new Sequential(
                Conv2d.lazy(6, 5, 1, 2, rng), new Relu(), new MaxPool2d(2),
                Conv2d.lazy(16, 5, 1, 0, rng), new Relu(), new MaxPool2d(2),
                new Flatten(), Linear.lazy(120, rng), new Relu(),
                Linear.lazy(FEATURES, rng), new Relu()));
        head = registerModule("head", Linear.lazy(CLASSES, rng));
        Networks.materialize(this, backend, 1, SIDE, SIDE);
    }

    /** Logits {@code [N, 10]} for images {@code [N, 1, 28, 28]}. */
    @Override
    public Tensor forward(Tensor images) {
        return head.forward(body.forward(images));
    }

    /**
     * Trains a new network on {@code digits} (features {@code [1, 28, 28]} in [-1, 1], targets class indices 0–9):
     * Adam, a fixed number of shuffled epochs, every random draw from streams split off {@code seed}.
     */
    public static FeatureNet train(Dataset digits, long seed) {
        requireDigits(digits);
        FeatureNet net = new FeatureNet(Rng.split(seed, "feature-net-init"));
        DataLoader loader = new DataLoader(digits, BATCH, true, false, Rng.split(seed, "feature-net-data"), net.backend);
        try (Adam adam = new Adam(net.parameters(), LEARNING_RATE)) {
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                for (Batch batch : loader) {
                    try (Scope scope = Scope.open()) {
                        adam.zeroGrad();
                        Losses.crossEntropy(net.forward(batch.features()), batch.targets()).backward();
                        adam.step();
                    }
                }
            }
        }
        net.eval();
        return net;
    }

    /**
     * The network for {@code digits} and {@code seed} from {@code folder}, trained and saved there first if no earlier
     * call did. The file name is a fingerprint of the images, labels, seed and recipe, so another training set gets
     * its own file.
     */
    public static FeatureNet cached(Dataset digits, long seed, Path folder) throws IOException {
        requireDigits(digits);
        Path file = folder.resolve("lenet-" + Long.toHexString(fingerprint(digits, seed)) + ".safetensors");
        if (Files.isRegularFile(file)) {
            FeatureNet net = new FeatureNet(Rng.split(seed, "feature-net-init"));
            Checkpoint.load(file, net);
            net.eval();
            return net;
        }
        FeatureNet net = train(digits, seed);
        Files.createDirectories(folder);
        Checkpoint.save(file, net);
        return net;
    }

    /** The penultimate activations, {@code count × 84}, of {@code count} images {@code [1, 28, 28]} given one after another. */
    public float[] features(float[] images, int count) {
        return inBatches(images, count, FEATURES, body);
    }

    /** The most likely class of each of {@code count} images {@code [1, 28, 28]}. */
    public int[] classify(float[] images, int count) {
        float[] logits = inBatches(images, count, CLASSES, this);
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            int best = 0;
            for (int c = 1; c < CLASSES; c++) {
                if (logits[i * CLASSES + c] > logits[i * CLASSES + best]) {
                    best = c;
                }
            }
            classes[i] = best;
        }
        return classes;
    }

    /** The share of {@code labelled}'s images whose class {@link #classify} gets right. */
    public double accuracy(Dataset labelled) {
        requireDigits(labelled);
        int n = labelled.size();
        float[] images = new float[n * SIDE * SIDE];
        int[] classes = new int[n];
        float[] label = new float[1];
        for (int i = 0; i < n; i++) {
            labelled.copyFeatures(i, images, i * SIDE * SIDE);
            labelled.copyTarget(i, label, 0);
            classes[i] = (int) label[0];
        }
        return agreement(images, classes);
    }

    /**
     * The share of images {@code [1, 28, 28]}, given one after another, that {@link #classify} puts in the class
     * {@code classes[i]} given for image {@code i}: for a class-conditional generator's samples, its label adherence.
     */
    public double agreement(float[] images, int[] classes) {
        int[] predicted = classify(images, classes.length);
        int right = 0;
        for (int i = 0; i < classes.length; i++) {
            if (predicted[i] == classes[i]) {
                right++;
            }
        }
        return right / (double) classes.length;
    }

    /** {@code count} single-channel {@code side × side} images resized bilinearly to the network's 28 × 28. */
    public static float[] toInput(float[] images, int count, int side) {
        if (images.length != count * side * side) {
            throw new IllegalArgumentException(images.length + " values are not " + count + " single-channel images of "
                    + side + " × " + side);
        }
        if (side == SIDE) {
            return images;
        }
        float[] out = new float[count * SIDE * SIDE];
        for (int i = 0; i < count; i++) {
            float[] one = Arrays.copyOfRange(images, i * side * side, (i + 1) * side * side);
            System.arraycopy(Resize.bilinear(one, 1, side, side, SIDE, SIDE), 0, out, i * SIDE * SIDE, SIDE * SIDE);
        }
        return out;
    }

    private float[] inBatches(float[] images, int count, int width, Module net) {
        if (images.length != count * SIDE * SIDE) {
            throw new IllegalArgumentException(images.length + " values are not " + count + " images of 1 × 28 × 28");
        }
        float[] out = new float[count * width];
        for (int from = 0; from < count; from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, count - from);
            try (Scope scope = Scope.open(); NoGrad off = NoGrad.open()) {
                float[] part = Arrays.copyOfRange(images, from * SIDE * SIDE, (from + n) * SIDE * SIDE);
                float[] result = net.forward(Tensor.of(backend, part, n, 1, SIDE, SIDE)).toFloatArray();
                System.arraycopy(result, 0, out, from * width, n * width);
            }
        }
        return out;
    }

    private static void requireDigits(Dataset digits) {
        if (!Arrays.equals(digits.featureShape(), new int[] {1, SIDE, SIDE}) || digits.targetShape().length != 0) {
            throw new IllegalArgumentException("the feature network reads [1, 28, 28] images with one class index each, got "
                    + Arrays.toString(digits.featureShape()) + " with targets " + Arrays.toString(digits.targetShape()));
        }
    }

    /** A hash of every image and label, the seed and the training recipe. */
    private static long fingerprint(Dataset digits, long seed) {
        long h = 1125899906842597L;
        h = 31 * h + seed;
        h = 31 * h + EPOCHS * 1_000_003L + BATCH * 1009L + Float.floatToIntBits(LEARNING_RATE);
        float[] image = new float[SIDE * SIDE];
        float[] label = new float[1];
        for (int i = 0; i < digits.size(); i++) {
            digits.copyFeatures(i, image, 0);
            digits.copyTarget(i, label, 0);
            h = 31 * h + Arrays.hashCode(image);
            h = 31 * h + Float.floatToIntBits(label[0]);
        }
        return h;
    }
}
