package org.jdive.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.Buffer;
import org.jdive.core.backend.ConvSpec;
import org.jdive.core.backend.PoolSpec;
import org.jdive.core.backend.ReduceOp;
import org.jdive.core.backend.UnaryOp;

/**
 * The {@link Backend} SPI on DJL NDArrays with the PyTorch engine, on the CPU: the reference the other
 * backends are checked against and a peer in benchmarks. Each op views its flat buffers in the shapes the
 * SPI describes ({@code [outer, axis, inner]}, NCHW, batches of matrices), calls PyTorch, and makes the
 * result the output buffer's value. Temporaries live in an {@link NDScope} closed at the end of the op, so
 * the only arrays that outlive an op are those of live buffers.
 */
public final class DjlBackend implements Backend {

    private final Engine engine;
    private final NDManager manager;
    private final AtomicLong live = new AtomicLong();

    /** Loads the PyTorch engine (offline) and opens the manager that holds every buffer. */
    public DjlBackend() {
        this.engine = PyTorchRuntime.engine();
        this.manager = NDManager.newBaseManager(Device.cpu(), PyTorchRuntime.ENGINE_NAME);
    }

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public String description() {
        return "PyTorch " + engine.getVersion() + " through DJL " + Engine.getDjlVersion() + " on the CPU";
    }

    // ---- memory -------------------------------------------------------------------------------

    @Override
    public Buffer allocate(int size) {
        return track(manager.zeros(new Shape(size)));
    }

    @Override
    public Buffer upload(float[] data, int offset, int length) {
        return track(manager.create(FloatBuffer.wrap(data, offset, length), new Shape(length)));
    }

    private Buffer track(NDArray array) {
        live.incrementAndGet();
        return new DjlBuffer(this, array);
    }

    void released() {
        live.decrementAndGet();
    }

    @Override
    public void download(Buffer src, int srcOffset, float[] dst, int dstOffset, int length) {
        try (NDScope scope = new NDScope()) {
            float[] values = range(src, srcOffset, length).toFloatArray();
            System.arraycopy(values, 0, dst, dstOffset, length);
        }
    }

    @Override
    public long liveBuffers() {
        return live.get();
    }

