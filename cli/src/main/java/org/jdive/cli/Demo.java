package org.jdive.cli;

import java.io.PrintWriter;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.core.Rng;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Sgd;

/**
 * {@code jdive demo [--seed N]}: D2L 3.4's linear regression from scratch (y = Xw + b + noise with
 * w = [2, -3.4], b = 4.2), then a two-layer MLP that learns XOR-like quadrants, both on the tensor core.
 */
final class Demo {

    private Demo() {
    }

    static int run(long seed, PrintWriter out) {
        linearRegression(seed, out);
        out.println();
        quadrants(seed, out);
        return 0;
    }

    private static void linearRegression(long seed, PrintWriter out) {
        out.println("D2L 3.4: linear regression, 1000 examples, minibatch SGD (lr 0.03, batch 10)");
        UniformRandomProvider data = Rng.split(seed, "data");
        Tensor trueW = Tensor.of(new float[] {2f, -3.4f}, 2, 1);
        Tensor x = Tensor.randn(data, 1000, 2);
        Tensor y = x.matmul(trueW).add(4.2f).add(Tensor.randn(data, 1000, 1).mul(0.01f));
        Tensor w = Tensor.randn(Rng.split(seed, "init"), 2, 1).mul(0.01f).requiresGrad(true);
        Tensor b = Tensor.zeros(1).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(w, b), 0.03f);
        for (int epoch = 1; epoch <= 3; epoch++) {
            for (int start = 0; start < 1000; start += 10) {
                try (Scope step = Scope.open()) {
                    Tensor xb = x.slice(0, start, start + 10);
                    Tensor yb = y.slice(0, start, start + 10);
                    Tensor loss = xb.matmul(w).add(b).sub(yb).square().div(2f).mean();
                    sgd.zeroGrad();
                    loss.backward();
                    sgd.step();
                }
            }
            try (Scope eval = Scope.open()) {
                float loss = x.matmul(w).add(b).sub(y).square().div(2f).mean().item();
                out.printf("  epoch %d, loss %.6f%n", epoch, loss);
            }
        }
        float[] learned = w.toFloatArray();
        out.printf("  w = [%.4f, %.4f] (true [2, -3.4]), b = %.4f (true 4.2)%n", learned[0], learned[1], b.item());
    }

    private static void quadrants(long seed, PrintWriter out) {
        out.println("MLP 2 -> 32 -> 2 (ReLU, softmax cross-entropy, SGD with momentum) on XOR quadrants");
        UniformRandomProvider data = Rng.split(seed, "quadrants");
        int n = 512;
        float[] points = new float[n * 2];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            float px = data.nextFloat() * 2 - 1;
            float py = data.nextFloat() * 2 - 1;
            points[2 * i] = px;
            points[2 * i + 1] = py;
            labels[i] = px * py > 0 ? 1 : 0;
        }
        Tensor x = Tensor.of(points, n, 2);
        Tensor target = Tensor.of(labels, n, 1);
        UniformRandomProvider init = Rng.split(seed, "mlp-init");
        Tensor w1 = Tensor.randn(init, 2, 32).mul(0.7f).requiresGrad(true);
        Tensor b1 = Tensor.zeros(32).requiresGrad(true);
        Tensor w2 = Tensor.randn(init, 32, 2).mul(0.25f).requiresGrad(true);
        Tensor b2 = Tensor.zeros(2).requiresGrad(true);
        Sgd sgd = new Sgd(List.of(w1, b1, w2, b2), 0.1f, 0.9f, 0f, false);
        for (int step = 1; step <= 300; step++) {
            try (Scope scope = Scope.open()) {
                Tensor logits = x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
                Tensor loss = logits.logSoftmax(1).gather(1, target).mean().neg();
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
                if (step % 100 == 0) {
                    float accuracy = logits.argmax(1, true).eq(target).mean().item();
                    out.printf("  step %d, loss %.4f, accuracy %.1f%%%n", step, loss.item(), 100 * accuracy);
                }
            }
        }
    }
}
