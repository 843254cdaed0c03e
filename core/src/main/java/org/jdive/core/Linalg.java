package org.jdive.core;

import java.util.Arrays;
import org.jdive.core.backend.Backend;

/** Matrix products with PyTorch's {@code matmul} broadcasting, and their gradient rules. */
final class Linalg {

    private Linalg() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul needs tensors of rank >= 1, got shapes "
                    + Shapes.str(a.shapeRef()) + " and " + Shapes.str(b.shapeRef()));
        }
        if (a.rank() == 1 || b.rank() == 1) {
            Tensor a2 = a.rank() == 1 ? a.reshape(1, a.size()) : a;
            Tensor b2 = b.rank() == 1 ? b.reshape(b.size(), 1) : b;
            Tensor product = matmul(a2, b2);
            int[] s = product.shapeRef();
            int drop = (a.rank() == 1 ? 1 : 0) + (b.rank() == 1 ? 1 : 0);
            int[] shape = new int[s.length - drop];
            int j = 0;
            for (int d = 0; d < s.length; d++) {
                boolean isRowOfVector = a.rank() == 1 && d == s.length - 2;
                boolean isColOfVector = b.rank() == 1 && d == s.length - 1;
                if (!isRowOfVector && !isColOfVector) {
                    shape[j++] = s[d];
                }
            }
            return product.reshape(shape);
        }
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        if (bs[bs.length - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + Shapes.str(as) + " and " + Shapes.str(bs)
                    + " do not align (" + k + " vs " + bs[bs.length - 2] + ")");
        }
        if (as.length == 2 && bs.length == 2) {
            return gemm(a, false, b, false);
        }
        int[] aBatch = Arrays.copyOf(as, as.length - 2);
        int[] bBatch = Arrays.copyOf(bs, bs.length - 2);
        int[] batchShape = Shapes.broadcast(aBatch, bBatch);
        int batch = Shapes.size(batchShape);
        if (Shapes.size(aBatch) != batch && Shapes.size(aBatch) != 1) {
            return matmul(a.broadcastTo(concat(batchShape, m, k)), b);
        }
        if (Shapes.size(bBatch) != batch && Shapes.size(bBatch) != 1) {
            return matmul(a, b.broadcastTo(concat(batchShape, k, n)));
        }
        boolean aBroadcast = Shapes.size(aBatch) != batch;
        boolean bBroadcast = Shapes.size(bBatch) != batch;
        Backend be = Elementwise.sameBackend(a, b);
        Tensor out = Tensor.forOutput(be, concat(batchShape, m, n));
        product(be, batch, m, n, k, a, aBroadcast, false, b, bBroadcast, false, out);
        return Autograd.recordFirstOrder(out, "matmul", g -> new Tensor[] {
            a.requiresGrad() ? gradA(g, a, b, batch, m, n, k, aBroadcast, bBroadcast) : null,
            b.requiresGrad() ? gradB(g, a, b, batch, m, n, k, aBroadcast, bBroadcast) : null
        }, a, b);
    }

    /** {@code x · wᵀ} for {@code x [..., k]} and {@code w [n, k]}: one product of x's rows with w transposed. */
    static Tensor linear(Tensor x, Tensor w) {
        int[] xs = x.shapeRef();
        int[] ws = w.shapeRef();
        if (x.rank() < 1 || w.rank() != 2 || ws[1] != xs[xs.length - 1]) {
            throw new IllegalArgumentException("linear needs an input [..., k] and a weight [n, k], got shapes "
                    + Shapes.str(xs) + " and " + Shapes.str(ws));
        }
        int n = ws[0];
        int k = ws[1];
        int rows = x.size() / Math.max(k, 1);
        int[] shape = Arrays.copyOf(xs, xs.length);
        shape[shape.length - 1] = n;
        Backend be = Elementwise.sameBackend(x, w);
        Tensor out = Tensor.forOutput(be, shape);
        be.matmul(1, rows, n, k, x.buffer(), 0, false, w.buffer(), 0, true, out.buffer(), 0f);
        return Autograd.record(out, "linear", g -> {
            Tensor g2 = g.reshape(rows, n);
            return new Tensor[] {
                x.requiresGrad() ? gemm(g2, false, w, false).reshape(xs) : null,
                w.requiresGrad() ? gemm(g2, true, x.reshape(rows, k), false) : null
            };
        }, x, w);
    }

    /**
     * {@code x[g] · w[g]ᵀ} for each group {@code g} of a leading group axis: {@code x [G, ..., k]} and a stack of
     * weights {@code w [G, n, k]}. Each group's product and gradients are the backend calls {@link #linear} makes
     * for one weight, with that group's operands, so every group equals its own {@code linear} bit for bit.
     */
    static Tensor groupedLinear(Tensor x, Tensor w) {
        int[] xs = x.shapeRef();
        int[] ws = w.shapeRef();
        if (x.rank() < 2 || w.rank() != 3 || ws[0] != xs[0] || ws[2] != xs[xs.length - 1]) {
            throw new IllegalArgumentException("groupedLinear needs an input [G, ..., k] and weights [G, n, k], got "
                    + "shapes " + Shapes.str(xs) + " and " + Shapes.str(ws));
        }
        int groups = ws[0];
        int n = ws[1];
        int k = ws[2];
        int rows = x.size() / Math.max(groups * k, 1);
        int[] shape = Arrays.copyOf(xs, xs.length);
        shape[shape.length - 1] = n;
        Backend be = Elementwise.sameBackend(x, w);
        Tensor out = Tensor.forOutput(be, shape);
        be.matmul(groups, rows, n, k, x.buffer(), rows * k, false, w.buffer(), n * k, true, out.buffer(), 0f);
        return Autograd.recordFirstOrder(out, "groupedLinear", g -> {
            Tensor dx = null;
            Tensor dw = null;
            if (x.requiresGrad()) {
                dx = Tensor.forOutput(be, xs);
                be.matmul(groups, rows, k, n, g.buffer(), rows * n, false, w.buffer(), n * k, false, dx.buffer(), 0f);
            }
            if (w.requiresGrad()) {
                dw = Tensor.forOutput(be, ws);
                be.matmul(groups, n, k, rows, g.buffer(), rows * n, true, x.buffer(), rows * k, false, dw.buffer(), 0f);
            }
            return new Tensor[] {dx, dw};
        }, x, w);
    }

    /**
     * {@code op(a) · op(b)} for matrices, {@code op} a transpose where asked, read in place. Its gradients are two
     * more such products, so it differentiates any number of times.
     */
    static Tensor gemm(Tensor a, boolean transA, Tensor b, boolean transB) {
        int m = a.shape(transA ? 1 : 0);
        int k = a.shape(transA ? 0 : 1);
        int n = b.shape(transB ? 0 : 1);
        Backend be = Elementwise.sameBackend(a, b);
        Tensor out = Tensor.forOutput(be, new int[] {m, n});
        be.matmul(1, m, n, k, a.buffer(), 0, transA, b.buffer(), 0, transB, out.buffer(), 0f);
        return Autograd.record(out, "matmul", g -> new Tensor[] {
            a.requiresGrad() ? (transA ? gemm(b, transB, g, true) : gemm(g, false, b, !transB)) : null,
            b.requiresGrad() ? (transB ? gemm(g, true, a, transA) : gemm(a, !transA, g, false)) : null
        }, a, b);
    }

    /** dA = dC · Bᵀ, summed over the batch where A was broadcast. */
    private static Tensor gradA(Tensor g, Tensor a, Tensor b, int batch, int m, int n, int k,
                                boolean aBroadcast, boolean bBroadcast) {
        Backend be = g.backend();
        if (!aBroadcast) {
            Tensor da = Tensor.forOutput(be, a.shapeRef());
            product(be, batch, m, k, n, g, false, false, b, bBroadcast, true, da);
            return da;
        }
        Tensor perBatch = Tensor.forOutput(be, new int[] {batch, m, k});
        product(be, batch, m, k, n, g, false, false, b, bBroadcast, true, perBatch);
        return perBatch.sum(0, false).reshape(a.shapeRef());
    }

    /** dB = Aᵀ · dC, summed over the batch where B was broadcast. */
    private static Tensor gradB(Tensor g, Tensor a, Tensor b, int batch, int m, int n, int k,
                                boolean aBroadcast, boolean bBroadcast) {
        Backend be = g.backend();
        Tensor db = Tensor.forOutput(be, b.shapeRef());
        if (!bBroadcast) {
            product(be, batch, k, n, m, a, aBroadcast, true, g, false, false, db);
        } else {
            // Σ_i A[i]ᵀ dC[i] is one product of the stacked matrices: (batch·m × k)ᵀ · (batch·m × n).
            be.matmul(1, k, n, batch * m, a.buffer(), 0, true, g.buffer(), 0, false, db.buffer(), 0f);
        }
        return db;
    }

    /**
     * C[i] = op(A[i]) · op(B[i]) for a batch of products, as one large product where B is shared and A's
     * matrices are stacked rows.
     */
    private static void product(Backend be, int batch, int m, int n, int k, Tensor a, boolean aShared, boolean transA,
                                Tensor b, boolean bShared, boolean transB, Tensor c) {
        if (bShared && !aShared && !transA) {
            be.matmul(1, batch * m, n, k, a.buffer(), 0, false, b.buffer(), 0, transB, c.buffer(), 0f);
        } else {
            be.matmul(batch, m, n, k, a.buffer(), aShared ? 0 : m * k, transA, b.buffer(), bShared ? 0 : k * n,
                    transB, c.buffer(), 0f);
        }
    }

    private static int[] concat(int[] batch, int rows, int cols) {
        int[] s = Arrays.copyOf(batch, batch.length + 2);
        s[batch.length] = rows;
        s[batch.length + 1] = cols;
        return s;
    }
}
