package org.jdive.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.Buffer;
import org.jdive.core.backend.ConvSpec;
import org.jdive.core.backend.PoolSpec;
import org.jdive.core.backend.ReduceOp;
import org.jdive.core.backend.UnaryOp;
import org.lwjgl.opencl.CL12;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;

/**
 * The {@link Backend} SPI on one OpenCL 1.2 device: one context, one in-order queue, pooled buffers,
 * programs built once (see {@link ProgramCache}). Kernels are enqueued without waiting; the host waits
 * only in {@link #download}, where the caller reads values.
 *
 * <p>Randomness stays on the host (tensors are drawn there and uploaded), so results match the CPU
 * backend within float32 rounding.
 */
public final class OpenClBackend implements Backend {

    /** Long reductions with few outputs are split into chunks of about this many elements. */
    private static final int REDUCE_CHUNK = 1024;

    private final ClDevice device;
    private final long context;
    private final long queue;
    private final BufferPool pool;
    private final ProgramCache programs;
    private final Launcher launcher;
    private final Sgemm sgemm;
    /** The work-group shape of im2col and col2im: a patch of 16×16 pixels, fewer rows on a small device. */
    private final long[] pixelGroup;
    private final AtomicLong live = new AtomicLong();
    private final Map<String, Kernel> kernelsByName = new ConcurrentHashMap<>();
    /** {flag, value, bound} of the first out-of-range index seen by gather or scatter-add. */
    private final ClBuffer indexError;
    private FloatBuffer staging;

    /** Opens a context and queue on {@code device}. */
    public OpenClBackend(ClDevice device) {
        this(device, null);
    }

