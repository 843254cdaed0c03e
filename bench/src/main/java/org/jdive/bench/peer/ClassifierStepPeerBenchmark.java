package org.jdive.bench.peer;

import ai.djl.basicmodelzoo.cv.classification.LeNet;
import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.concurrent.TimeUnit;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.optim.Sgd;
import org.jdive.models.classify.Classifier;
import org.jdive.models.classify.Nets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One minibatch SGD step (forward, softmax cross-entropy, backward, update) of a D2L image classifier on
 * Fashion-MNIST-shaped input: LeNet (D2L 7.6) on 28×28 images in the book's batches of 256, and ResNet-18 (D2L 8.6)
 * on images resized to 96×96, in batches of 64 (a quarter of the book's, to keep a step near a second here; images
 * per second are batch ÷ time). jdive runs the networks of {@link Nets}; the peer trains DJL's own model-zoo
 * {@link LeNet} and {@link ResNetV1} (18 layers; its stem is ResNet-18's 7×7 convolution and max pooling at this
 * size, its shortcut adds batch norm after the 1×1 convolution) with DJL's SGD.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"})
public class ClassifierStepPeerBenchmark {

    @Param({"lenet", "resnet18"})
    public String net;

    @Param({"cpu", "opencl", "djl", "djl-api"})
    public String impl;

    private Classifier classifier;
    private Tensor images;
    private Tensor labels;
    private NDManager manager;
    private Trainer peer;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    private NDArray peerImages;
    private NDArray peerLabels;

    @Setup
    public void setup() {
        boolean lenet = net.equals("lenet");
        int batch = lenet ? 256 : 64;
        int side = lenet ? 28 : 96;
        float lr = lenet ? 0.9f : 0.05f; // the book's
        var rng = Rng.seeded(23);
        float[] pixels = DjlApi.randn(rng, 1f, (long) batch * side * side);
        float[] classes = new float[batch];
        for (int i = 0; i < batch; i++) {
            classes[i] = rng.nextInt(10);
        }
        if (Impl.isPeer(impl)) {
            manager = DjlApi.manager();
            peerImages = manager.create(pixels, new Shape(batch, 1, side, side));
            peerLabels = manager.create(classes, new Shape(batch));
            Block block = lenet ? LeNet.builder().setOutSize(10).build()
                    : ResNetV1.builder().setImageShape(new Shape(1, side, side)).setNumLayers(18).setOutSize(10).build();
            Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).build();
            peer = DjlApi.trainer(net, block, sgd, loss, new Shape(batch, 1, side, side));
        } else {
            Backend be = Impl.backend(impl);
            Backends.setDefault(be); // modules make their parameters on the default backend
            var module = Nets.build(net, 1, side, 10, rng);
            classifier = new Classifier(module, new Sgd(module.parameters(), lr));
            images = Tensor.of(be, pixels, batch, 1, side, side);
            labels = Tensor.of(be, classes, batch);
        }
    }

    @Benchmark
    public double trainStep() {
        if (Impl.isPeer(impl)) {
            try (NDScope scope = new NDScope(); GradientCollector collector = peer.newGradientCollector()) {
                NDArray l = loss.evaluate(new NDList(peerLabels), peer.forward(new NDList(peerImages)));
                collector.backward(l);
                peer.step();
                return l.getFloat();
            }
        }
        try (Scope scope = Scope.open()) {
            return classifier.step(images, labels).loss();
        }
    }

    @TearDown
    public void tearDown() {
        if (manager != null) {
            peer.close();
            peer.getModel().close();
            manager.close();
        }
    }
}
