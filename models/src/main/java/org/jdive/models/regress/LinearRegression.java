package org.jdive.models.regress;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.NoGrad;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.data.Batch;
import org.jdive.core.data.DataLoader;
import org.jdive.core.data.Dataset;
import org.jdive.core.nn.Linear;
import org.jdive.core.nn.init.Init;
import org.jdive.core.optim.Optimizer;

/**
 * D2L's linear regression (3.4 from scratch, 3.5 concise, 3.7 with weight decay, and chapter 12's model on airfoil):
 * {@code ŷ = X·w + b} with {@code w ~ N(0, 0.01²)} and {@code b = 0} at the start, trained on the mean squared error
 * plus the weight's L2 penalty {@code λ/2·‖w‖²} (the bias is not penalised, as in the book), minibatch by minibatch.
 *
 * <p>The from-scratch and concise versions of chapter 3 differ in jdive only in their {@link Loss}: the book's own
 * {@code (ŷ − y)²/2} against PyTorch's {@code nn.MSELoss}, {@code (ŷ − y)²}, whose gradient is twice as large at the
 * same learning rate. Weight decay as a penalty in the loss (3.7 from scratch) gives the weight the same gradient,
 * {@code + λ·w}, as {@code torch.optim.SGD}'s {@code weight_decay} on the weight alone (3.7 concise), for any optimiser.
 */
public final class LinearRegression implements AutoCloseable {

    /** The loss of a prediction. */
    public enum Loss {
        /** {@code (ŷ − y)²/2}, the book's {@code squared_loss} (3.4, 3.7, chapter 12). */
        HALF_SQUARED,
        /** {@code (ŷ − y)²}, PyTorch's {@code nn.MSELoss} (3.5 concise). */
        SQUARED;

        /** The scenario name: {@code half-squared} or {@code squared}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Loss of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        /** The mean over the batch. */
        Tensor mean(Tensor prediction, Tensor target) {
            Tensor squared = prediction.sub(target).square().mean();
            return this == HALF_SQUARED ? squared.div(2f) : squared;
        }
    }

    private final Linear net;
    private final Optimizer optimizer;
    private final Loss loss;
    private final float weightDecay;

    /**
     * @param inputs      the number of features
     * @param weightDecay λ of the penalty {@code λ/2·‖w‖²} (0: none)
     * @param optimizer   builds the optimiser of the parameters (weight, then bias)
     * @param rng         the stream the weight is drawn from
     */
    public LinearRegression(int inputs, Loss loss, float weightDecay, Function<List<Tensor>, Optimizer> optimizer,
                            UniformRandomProvider rng) {
        if (!(weightDecay >= 0) || Float.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be finite and >= 0, got " + weightDecay);
        }
        this.net = new Linear(inputs, 1, rng);
        net.initialize(Init.normal(0f, 0.01f), Init.zeros());
        this.optimizer = optimizer.apply(net.parameters());
        this.loss = loss;
        this.weightDecay = weightDecay;
    }

    public Linear net() {
        return net;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * One minibatch update, as D2L's {@code fit_epoch}: the loss of the batch (plus the penalty), its gradient, one
     * optimiser step. Returns the batch's loss without the penalty.
     */
    public double step(Tensor features, Tensor targets) {
        try (Scope scope = Scope.open()) {
            Tensor dataLoss = loss.mean(net.forward(features), targets);
            Tensor objective = weightDecay == 0 ? dataLoss : dataLoss.add(net.weight().square().sum().mul(weightDecay / 2));
            optimizer.zeroGrad();
            objective.backward();
            optimizer.step();
            return dataLoss.item();
        }
    }

    /** The mean loss over {@code data} (without the penalty), in double precision over batches of 1,000. */
    public double loss(Dataset data) {
        double total = 0;
        try (NoGrad off = NoGrad.open()) {
            for (Batch batch : new DataLoader(data, 1000)) {
                try (Scope scope = Scope.open()) {
                    total += loss.mean(net.forward(batch.features()), batch.targets()).item() * batch.size();
                }
            }
        }
        return total / data.size();
    }

    /** The weight {@code w}, one value per feature. */
    public float[] weight() {
        return net.weight().toFloatArray();
    }

    public float bias() {
        return net.bias().toFloatArray()[0];
    }

    /** The penalty's norm of the weight, {@code ‖w‖₂}. */
    public double weightNorm() {
        double sum = 0;
        for (float v : weight()) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    @Override
    public void close() {
        optimizer.close();
        net.close();
    }
}