    // ---- elementwise --------------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, float p, Buffer x, Buffer out, int n) {
        try (NDScope scope = new NDScope()) {
            write(out, 0, DjlElementwise.unary(op, p, range(x, 0, n)));
        }
    }

    @Override
    public void binary(BinaryOp op, Buffer a, int[] aShape, Buffer b, int[] bShape, Buffer out, int[] outShape) {
        try (NDScope scope = new NDScope()) {
            NDArray r = DjlElementwise.binary(op, view(a, aShape), view(b, bShape));
            write(out, 0, broadcast(r, outShape));
        }
    }

    @Override
    public void where(Buffer cond, int[] condShape, Buffer a, int[] aShape, Buffer b, int[] bShape,
                      Buffer out, int[] outShape) {
        try (NDScope scope = new NDScope()) {
            // PyTorch's where broadcasts, but DJL's binding insists on equal shapes.
            NDArray r = NDArrays.where(broadcast(view(cond, condShape).neq(0f), outShape),
                    broadcast(view(a, aShape), outShape), broadcast(view(b, bShape), outShape));
            write(out, 0, r);
        }
    }

    @Override
    public void clamp(Buffer x, Buffer out, int n, float lo, float hi) {
        try (NDScope scope = new NDScope()) {
            write(out, 0, range(x, 0, n).clip(lo, hi));
        }
    }

    // ---- reductions ---------------------------------------------------------------------------

    @Override
    public void reduce(ReduceOp op, Buffer x, Buffer out, int outer, int axis, int inner) {
        try (NDScope scope = new NDScope()) {
            NDArray v = view(x, outer, axis, inner);
            int[] middle = {1};
            write(out, 0, switch (op) {
                case SUM -> v.sum(middle);
                case MAX -> v.max(middle);
                case MIN -> v.min(middle);
                case ARGMAX -> DjlElementwise.asFloat(v.argMax(1));
            });
        }
    }

    @Override
    public void softmax(Buffer x, Buffer out, int outer, int axis, int inner, boolean log) {
        try (NDScope scope = new NDScope()) {
            NDArray v = view(x, outer, axis, inner);
            write(out, 0, log ? v.logSoftmax(1) : v.softmax(1));
        }
    }

    // ---- linear algebra and convolution -------------------------------------------------------

    @Override
    public void matmul(int batch, int m, int n, int k, Buffer a, int aBatchStride, boolean transA,
                       Buffer b, int bBatchStride, boolean transB, Buffer c, float beta) {
        try (NDScope scope = new NDScope()) {
            NDArray left = matrices(a, batch, aBatchStride, m, k, transA);
            NDArray right = matrices(b, batch, bBatchStride, k, n, transB);
            NDArray product = broadcast(left.matMul(right), new int[] {batch, m, n});
            if (beta != 0f) {
                product = product.add(view(c, batch, m, n).mul(beta));
            }
            write(c, 0, product);
        }
    }

    /** The {@code batch} (or, with stride 0, one) matrices of {@code rows×cols} after the optional transpose. */
    private NDArray matrices(Buffer buffer, int batch, int stride, int rows, int cols, boolean transposed) {
        int storedRows = transposed ? cols : rows;
        int storedCols = transposed ? rows : cols;
        NDArray stored;
        if (stride == 0) {
            stored = view(buffer, 1, storedRows, storedCols);
        } else if (stride == rows * cols) {
            stored = view(buffer, batch, storedRows, storedCols);
        } else {
            long[] at = DjlIndexing.positions(0, new int[] {stride, storedCols, 1}, new int[] {batch, storedRows, storedCols});
            stored = array(buffer).take(manager.create(at)).reshape(batch, storedRows, storedCols);
        }
        return transposed ? stored.transpose(0, 2, 1) : stored;
    }

    @Override
    public void conv2dForward(ConvSpec spec, Buffer x, Buffer w, Buffer bias, Buffer y) {
        try (NDScope scope = new NDScope()) {
            NDArray b = bias == null ? null : view(bias, spec.outChannels());
            write(y, 0, DjlConvolutions.forward(spec, input(spec, x), weights(spec, w), b));
        }
    }

    @Override
    public void conv2dBackwardData(ConvSpec spec, Buffer dy, Buffer w, Buffer dx) {
        try (NDScope scope = new NDScope()) {
            write(dx, 0, DjlConvolutions.backwardData(spec, output(spec, dy), weights(spec, w)));
        }
    }

    @Override
    public void conv2dBackwardWeights(ConvSpec spec, Buffer x, Buffer dy, Buffer dw) {
        try (NDScope scope = new NDScope()) {
            write(dw, 0, DjlConvolutions.backwardWeights(spec, input(spec, x), output(spec, dy)));
        }
    }

    private NDArray input(ConvSpec s, Buffer x) {
        return view(x, s.batch(), s.inChannels(), s.inHeight(), s.inWidth());
    }

    private NDArray weights(ConvSpec s, Buffer w) {
        return view(w, s.outChannels(), s.inChannels(), s.kernelHeight(), s.kernelWidth());
    }

    private NDArray output(ConvSpec s, Buffer y) {
        return view(y, s.batch(), s.outChannels(), s.outHeight(), s.outWidth());
    }

    @Override
    public void maxPool2dForward(PoolSpec spec, Buffer x, Buffer y) {
        try (NDScope scope = new NDScope()) {
            write(y, 0, DjlConvolutions.maxPool(spec, input(spec, x)));
        }
    }

    @Override
    public void maxPool2dBackward(PoolSpec spec, Buffer x, Buffer dy, Buffer dx) {
        try (NDScope scope = new NDScope()) {
            write(dx, 0, DjlConvolutions.gradient(v -> DjlConvolutions.maxPool(spec, v), input(spec, x), output(spec, dy)));
        }
    }

    @Override
    public void avgPool2dForward(PoolSpec spec, Buffer x, Buffer y) {
        try (NDScope scope = new NDScope()) {
            write(y, 0, DjlConvolutions.avgPool(spec, input(spec, x)));
        }
    }

    @Override
    public void avgPool2dBackward(PoolSpec spec, Buffer dy, Buffer dx) {
        try (NDScope scope = new NDScope()) {
            NDArray zeros = manager.zeros(new Shape(spec.batch(), spec.channels(), spec.inHeight(), spec.inWidth()));
            write(dx, 0, DjlConvolutions.gradient(v -> DjlConvolutions.avgPool(spec, v), zeros, output(spec, dy)));
        }
    }

    private NDArray input(PoolSpec s, Buffer x) {
        return view(x, s.batch(), s.channels(), s.inHeight(), s.inWidth());
    }

    private NDArray output(PoolSpec s, Buffer y) {
        return view(y, s.batch(), s.channels(), s.outHeight(), s.outWidth());
    }

    // ---- indexing -----------------------------------------------------------------------------

    @Override
    public void gather(Buffer x, Buffer index, Buffer out, int outer, int axisIn, int axisOut, int inner) {
        try (NDScope scope = new NDScope()) {
            NDArray at = indices(index, outer * axisOut, axisIn).reshape(outer, axisOut, 1)
                    .broadcast(outer, axisOut, inner);
            write(out, 0, view(x, outer, axisIn, inner).gather(at, 1));
        }
    }

    /**
     * PyTorch's {@code scatter_add} is not in DJL's API, so the sum is a product with a one-hot matrix:
     * {@code out[o] += onehot[o] · src[o]} where {@code onehot[o][k][j] = (index[o, j] == k)}.
     */
    @Override
    public void scatterAdd(Buffer src, Buffer index, Buffer out, int outer, int axisSrc, int axisOut, int inner) {
        try (NDScope scope = new NDScope()) {
            NDArray at = indices(index, outer * axisSrc, axisOut).reshape(outer, 1, axisSrc);
            NDArray targets = manager.arange(0, axisOut).reshape(1, axisOut, 1);
            NDArray oneHot = DjlElementwise.asFloat(at.eq(targets));
            write(out, 0, view(out, outer, axisOut, inner).add(oneHot.matMul(view(src, outer, axisSrc, inner))));
        }
    }

    /** The first {@code n} indices of {@code index} as int64, checked to be whole numbers below {@code bound}. */
    private NDArray indices(Buffer index, int n, int bound) {
        NDArray values = range(index, 0, n);
        DjlIndexing.checkIndices(values.toFloatArray(), bound);
        return values.toType(DataType.INT64, false);
    }

    @Override
    public void copy(Buffer src, int srcOffset, Buffer dst, int dstOffset, int n) {
        try (NDScope scope = new NDScope()) {
            write(dst, dstOffset, range(src, srcOffset, n).duplicate());
        }
    }

    @Override
    public void copyStrided(Buffer src, int srcOffset, int[] srcStrides, Buffer dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        try (NDScope scope = new NDScope()) {
            long[] from = DjlIndexing.positions(srcOffset, srcStrides, shape);
            long[] to = DjlIndexing.positions(dstOffset, dstStrides, shape);
            if (from.length == 0) {
                return;
            }
            NDArray values = array(src).take(manager.create(from));
            if (DjlIndexing.coversInOrder(to, dst.size())) {
                write(dst, 0, values);
            } else {
                write(dst, 0, array(dst).put(manager.create(to), values));
            }
        }
    }

    // ---- fused optimizer updates --------------------------------------------------------------

    @Override
    public void sgdUpdate(Buffer param, Buffer grad, Buffer velocity, int n, float lr, float momentum,
                          float dampening, float weightDecay, boolean nesterov, boolean firstStep) {
        try (NDScope scope = new NDScope()) {
            DjlOptimizers.sgd(range(param, 0, n), range(grad, 0, n), momentum == 0f ? null : range(velocity, 0, n),
                    lr, momentum, dampening, weightDecay, nesterov, firstStep);
        }
    }

    @Override
    public void adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1,
                           float beta2, float eps, float weightDecay, boolean decoupled, int step) {
        try (NDScope scope = new NDScope()) {
            DjlOptimizers.adam(range(param, 0, n), range(grad, 0, n), range(m, 0, n), range(v, 0, n), lr, beta1,
                    beta2, eps, weightDecay, decoupled, step);
        }
    }

    @Override
    public void rmspropUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer gradAvg, Buffer momentumBuffer,
                              int n, float lr, float alpha, float eps, float weightDecay, float momentum) {
        try (NDScope scope = new NDScope()) {
            DjlOptimizers.rmsprop(range(param, 0, n), range(grad, 0, n), range(squareAvg, 0, n),
                    gradAvg == null ? null : range(gradAvg, 0, n),
                    momentumBuffer == null ? null : range(momentumBuffer, 0, n), lr, alpha, eps, weightDecay, momentum);
        }
    }

    @Override
    public void adagradUpdate(Buffer param, Buffer grad, Buffer sum, int n, float lr, float lrDecay,
                              float weightDecay, float eps, int step) {
        try (NDScope scope = new NDScope()) {
            DjlOptimizers.adagrad(range(param, 0, n), range(grad, 0, n), range(sum, 0, n), lr, lrDecay, weightDecay,
                    eps, step);
        }
    }

    @Override
    public void adadeltaUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer accDelta, int n, float lr,
                               float rho, float eps, float weightDecay) {
        try (NDScope scope = new NDScope()) {
            DjlOptimizers.adadelta(range(param, 0, n), range(grad, 0, n), range(squareAvg, 0, n),
                    range(accDelta, 0, n), lr, rho, eps, weightDecay);
        }
    }

    // ---- views and writes ---------------------------------------------------------------------

    private NDArray array(Buffer buffer) {
        if (!(buffer instanceof DjlBuffer djl) || djl.backend() != this) {
            throw new IllegalArgumentException("buffer belongs to backend '" + buffer.backend().name()
                    + "', not to this djl backend; move the tensor first");
        }
        return djl.array();
    }

    /** Floats {@code [offset, offset+n)} of {@code buffer}, a view that in-place ops write through. */
    private NDArray range(Buffer buffer, int offset, int n) {
        NDArray a = array(buffer);
        return offset == 0 && n == a.size() ? a : a.get(new NDIndex().addSliceDim(offset, offset + n));
    }

    /** The first {@code Π dims} floats of {@code buffer} shaped as {@code dims} (a scalar for none). */
    private NDArray view(Buffer buffer, int... dims) {
        long[] shape = Arrays.stream(dims).asLongStream().toArray();
        return range(buffer, 0, Math.toIntExact(new Shape(shape).size())).reshape(new Shape(shape));
    }

    /** {@code r} expanded to {@code shape} where the inputs of an op were all smaller than its output. */
    private static NDArray broadcast(NDArray r, int[] shape) {
        Shape target = new Shape(Arrays.stream(shape).asLongStream().toArray());
        return r.getShape().equals(target) ? r : r.broadcast(target);
    }

    /**
     * Makes {@code value}, a new array of this op, the floats of {@code out} from {@code offset} on: the
     * buffer's whole value when it covers the buffer, else written into that range.
     */
    private void write(Buffer out, int offset, NDArray value) {
        NDArray target = array(out);
        long n = value.size();
        if (offset == 0 && n == target.size()) {
            ((DjlBuffer) out).replace(value.reshape(n));
        } else {
            target.set(new NDIndex().addSliceDim(offset, offset + n), value.reshape(n));
        }
    }
}
