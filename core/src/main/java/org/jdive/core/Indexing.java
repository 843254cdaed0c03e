package org.jdive.core;

import org.jdive.core.backend.Backend;

/** Gather and scatter-add along an axis, and their gradient rules. */
final class Indexing {

    private Indexing() {
    }

    static Tensor gather(Tensor x, int axis, Tensor index) {
        int ax = Shapes.axis(axis, x.rank());
        int[] s = x.shapeRef();
        checkIndexShape(s, ax, index, "gather");
        int picks = index.shape(-1);
        int outer = Shapes.product(s, 0, ax);
        int inner = Shapes.product(s, ax + 1, s.length);
        int[] shape = s.clone();
        shape[ax] = picks;
        Backend be = Elementwise.sameBackend(x, index);
        Tensor out = Tensor.forOutput(be, shape);
        be.gather(x.buffer(), index.buffer(), out.buffer(), outer, s[ax], picks, inner);
        return Autograd.record(out, "gather", g -> new Tensor[] {gatherBackward(g, s, ax, index), null}, x, index);
    }

    /** Gather's gradient: {@code g} added into zeros of {@code shape} where gather read; its own gradient is gather. */
    private static Tensor gatherBackward(Tensor g, int[] shape, int ax, Tensor index) {
        Backend be = g.backend();
        int picks = index.shape(-1);
        Tensor dx = Tensor.empty(be, shape);
        be.scatterAdd(g.buffer(), index.buffer(), dx.buffer(), Shapes.product(shape, 0, ax), picks, shape[ax],
                Shapes.product(shape, ax + 1, shape.length));
        return Autograd.record(dx, "gather_backward", h -> new Tensor[] {gather(h, ax, index), null}, g, index);
    }

    static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
        int ax = Shapes.axis(axis, x.rank());
        int[] s = x.shapeRef();
        checkIndexShape(s, ax, index, "scatterAdd");
        int picks = index.shape(-1);
        int[] srcShape = s.clone();
        srcShape[ax] = picks;
        if (!java.util.Arrays.equals(src.shapeRef(), srcShape)) {
            throw new IllegalArgumentException("scatterAdd: source shape " + Shapes.str(src.shapeRef())
                    + " should be " + Shapes.str(srcShape));
        }
        int outer = Shapes.product(s, 0, ax);
        int inner = Shapes.product(s, ax + 1, s.length);
        Backend be = Elementwise.sameBackend(x, src);
        Tensor out = Tensor.forOutput(be, s);
        be.copy(x.buffer(), 0, out.buffer(), 0, x.size());
        be.scatterAdd(src.buffer(), index.buffer(), out.buffer(), outer, picks, s[ax], inner);
        return Autograd.record(out, "scatter_add", g -> new Tensor[] {
            g, null, src.requiresGrad() ? gather(g, ax, index) : null
        }, x, index, src);
    }

    /** The index must be shaped as the tensor up to the axis, then the number of picks. */
    private static void checkIndexShape(int[] s, int ax, Tensor index, String op) {
        int[] is = index.shapeRef();
        boolean ok = is.length == ax + 1;
        for (int d = 0; ok && d < ax; d++) {
            ok = is[d] == s[d];
        }
        if (!ok) {
            int[] expected = java.util.Arrays.copyOf(s, ax + 1);
            expected[ax] = -1;
            throw new IllegalArgumentException(op + " along axis " + ax + " of shape " + Shapes.str(s)
                    + " needs an index of shape " + Shapes.str(expected).replace("-1", "J") + ", got " + Shapes.str(is));
        }
    }
}
