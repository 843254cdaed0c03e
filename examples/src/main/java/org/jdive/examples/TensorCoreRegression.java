package org.jdive.examples;

import java.io.PrintStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backends;
import org.jdive.core.data.ArrayDataset;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.loss.Losses;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.init.Init;
import org.jdive.core.optim.Sgd;

/**
 * D2L 3.5's concise linear regression on jdive's tensor core: 1,000 examples of {@code y = Xw + b + ε} with
 * {@code w = [2, -3.4]}, {@code b = 4.2} and noise of standard deviation 0.01, a {@link Linear} layer 2 → 1
 * initialised from N(0, 0.01²) with a zero bias, the mean squared error, and minibatch SGD (learning rate 0.03,
 * batches of 10, shuffled by a {@link DataLoader}). Autograd gives the gradients; each step runs in a
 * {@link Scope}, which frees the step's intermediate tensors when it closes.
 *
 * <p>Run: {@code mvn -f examples/pom.xml compile exec:exec -Dexample=TensorCoreRegression -Dargs=3} (epochs).
 */
public final class TensorCoreRegression {

    private static final float[] TRUE_W = {2f, -3.4f};
    private static final float TRUE_B = 4.2f;
    private static final int EXAMPLES = 1_000;

    /** The learned parameters and the mean squared error over all examples after each epoch. */
    public record Result(float[] w, float b, float[] lossPerEpoch) {
    }

    private TensorCoreRegression() {
    }

    /** Makes the data from {@code seed} and fits it for {@code epochs} passes, printing the loss after each. */
    public static Result train(int epochs, long seed, PrintStream out) {
        ArrayDataset data = syntheticData(Rng.split(seed, "data"));
        DataLoader loader = new DataLoader(data, 10, true, false, Rng.split(seed, "shuffle"), Backends.getDefault());
        float[] losses = new float[epochs];
        try (Linear net = new Linear(2, 1, Rng.split(seed, "init"));
             Sgd sgd = new Sgd(net.parameters(), 0.03f)) {
            net.initialize(Init.normal(0f, 0.01f), Init.zeros());
            for (int epoch = 0; epoch < epochs; epoch++) {
                for (Batch batch : loader) {
                    try (Scope step = Scope.open()) {
                        Tensor loss = Losses.mse(net.forward(batch.features()), batch.targets());
                        sgd.zeroGrad();
                        loss.backward(); // gradients reach the layer's weight and bias, which live outside the scope
                        sgd.step();
                    }
                }
                losses[epoch] = fullLoss(net, data);
                out.printf("epoch %d, loss %.6f%n", epoch + 1, losses[epoch]);
            }
            Result result = new Result(net.weight().toFloatArray(), net.bias().item(), losses);
            out.printf("w = [%.4f, %.4f] (true [2, -3.4]), b = %.4f (true 4.2)%n", result.w()[0], result.w()[1],
                    result.b());
            return result;
        }
    }

    /** D2L's {@code synthetic_data}: features from N(0, 1), labels from the true line plus Gaussian noise. */
    private static ArrayDataset syntheticData(UniformRandomProvider rng) {
        try (Scope scope = Scope.open()) {
            Tensor x = Tensor.randn(rng, EXAMPLES, 2);
            Tensor y = x.matmul(Tensor.of(TRUE_W, 2, 1)).add(TRUE_B).add(Tensor.randn(rng, EXAMPLES, 1).mul(0.01f));
            return new ArrayDataset(x.toFloatArray(), new int[] {2}, y.toFloatArray(), new int[] {1});
        }
    }

    /** The mean squared error over the whole data set, in one batch, without recording gradients. */
    private static float fullLoss(Linear net, ArrayDataset data) {
        try (NoGrad noGrad = NoGrad.open(); Scope scope = Scope.open();
             Batch all = new DataLoader(data, data.size()).iterator().next()) {
            return Losses.mse(net.forward(all.features()), all.targets()).item();
        }
    }

    public static void main(String[] args) {
        train(args.length > 0 ? Integer.parseInt(args[0]) : 3, 0, System.out);
    }
}
