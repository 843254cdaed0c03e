package org.jdive.core;

import java.util.Arrays;
import org.jdive.core.backend.Backend;

/** Reshaping, permuting, slicing, joining and broadcasting, and their gradient rules. */
final class ShapeOps {

    private ShapeOps() {
    }

    /** A new tensor over {@code t}'s memory with another shape of the same size; no gradient history. */
    static Tensor share(Tensor t, int[] shape) {
        t.buffer();
        t.storage().retain();
        return new Tensor(t.backend(), t.storage(), shape.clone());
    }

    static Tensor reshape(Tensor x, int[] requested) {
        int[] shape = resolve(requested, x.size(), x.shapeRef());
        int[] original = x.shapeRef();
        return Autograd.record(share(x, shape), "reshape", g -> new Tensor[] {g.reshape(original)}, x);
    }

    private static int[] resolve(int[] requested, int size, int[] from) {
        int[] shape = requested.clone();
        int unknown = -1;
        int known = 1;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape " + Shapes.str(requested) + ": only one dimension may be -1");
                }
                unknown = d;
            } else {
                known *= shape[d];
            }
        }
        if (unknown >= 0 && known != 0 && size % known == 0) {
            shape[unknown] = size / known;
        }
        if (Shapes.size(shape) != size || (unknown >= 0 && shape[unknown] < 0)) {
            throw new IllegalArgumentException("cannot reshape a tensor of shape " + Shapes.str(from) + " (" + size
                    + " elements) to " + Shapes.str(requested));
        }
        return shape;
    }

    static Tensor flatten(Tensor x, int axis) {
        int ax = Shapes.axis(axis, x.rank());
        int[] s = x.shapeRef();
        int[] shape = Arrays.copyOf(s, ax + 1);
        shape[ax] = Shapes.product(s, ax, s.length);
        return reshape(x, shape);
    }

    static Tensor unsqueeze(Tensor x, int axis) {
        int ax = Shapes.axis(axis, x.rank() + 1);
        int[] s = x.shapeRef();
        int[] shape = new int[s.length + 1];
        System.arraycopy(s, 0, shape, 0, ax);
        shape[ax] = 1;
        System.arraycopy(s, ax, shape, ax + 1, s.length - ax);
        return reshape(x, shape);
    }

    static Tensor squeeze(Tensor x, int axis) {
        int ax = Shapes.axis(axis, x.rank());
        int[] s = x.shapeRef();
        if (s[ax] != 1) {
            throw new IllegalArgumentException("cannot squeeze axis " + axis + " of shape " + Shapes.str(s) + ": its size is " + s[ax]);
        }
        int[] shape = new int[s.length - 1];
        System.arraycopy(s, 0, shape, 0, ax);
        System.arraycopy(s, ax + 1, shape, ax, s.length - ax - 1);
        return reshape(x, shape);
    }

    static Tensor permute(Tensor x, int[] order) {
        int rank = x.rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute " + Arrays.toString(order) + " needs " + rank + " axes for shape "
                    + Shapes.str(x.shapeRef()));
        }
        int[] s = x.shapeRef();
        int[] strides = Shapes.strides(s);
        int[] shape = new int[rank];
        int[] srcStrides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int a = Shapes.axis(order[i], rank);
            if (seen[a]) {
                throw new IllegalArgumentException("permute " + Arrays.toString(order) + " repeats axis " + order[i]);
            }
            seen[a] = true;
            shape[i] = s[a];
            srcStrides[i] = strides[a];
            inverse[a] = i;
        }
        Backend be = x.backend();
        Tensor out = Tensor.forOutput(be, shape);
        be.copyStrided(x.buffer(), 0, srcStrides, out.buffer(), 0, Shapes.strides(shape), shape);
        return Autograd.record(out, "permute", g -> new Tensor[] {g.permute(inverse)}, x);
    }

    static Tensor transpose(Tensor x, int axis0, int axis1) {
        int[] order = new int[x.rank()];
        Arrays.setAll(order, i -> i);
        int a = Shapes.axis(axis0, x.rank());
        int b = Shapes.axis(axis1, x.rank());
        order[a] = b;
        order[b] = a;
        return permute(x, order);
    }

    static Tensor slice(Tensor x, int axis, int from, int to) {
        int ax = Shapes.axis(axis, x.rank());
        int[] s = x.shapeRef();
        if (from < 0 || to > s[ax] || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is out of range for axis " + axis
                    + " of shape " + Shapes.str(s));
        }
        int[] shape = s.clone();
        shape[ax] = to - from;
        int[] strides = Shapes.strides(s);
        Backend be = x.backend();
        Tensor out = Tensor.forOutput(be, shape);
        be.copyStrided(x.buffer(), from * strides[ax], strides, out.buffer(), 0, Shapes.strides(shape), shape);
        return Autograd.record(out, "slice", g -> new Tensor[] {embed(g, s, ax, from)}, x);
    }

    /** A zero tensor of {@code shape} with {@code part} written at offset {@code from} along {@code axis}. */
    private static Tensor embed(Tensor part, int[] shape, int axis, int from) {
        Backend be = part.backend();
        Tensor out = Tensor.empty(be, shape);
        int[] strides = Shapes.strides(shape);
        be.copyStrided(part.buffer(), 0, Shapes.strides(part.shapeRef()), out.buffer(), from * strides[axis], strides,
                part.shapeRef());
        int to = from + part.shape(axis);
        return Autograd.record(out, "slice_backward", g -> new Tensor[] {g.slice(axis, from, to)}, part);
    }

    static Tensor select(Tensor x, int axis, int index) {
        int ax = Shapes.axis(axis, x.rank());
        return squeeze(slice(x, ax, index, index + 1), ax);
    }

    static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Tensor first = parts[0];
        int ax = Shapes.axis(axis, first.rank());
        int[] shape = first.shapeRef().clone();
        shape[ax] = 0;
        for (Tensor p : parts) {
            Elementwise.sameBackend(first, p);
            int[] ps = p.shapeRef();
            boolean compatible = ps.length == shape.length;
            for (int d = 0; compatible && d < ps.length; d++) {
                compatible = d == ax || ps[d] == shape[d];
            }
            if (!compatible) {
                throw new IllegalArgumentException("concat along axis " + axis + ": shape " + Shapes.str(ps)
                        + " does not match " + Shapes.str(first.shapeRef()));
            }
            shape[ax] += ps[ax];
        }
        Backend be = first.backend();
        Tensor out = Tensor.empty(be, shape);
        int[] strides = Shapes.strides(shape);
        int[] offsets = new int[parts.length];
        int offset = 0;
        for (int i = 0; i < parts.length; i++) {
            offsets[i] = offset;
            int[] ps = parts[i].shapeRef();
            be.copyStrided(parts[i].buffer(), 0, Shapes.strides(ps), out.buffer(), offset * strides[ax], strides, ps);
            offset += ps[ax];
        }
        return Autograd.record(out, "concat", g -> {
            Tensor[] grads = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].requiresGrad()) {
                    grads[i] = g.slice(ax, offsets[i], offsets[i] + parts[i].shape(ax));
                }
            }
            return grads;
        }, parts);
    }

    static Tensor stack(int axis, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack needs at least one tensor");
        }
        int ax = Shapes.axis(axis, parts[0].rank() + 1);
        Tensor[] expanded = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shapeRef(), parts[0].shapeRef())) {
                throw new IllegalArgumentException("stack needs equal shapes, got " + Shapes.str(parts[0].shapeRef())
                        + " and " + Shapes.str(parts[i].shapeRef()));
            }
            expanded[i] = unsqueeze(parts[i], ax);
        }
        return concat(ax, expanded);
    }

    static Tensor broadcastTo(Tensor x, int[] target) {
        int[] s = x.shapeRef();
        if (!Arrays.equals(Shapes.broadcast(s, target), target)) {
            throw new IllegalArgumentException("cannot broadcast shape " + Shapes.str(s) + " to " + Shapes.str(target));
        }
        if (Arrays.equals(s, target)) {
            return reshape(x, target);
        }
        int lead = target.length - s.length;
        int[] strides = Shapes.strides(s);
        int[] srcStrides = new int[target.length];
        for (int d = lead; d < target.length; d++) {
            srcStrides[d] = s[d - lead] == 1 ? 0 : strides[d - lead];
        }
        Backend be = x.backend();
        Tensor out = Tensor.forOutput(be, target.clone());
        be.copyStrided(x.buffer(), 0, srcStrides, out.buffer(), 0, Shapes.strides(target), target);
        return Autograd.record(out, "broadcast_to", g -> new Tensor[] {Autograd.sumToShape(g, s)}, x);
    }
}
