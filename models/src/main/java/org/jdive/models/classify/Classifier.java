package org.jdive.models.classify;

import java.util.List;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.DataParallel;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Optimizer;

/**
 * A network trained to classify (D2L 4.3's {@code Classifier}): the mean cross-entropy of its logits, minibatch
 * stochastic gradient descent, and accuracy as the fraction of argmax predictions that hit the label. Trained on one
 * device, or on several with {@link DataParallel} (D2L 13.5), where it evaluates on the first.
 */
public final class Classifier {

    /** A batch's (or a data set's) mean loss and the number of correct predictions among its examples. */
    public record Score(double loss, long correct, long examples) {

        /** The fraction of examples predicted right. */
        public double accuracy() {
            return examples == 0 ? Double.NaN : correct / (double) examples;
        }

        Score plus(Score other) {
            long n = examples + other.examples;
            return new Score(n == 0 ? 0 : (loss * examples + other.loss * other.examples) / n, correct + other.correct, n);
        }
    }

    private final Module net;
    private final Optimizer optimizer;
    private final DataParallel parallel;

    /** {@code net} trained on its device by {@code optimizer}. */
    public Classifier(Module net, Optimizer optimizer) {
        this(net, optimizer, null);
    }

    /** The replicas of {@code parallel} trained together, {@code optimizer} stepping the first one's parameters. */
    public Classifier(DataParallel parallel, Optimizer optimizer) {
        this(parallel.primary(), optimizer, parallel);
    }

    private Classifier(Module net, Optimizer optimizer, DataParallel parallel) {
        this.net = net;
        this.optimizer = optimizer;
        this.parallel = parallel;
    }

    public Module net() {
        return net;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** One minibatch update: forward, mean cross-entropy against the labels, backward, one optimizer step. */
    public Score step(Tensor features, Tensor labels) {
        try (Scope scope = Scope.open()) {
            if (parallel != null) {
                optimizer.zeroGrad();
                DataParallel.Step step = parallel.backward(features, labels, Losses::crossEntropy);
                optimizer.step();
                parallel.broadcast();
                return new Score(step.loss(), correct(step.outputs(), labels.to(step.outputs().backend())),
                        labels.shape()[0]);
            }
            Tensor logits = net.forward(features);
            Tensor loss = Losses.crossEntropy(logits, labels);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return new Score(loss.item(), correct(logits, labels), labels.shape()[0]);
        }
    }

    /** The mean loss and accuracy on {@code data}, in evaluation mode and without gradients. */
    public Score evaluate(Dataset data, int batchSize) {
        net.eval();
        Score total = new Score(0, 0, 0);
        try (NoGrad off = NoGrad.open()) {
            for (Batch batch : new DataLoader(data, batchSize)) {
                try (Scope scope = Scope.open()) {
                    Tensor logits = net.forward(batch.features());
                    Tensor loss = Losses.crossEntropy(logits, batch.targets());
                    total = total.plus(new Score(loss.item(), correct(logits, batch.targets()), batch.size()));
                }
            }
        } finally {
            net.train();
        }
        return total;
    }

    /** The predicted class (the argmax of the logits) of each example of {@code data}, in evaluation mode. */
    public int[] predict(Dataset data, int batchSize) {
        int[] predicted = new int[data.size()];
        int at = 0;
        net.eval();
        try (NoGrad off = NoGrad.open()) {
            for (Batch batch : new DataLoader(data, batchSize)) {
                try (Scope scope = Scope.open()) {
                    for (float p : net.forward(batch.features()).argmax(1, false).toFloatArray()) {
                        predicted[at++] = (int) p;
                    }
                }
            }
        } finally {
            net.train();
        }
        return predicted;
    }

    /** How the examples of {@code data} (targets: class indices) are predicted, class by class, in evaluation mode. */
    public ConfusionMatrix confusion(Dataset data, int batchSize, List<String> classes) {
        int[] predicted = predict(data, batchSize);
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        float[] target = new float[1];
        for (int i = 0; i < predicted.length; i++) {
            data.copyTarget(i, target, 0);
            matrix.add((int) target[0], predicted[i]);
        }
        return matrix;
    }

    private static long correct(Tensor logits, Tensor labels) {
        return Math.round(logits.argmax(1, false).eq(labels).sum().item());
    }
}
