package org.jdive.core;

import java.util.Arrays;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.ReduceOp;

/** Reductions and softmax, and their gradient rules. */
final class Reductions {

    private Reductions() {
    }

    static Tensor sumAll(Tensor x) {
        int[] all = new int[x.rank()];
        Arrays.setAll(all, i -> i);
        return sum(x, all, false);
    }

    static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        int[] shape = x.shapeRef();
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            int ax = Shapes.axis(a, shape.length);
            if (reduced[ax]) {
                throw new IllegalArgumentException("axis " + a + " given twice to sum");
            }
            reduced[ax] = true;
        }
        int[] kept = keptShape(shape, reduced);
        Tensor out = reduceRuns(ReduceOp.SUM, x, reduced, kept);
        int[] finalShape = keepDim ? kept : dropReduced(shape, reduced);
        Tensor result = out.shapeRef().length == finalShape.length && Arrays.equals(out.shapeRef(), finalShape)
                ? out : viewAs(out, finalShape);
        return Autograd.record(result, "sum",
                g -> new Tensor[] {g.reshape(kept).broadcastTo(shape)}, x);
    }

    /** Reduces each run of adjacent reduced axes with one backend call; the result has {@code kept}'s shape. */
    private static Tensor reduceRuns(ReduceOp op, Tensor x, boolean[] reduced, int[] kept) {
        Backend be = x.backend();
        int[] shape = x.shapeRef().clone();
        Tensor current = x;
        for (int end = shape.length; end > 0; ) {
            if (!reduced[end - 1]) {
                end--;
                continue;
            }
            int start = end;
            while (start > 0 && reduced[start - 1]) {
                start--;
            }
            int outer = Shapes.product(shape, 0, start);
            int axis = Shapes.product(shape, start, end);
            int inner = Shapes.product(shape, end, shape.length);
            for (int d = start; d < end; d++) {
                shape[d] = 1;
            }
            Tensor next = Tensor.forOutput(be, shape.clone());
            be.reduce(op, current.buffer(), next.buffer(), outer, axis, inner);
            if (current != x) {
                current.close();
            }
            current = next;
            end = start;
        }
        return current == x ? ShapeOps.share(x, kept) : current;
    }

    static Tensor max(Tensor x, int axis, boolean keepDim) {
        int ax = Shapes.axis(axis, x.rank());
        boolean[] reduced = new boolean[x.rank()];
        reduced[ax] = true;
        int[] kept = keptShape(x.shapeRef(), reduced);
        Tensor out = reduceRuns(ReduceOp.MAX, x, reduced, kept);
        Tensor result = keepDim ? out : viewAs(out, dropReduced(x.shapeRef(), reduced));
        return Autograd.record(result, "max", g -> {
            Tensor mask = x.eq(keepDim ? result : result.reshape(kept));
            Tensor share = g.reshape(kept).div(mask.sum(ax, true));
            return new Tensor[] {mask.mul(share)};
        }, x);
    }

    static Tensor argmax(Tensor x, int axis, boolean keepDim) {
        int ax = Shapes.axis(axis, x.rank());
        boolean[] reduced = new boolean[x.rank()];
        reduced[ax] = true;
        int[] kept = keptShape(x.shapeRef(), reduced);
        Backend be = x.backend();
        Tensor out = Tensor.forOutput(be, kept);
        int[] s = x.shapeRef();
        be.reduce(ReduceOp.ARGMAX, x.buffer(), out.buffer(), Shapes.product(s, 0, ax), s[ax],
                Shapes.product(s, ax + 1, s.length));
        return keepDim ? out : viewAs(out, dropReduced(s, reduced));
    }

    static Tensor softmax(Tensor x, int axis, boolean log) {
        int ax = Shapes.axis(axis, x.rank());
        int[] s = x.shapeRef();
        Backend be = x.backend();
        Tensor out = Tensor.forOutput(be, s);
        be.softmax(x.buffer(), out.buffer(), Shapes.product(s, 0, ax), s[ax], Shapes.product(s, ax + 1, s.length), log);
        return Autograd.record(out, log ? "log_softmax" : "softmax", g -> new Tensor[] {
            log ? g.sub(out.exp().mul(g.sum(ax, true)))
                : out.mul(g.sub(g.mul(out).sum(ax, true)))
        }, x);
    }

    private static int[] keptShape(int[] shape, boolean[] reduced) {
        int[] kept = shape.clone();
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                kept[d] = 1;
            }
        }
        return kept;
    }

    private static int[] dropReduced(int[] shape, boolean[] reduced) {
        int n = 0;
        for (boolean r : reduced) {
            n += r ? 0 : 1;
        }
        int[] out = new int[n];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (!reduced[d]) {
                out[j++] = shape[d];
            }
        }
        return out;
    }

    /** The memory of {@code t}, an intermediate this class made, handed over to a tensor of another shape. */
    private static Tensor viewAs(Tensor t, int[] shape) {
        Tensor v = ShapeOps.share(t, shape);
        t.close();
        return v;
    }
}