    /** With SGEMM tiles chosen by the caller (tests run the GPU kernel on any device), or null for the device's. */
    OpenClBackend(ClDevice device, Sgemm.Tiles tiles) {
        this.device = device;
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer err = stack.mallocInt(1);
            context = clCreateContext(stack.pointers(CL_CONTEXT_PLATFORM, device.platform(), 0),
                    stack.pointers(device.id()), null, 0, err);
            ClException.check(err.get(0), "creating an OpenCL context on " + device.name());
            queue = clCreateCommandQueue(context, device.id(), 0, err);
            ClException.check(err.get(0), "creating a command queue on " + device.name());
        }
        pool = new BufferPool(context, device);
        programs = new ProgramCache(context, device);
        long maxGroup = maxWorkGroupSize();
        launcher = new Launcher(queue, device.gpu(), maxGroup);
        pixelGroup = new long[] {16, Math.max(1, Math.min(16, maxGroup / 16)), 1};
        sgemm = new Sgemm(this, tiles != null ? tiles : Sgemm.Tiles.forDevice(device.gpu(), maxGroup));
        indexError = (ClBuffer) allocate(3);
        live.decrementAndGet(); // the backend's own, not the user's
    }

    private long maxWorkGroupSize() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            org.lwjgl.PointerBuffer size = stack.mallocPointer(1);
            ClException.check(clGetDeviceInfo(device.id(), CL_DEVICE_MAX_WORK_GROUP_SIZE, size, null),
                    "clGetDeviceInfo");
            return size.get(0);
        }
    }

    /** The device this backend computes on. */
    public ClDevice device() {
        return device;
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public String description() {
        return "OpenCL " + device.describe();
    }

    /** How many device buffers the pool has created in all: constant in a steady training loop. */
    public long createdDeviceBuffers() {
        return pool.created();
    }

    /** Waits until every enqueued command has finished (for timing). */
    public void finish() {
        ClException.check(clFinish(queue), "clFinish");
    }

    // ---- plumbing shared with the helpers ------------------------------------------------------

    long context() {
        return context;
    }

    BufferPool pool() {
        return pool;
    }

    Launcher launcher() {
        return launcher;
    }

    Kernel kernel(String program, String name, String options) {
        ProgramCache.SourceSupplier source = switch (program) {
            case "elementwise" -> ElementwiseSource::generate;
            default -> () -> ProgramCache.resource("common.cl") + ProgramCache.resource(program + ".cl");
        };
        return new Kernel(programs.kernel(program, name, source, options), name);
    }

    /** A kernel of a program built without options; kernel names are unique across this backend's programs. */
    private Kernel kernel(String program, String name) {
        Kernel kernel = kernelsByName.get(name);
        return kernel != null ? kernel : kernelsByName.computeIfAbsent(name, k -> kernel(program, k, ""));
    }

    /** A buffer for intermediate results; uninitialised, counted as live until released. */
    ClBuffer scratch(int size) {
        live.incrementAndGet();
        return new ClBuffer(this, pool.take(Math.max(1, size)), size);
    }

    void released(PooledMemory memory) {
        live.decrementAndGet();
        pool.give(memory);
    }

    private ClBuffer cl(Buffer buffer) {
        if (!(buffer instanceof ClBuffer b) || b.backend() != this) {
            throw new IllegalArgumentException("buffer belongs to backend '" + buffer.backend().name()
                    + "' (" + buffer.backend().description() + "), not to this OpenCL backend; move the tensor first");
        }
        return b;
    }

    // ---- memory ---------------------------------------------------------------------------------

    @Override
    public Buffer allocate(int size) {
        ClBuffer buffer = scratch(size);
        fill(buffer, 0, size, 0f);
        return buffer;
    }

    @Override
    public Buffer allocateForOutput(int size) {
        return scratch(size);
    }

    private void fill(ClBuffer buffer, int offset, int n, float value) {
        if (n == 0) {
            return;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            synchronized (launcher) {
                ClException.check(CL12.clEnqueueFillBuffer(queue, buffer.mem(), stack.malloc(4).putFloat(0, value),
                        4L * offset, 4L * n, null, null), "clEnqueueFillBuffer");
            }
        }
    }

    @Override
    public Buffer upload(float[] data, int offset, int length) {
        ClBuffer buffer = scratch(length);
        if (length > 0) {
            synchronized (launcher) {
                FloatBuffer host = staging(length);
                host.put(0, data, offset, length);
                ClException.check(nclEnqueueWriteBuffer(queue, buffer.mem(), CL_TRUE, 0, 4L * length,
                        MemoryUtil.memAddress(host), 0, 0, 0), "uploading " + length + " floats");
            }
        }
        return buffer;
    }

    @Override
    public void download(Buffer src, int srcOffset, float[] dst, int dstOffset, int length) {
        ClBuffer buffer = cl(src);
        if (srcOffset < 0 || length < 0 || srcOffset + length > buffer.size()) {
            throw new IndexOutOfBoundsException("download of [" + srcOffset + ", " + (srcOffset + length)
                    + ") from a buffer of " + buffer.size() + " floats");
        }
        synchronized (launcher) {
            if (length > 0) {
                FloatBuffer host = staging(length);
                ClException.check(nclEnqueueReadBuffer(queue, buffer.mem(), CL_TRUE, 4L * srcOffset, 4L * length,
                        MemoryUtil.memAddress(host), 0, 0, 0), "downloading " + length + " floats");
                host.get(0, dst, dstOffset, length);
            }
            checkIndexErrors();
        }
    }

    /** Turns an out-of-range index that a kernel met since the last check into an exception. */
    private void checkIndexErrors() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer error = stack.mallocInt(3);
            ClException.check(clEnqueueReadBuffer(queue, indexError.mem(), true, 0, error, null, null),
                    "reading the index error flag");
            if (error.get(0) != 0) {
                fill(indexError, 0, 3, 0f);
                throw new IndexOutOfBoundsException("gather or scatter-add met index " + error.get(1)
                        + ", out of range [0, " + error.get(2) + "); its element was skipped");
            }
        }
    }

    private FloatBuffer staging(int length) {
        if (staging == null || staging.capacity() < length) {
            if (staging != null) {
                MemoryUtil.memFree(staging);
            }
            staging = MemoryUtil.memAllocFloat(Math.max(length, 1 << 16));
        }
        return staging;
    }

    @Override
    public long liveBuffers() {
        return live.get();
    }

    // ---- elementwise --------------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, float p, Buffer x, Buffer out, int n) {
        launcher.run(kernel("elementwise", ElementwiseSource.kernelName(op)), n, cl(x), cl(out), p, n);
    }

    @Override
    public void binary(BinaryOp op, Buffer a, int[] aShape, Buffer b, int[] bShape, Buffer out, int[] outShape) {
        BroadcastPlan plan = BroadcastPlan.broadcast(outShape, aShape, bShape);
        launcher.run(kernel("elementwise", ElementwiseSource.kernelName(op)), plan.size, cl(a), cl(b), cl(out), plan.size,
                plan.inner(), plan.rank, plan.dims, plan.strides[0], plan.strides[1]);
    }

    @Override
    public void where(Buffer cond, int[] condShape, Buffer a, int[] aShape, Buffer b, int[] bShape,
                      Buffer out, int[] outShape) {
        BroadcastPlan plan = BroadcastPlan.broadcast(outShape, condShape, aShape, bShape);
        launcher.run(kernel("elementwise", "where_select"), plan.size, cl(cond), cl(a), cl(b), cl(out), plan.size,
                plan.inner(), plan.rank, plan.dims, plan.strides[0], plan.strides[1], plan.strides[2]);
    }


    @Override
    public void clamp(Buffer x, Buffer out, int n, float lo, float hi) {
        launcher.run(kernel("elementwise", "clamp_range"), n, cl(x), cl(out), n, lo, hi);
    }

    // ---- reductions ---------------------------------------------------------------------------

    @Override
    public void reduce(ReduceOp op, Buffer x, Buffer out, int outer, int axis, int inner) {
        if (axis == 0) {
            throw new IllegalArgumentException("cannot reduce over an empty axis");
        }
        int outputs = outer * inner;
        Kernel kernel = kernel("reduce", "reduce_" + op.name());
        // Few outputs of a long axis would leave the device idle: reduce chunks in parallel, then the partials.
        int chunks = op == ReduceOp.ARGMAX || outputs >= 256 ? 1 : Math.min(axis / REDUCE_CHUNK, 4096 / outputs);
        if (chunks <= 1) {
            launcher.run(kernel, outputs, cl(x), cl(out), axis, inner, 1, outputs);
            return;
        }
        ClBuffer partial = scratch(outputs * chunks);
        try {
            launcher.run(kernel, outputs * chunks, cl(x), partial, axis, inner, chunks, outputs * chunks);
            launcher.run(kernel, outputs, partial, cl(out), chunks, inner, 1, outputs);
        } finally {
            partial.release();
        }
    }

    @Override
    public void softmax(Buffer x, Buffer out, int outer, int axis, int inner, boolean log) {
        int rows = outer * inner;
        launcher.run(kernel("reduce", "softmax_rows"), rows, cl(x), cl(out), axis, inner, rows, log ? 1 : 0);
    }

    // ---- linear algebra and convolution -------------------------------------------------------

    @Override
    public void matmul(int batch, int m, int n, int k, Buffer a, int aBatchStride, boolean transA,
                       Buffer b, int bBatchStride, boolean transB, Buffer c, float beta) {
        sgemm.multiply(batch, m, n, k, GemmOperand.left(cl(a), 0, aBatchStride, transA, m, k),
                GemmOperand.right(cl(b), 0, bBatchStride, transB, k, n), cl(c), 0, beta);
    }

    @Override
    public void conv2dForward(ConvSpec s, Buffer x, Buffer w, Buffer bias, Buffer y) {
        int patch = patchSize(s);
        int pixels = s.outHeight() * s.outWidth();
        ClBuffer col = im2col(s, cl(x));
        try {
            // y[n] (O × pixels) = w (O × patch) · col[n] (patch × pixels)
            sgemm.multiply(s.batch(), s.outChannels(), pixels, patch,
                    GemmOperand.left(cl(w), 0, 0, false, s.outChannels(), patch),
                    GemmOperand.right(col, 0, patch * pixels, false, patch, pixels), cl(y), 0, 0f);
        } finally {
            col.release();
        }
        if (bias != null) {
            // In place: each work item reads its element of y before it writes it.
            int[] outShape = {s.batch(), s.outChannels(), s.outHeight(), s.outWidth()};
            binary(BinaryOp.ADD, y, outShape, bias, new int[] {1, s.outChannels(), 1, 1}, y, outShape);
        }
    }

    @Override
    public void conv2dBackwardData(ConvSpec s, Buffer dy, Buffer w, Buffer dx) {
        int patch = patchSize(s);
        int pixels = s.outHeight() * s.outWidth();
        ClBuffer col = scratch(s.batch() * patch * pixels);
        try {
            // dcol[n] (patch × pixels) = wᵀ (patch × O) · dy[n] (O × pixels)
            sgemm.multiply(s.batch(), patch, pixels, s.outChannels(),
                    GemmOperand.left(cl(w), 0, 0, true, patch, s.outChannels()),
                    GemmOperand.right(cl(dy), 0, s.outChannels() * pixels, false, s.outChannels(), pixels), col, 0, 0f);
            launcher.runGrouped(kernel("conv", "col2im"), new long[] {s.inWidth(), s.inHeight(),
                    (long) s.batch() * s.inChannels()}, pixelGroup, convArgs(col, cl(dx), s));
        } finally {
            col.release();
        }
    }

    @Override
    public void conv2dBackwardWeights(ConvSpec s, Buffer x, Buffer dy, Buffer dw) {
        int patch = patchSize(s);
        int pixels = s.outHeight() * s.outWidth();
        ClBuffer col = im2col(s, cl(x));
        try {
            // dw (O × patch) = Σ_n dy[n] (O × pixels) · col[n]ᵀ (pixels × patch): one GEMM whose k runs over (n, pixel)
            int k = s.batch() * pixels;
            GemmOperand gradients = new GemmOperand(cl(dy), 0, 0, pixels, s.outChannels() * pixels, 1, pixels);
            GemmOperand columns = new GemmOperand(col, 0, 0, pixels, patch * pixels, 1, pixels);
            sgemm.multiply(1, s.outChannels(), patch, k, gradients, columns, cl(dw), 0, 0f);
        } finally {
            col.release();
        }
    }

    private static int patchSize(ConvSpec s) {
        return s.inChannels() * s.kernelHeight() * s.kernelWidth();
    }

    private ClBuffer im2col(ConvSpec s, ClBuffer x) {
        ClBuffer col = scratch(s.batch() * patchSize(s) * s.outHeight() * s.outWidth());
        launcher.runGrouped(kernel("conv", "im2col"), new long[] {s.outWidth(), s.outHeight(),
                (long) s.batch() * patchSize(s)}, pixelGroup, convArgs(x, col, s));
        return col;
    }


    /** The arguments of im2col and col2im: their two buffers, then the geometry. */
    private static Object[] convArgs(ClBuffer from, ClBuffer to, ConvSpec s) {
        return new Object[] {from, to, s.inChannels(), s.inHeight(), s.inWidth(), s.kernelHeight(), s.kernelWidth(),
                s.strideHeight(), s.strideWidth(), s.padHeight(), s.padWidth(), s.outHeight(), s.outWidth()};
    }

    @Override
    public void maxPool2dForward(PoolSpec spec, Buffer x, Buffer y) {
        pool("max_pool_forward", spec, spec.outputSize(), cl(x), cl(y));
    }

    @Override
    public void maxPool2dBackward(PoolSpec spec, Buffer x, Buffer dy, Buffer dx) {
        pool("max_pool_backward", spec, spec.inputSize(), cl(x), cl(dy), cl(dx));
    }

    @Override
    public void avgPool2dForward(PoolSpec spec, Buffer x, Buffer y) {
        pool("avg_pool_forward", spec, spec.outputSize(), cl(x), cl(y));
    }

    @Override
    public void avgPool2dBackward(PoolSpec spec, Buffer dy, Buffer dx) {
        pool("avg_pool_backward", spec, spec.inputSize(), cl(dy), cl(dx));
    }

    private void pool(String kernelName, PoolSpec s, int total, ClBuffer... buffers) {
        Object[] args = new Object[buffers.length + 11];
        System.arraycopy(buffers, 0, args, 0, buffers.length);
        Object[] geometry = {s.inHeight(), s.inWidth(), s.kernelHeight(), s.kernelWidth(), s.strideHeight(),
                s.strideWidth(), s.padHeight(), s.padWidth(), s.outHeight(), s.outWidth(), total};
        System.arraycopy(geometry, 0, args, buffers.length, geometry.length);
        launcher.run(kernel("pool", kernelName), total, args);
    }

    // ---- indexing -----------------------------------------------------------------------------

    @Override
    public void gather(Buffer x, Buffer index, Buffer out, int outer, int axisIn, int axisOut, int inner) {
        int total = outer * axisOut * inner;
        launcher.run(kernel("indexing", "gather_axis"), total, cl(x), cl(index), cl(out), axisIn, axisOut, inner,
                total, indexError);
    }

    @Override
    public void scatterAdd(Buffer src, Buffer index, Buffer out, int outer, int axisSrc, int axisOut, int inner) {
        int total = outer * inner;
        launcher.run(kernel("indexing", "scatter_add_axis"), total, cl(src), cl(index), cl(out), axisSrc, axisOut,
                inner, total, indexError);
    }

    @Override
    public void copy(Buffer src, int srcOffset, Buffer dst, int dstOffset, int n) {
        if (n == 0) {
            return;
        }
        ClBuffer s = cl(src);
        ClBuffer d = cl(dst);
        synchronized (launcher) {
            ClException.check(clEnqueueCopyBuffer(queue, s.mem(), d.mem(), 4L * srcOffset, 4L * dstOffset, 4L * n,
                    null, null), "copying " + n + " floats");
        }
    }

    @Override
    public void copyStrided(Buffer src, int srcOffset, int[] srcStrides, Buffer dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        BroadcastPlan plan = BroadcastPlan.strided(shape, srcStrides, dstStrides);
        launcher.run(kernel("indexing", "copy_strided"), plan.size, cl(src), srcOffset, cl(dst), dstOffset, plan.size,
                plan.inner(), plan.rank, plan.dims, plan.strides[0], plan.strides[1]);
    }

    // ---- fused optimizer updates --------------------------------------------------------------

    @Override
    public void sgdUpdate(Buffer param, Buffer grad, Buffer velocity, int n, float lr, float momentum,
                          float dampening, float weightDecay, boolean nesterov, boolean firstStep) {
        ClBuffer p = cl(param);
        launcher.run(kernel("optim", "sgd_step"), n, p, cl(grad), velocity == null ? p : cl(velocity), n, lr,
                momentum, dampening, weightDecay, nesterov ? 1 : 0, firstStep ? 1 : 0);
    }

    @Override
    public void adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1,
                           float beta2, float eps, float weightDecay, boolean decoupled, int step) {
        float stepSize = (float) (lr / (1.0 - Math.pow(beta1, step)));
        float sqrtCorrection2 = (float) Math.sqrt(1.0 - Math.pow(beta2, step));
        launcher.run(kernel("optim", "adam_step"), n, cl(param), cl(grad), cl(m), cl(v), n, lr, beta1, beta2, eps,
                weightDecay, decoupled ? 1 : 0, stepSize, sqrtCorrection2);
    }

    @Override
    public void rmspropUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer gradAvg, Buffer momentumBuffer,
                              int n, float lr, float alpha, float eps, float weightDecay, float momentum) {
        ClBuffer p = cl(param);
        launcher.run(kernel("optim", "rmsprop_step"), n, p, cl(grad), cl(squareAvg),
                gradAvg == null ? p : cl(gradAvg), momentumBuffer == null ? p : cl(momentumBuffer), n, lr, alpha, eps,
                weightDecay, momentum, gradAvg == null ? 0 : 1, momentumBuffer == null ? 0 : 1);
    }

    @Override
    public void adagradUpdate(Buffer param, Buffer grad, Buffer sum, int n, float lr, float lrDecay,
                              float weightDecay, float eps, int step) {
        float clr = lr / (1f + (step - 1) * lrDecay);
        launcher.run(kernel("optim", "adagrad_step"), n, cl(param), cl(grad), cl(sum), n, clr, weightDecay, eps);
    }

    @Override
    public void adadeltaUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer accDelta, int n, float lr,
                               float rho, float eps, float weightDecay) {
        launcher.run(kernel("optim", "adadelta_step"), n, cl(param), cl(grad), cl(squareAvg), cl(accDelta), n, lr,
                rho, eps, weightDecay);
    }
}
