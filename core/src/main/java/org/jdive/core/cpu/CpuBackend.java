package org.jdive.core.cpu;

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
 * The pure-Java backend: Java arrays, every core through {@link Parallel}, the Vector API in the GEMM
 * kernel. Deterministic: the same inputs give the same bits whatever the number of threads.
 */
public final class CpuBackend implements Backend {

    private static final boolean POISON_OUTPUTS = Boolean.getBoolean("jdive.cpu.poisonOutputs");

    private final AtomicLong live = new AtomicLong();
    /** Released arrays for new buffers of the same size: up to an eighth of the heap, and at most 256 MB. */
    private final ArrayPool pool =
            new ArrayPool(Math.min(Runtime.getRuntime().maxMemory() / 8, 256L << 20) / Float.BYTES);

    /**
     * @throws IllegalStateException when the JVM was started without the Vector API, which the kernels run on: it
     *                               says which option to add, rather than a {@code NoClassDefFoundError} deep in a
     *                               kernel later
     */
    public CpuBackend() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("the cpu backend runs its kernels on the JDK's Vector API: start the JVM "
                    + "with --add-modules jdk.incubator.vector (the jdive launcher, the project's builds and examples/ "
                    + "add it; in Maven, put it in the compiler's and surefire's arguments)");
        }
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String description() {
        return "pure Java on " + Parallel.threads() + " thread(s), " + Runtime.version();
    }

    @Override
    public Buffer allocate(int size) {
        float[] data = pool.take(size);
        if (data == null) {
            data = new float[size];
        } else {
            Arrays.fill(data, 0f);
        }
        return track(data);
    }

    /**
     * A released array as it is, or a new one. With the system property {@code jdive.cpu.poisonOutputs} set
     * (the test builds set it) the array is filled with NaN instead, so that a kernel that leaves part of its
     * output unwritten shows up as NaN in a test rather than as a stale value in a user's run.
     */
    @Override
    public Buffer allocateForOutput(int size) {
        float[] data = pool.take(size);
        if (data == null) {
            data = new float[size];
        }
        if (POISON_OUTPUTS) {
            Arrays.fill(data, Float.NaN);
        }
        return track(data);
    }

    @Override
    public Buffer upload(float[] data, int offset, int length) {
        float[] copy = pool.take(length);
        if (copy == null) {
            copy = new float[length];
        }
        System.arraycopy(data, offset, copy, 0, length);
        return track(copy);
    }

    private Buffer track(float[] data) {
        live.incrementAndGet();
        return new CpuBuffer(this, data);
    }

    /** Takes back the array of a buffer that has just been released and no longer refers to it. */
    void released(float[] data) {
        live.decrementAndGet();
        pool.give(data);
    }

    @Override
    public void download(Buffer src, int srcOffset, float[] dst, int dstOffset, int length) {
        System.arraycopy(data(src), srcOffset, dst, dstOffset, length);
    }

    @Override
    public long liveBuffers() {
        return live.get();
    }

    @Override
    public void unary(UnaryOp op, float p, Buffer x, Buffer out, int n) {
        CpuElementwise.unary(op, p, data(x), data(out), n);
    }

    @Override
    public void binary(BinaryOp op, Buffer a, int[] aShape, Buffer b, int[] bShape, Buffer out, int[] outShape) {
        CpuElementwise.binary(op, data(a), aShape, data(b), bShape, data(out), outShape);
    }

    @Override
    public void where(Buffer cond, int[] condShape, Buffer a, int[] aShape, Buffer b, int[] bShape,
                      Buffer out, int[] outShape) {
        CpuElementwise.where(data(cond), condShape, data(a), aShape, data(b), bShape, data(out), outShape);
    }

    @Override
    public void clamp(Buffer x, Buffer out, int n, float lo, float hi) {
        CpuElementwise.clamp(data(x), data(out), n, lo, hi);
    }

    @Override
    public void reduce(ReduceOp op, Buffer x, Buffer out, int outer, int axis, int inner) {
        CpuReductions.reduce(op, data(x), data(out), outer, axis, inner);
    }

    @Override
    public void softmax(Buffer x, Buffer out, int outer, int axis, int inner, boolean log) {
        CpuReductions.softmax(data(x), data(out), outer, axis, inner, log);
    }

    @Override
    public void matmul(int batch, int m, int n, int k, Buffer a, int aBatchStride, boolean transA,
                       Buffer b, int bBatchStride, boolean transB, Buffer c, float beta) {
        float[] da = data(a);
        float[] db = data(b);
        float[] dc = data(c);
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        // Small matrices in a large batch: one thread per group of matrices; large ones parallelise inside.
        long flopsEach = 2L * m * n * k;
        int perChunk = flopsEach >= 1 << 20 ? 1 : (int) Math.max(1, (1 << 20) / Math.max(1, flopsEach));
        Parallel.forRange(batch, perChunk, (from, to) -> {
            for (int i = from; i < to; i++) {
                Sgemm.multiply(transA, transB, m, n, k, da, i * aBatchStride, lda, db, i * bBatchStride, ldb,
                        beta, dc, i * m * n, n);
            }
        });
    }

    @Override
    public void conv2dForward(ConvSpec spec, Buffer x, Buffer w, Buffer bias, Buffer y) {
        ConvKernels.forward(spec, data(x), data(w), bias == null ? null : data(bias), data(y));
    }

    @Override
    public void conv2dBackwardData(ConvSpec spec, Buffer dy, Buffer w, Buffer dx) {
        ConvKernels.backwardData(spec, data(dy), data(w), data(dx));
    }

    @Override
    public void conv2dBackwardWeights(ConvSpec spec, Buffer x, Buffer dy, Buffer dw) {
        ConvKernels.backwardWeights(spec, data(x), data(dy), data(dw));
    }

    @Override
    public void maxPool2dForward(PoolSpec spec, Buffer x, Buffer y) {
        PoolKernels.maxForward(spec, data(x), data(y));
    }

    @Override
    public void maxPool2dBackward(PoolSpec spec, Buffer x, Buffer dy, Buffer dx) {
        PoolKernels.maxBackward(spec, data(x), data(dy), data(dx));
    }

    @Override
    public void avgPool2dForward(PoolSpec spec, Buffer x, Buffer y) {
        PoolKernels.avgForward(spec, data(x), data(y));
    }

    @Override
    public void avgPool2dBackward(PoolSpec spec, Buffer dy, Buffer dx) {
        PoolKernels.avgBackward(spec, data(dy), data(dx));
    }

    @Override
    public void gather(Buffer x, Buffer index, Buffer out, int outer, int axisIn, int axisOut, int inner) {
        CpuIndexing.gather(data(x), data(index), data(out), outer, axisIn, axisOut, inner);
    }

    @Override
    public void scatterAdd(Buffer src, Buffer index, Buffer out, int outer, int axisSrc, int axisOut, int inner) {
        CpuIndexing.scatterAdd(data(src), data(index), data(out), outer, axisSrc, axisOut, inner);
    }

    @Override
    public void copy(Buffer src, int srcOffset, Buffer dst, int dstOffset, int n) {
        System.arraycopy(data(src), srcOffset, data(dst), dstOffset, n);
    }

    @Override
    public void copyStrided(Buffer src, int srcOffset, int[] srcStrides, Buffer dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        CpuIndexing.copyStrided(data(src), srcOffset, srcStrides, data(dst), dstOffset, dstStrides, shape);
    }

    @Override
    public void sgdUpdate(Buffer param, Buffer grad, Buffer velocity, int n, float lr, float momentum,
                          float dampening, float weightDecay, boolean nesterov, boolean firstStep) {
        CpuOptimizers.sgd(data(param), data(grad), velocity == null ? null : data(velocity), n, lr, momentum,
                dampening, weightDecay, nesterov, firstStep);
    }

    @Override
    public void adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1,
                           float beta2, float eps, float weightDecay, boolean decoupled, int step) {
        CpuOptimizers.adam(data(param), data(grad), data(m), data(v), n, lr, beta1, beta2, eps, weightDecay,
                decoupled, step);
    }

    @Override
    public void rmspropUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer gradAvg, Buffer momentumBuffer,
                              int n, float lr, float alpha, float eps, float weightDecay, float momentum) {
        CpuOptimizers.rmsprop(data(param), data(grad), data(squareAvg), gradAvg == null ? null : data(gradAvg),
                momentumBuffer == null ? null : data(momentumBuffer), n, lr, alpha, eps, weightDecay, momentum);
    }

    @Override
    public void adagradUpdate(Buffer param, Buffer grad, Buffer sum, int n, float lr, float lrDecay,
                              float weightDecay, float eps, int step) {
        CpuOptimizers.adagrad(data(param), data(grad), data(sum), n, lr, lrDecay, weightDecay, eps, step);
    }

    @Override
    public void adadeltaUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer accDelta, int n, float lr,
                               float rho, float eps, float weightDecay) {
        CpuOptimizers.adadelta(data(param), data(grad), data(squareAvg), data(accDelta), n, lr, rho, eps, weightDecay);
    }

    private float[] data(Buffer buffer) {
        if (!(buffer instanceof CpuBuffer cpu) || cpu.backend() != this) {
            throw new IllegalArgumentException("buffer belongs to backend '" + buffer.backend().name()
                    + "', not to this cpu backend; move the tensor first");
        }
        return cpu.data();
    }
}
