package org.jdive.core;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;
import org.jdive.core.backend.BinaryOp;
import org.jdive.core.backend.Buffer;
import org.jdive.core.backend.UnaryOp;

/**
 * An n-dimensional array of float32, row-major, held in a {@link Backend}'s buffer, with reverse-mode
 * automatic differentiation: ops on tensors that {@linkplain #requiresGrad() require gradients} record how
 * to propagate gradients back, and {@link #backward()} fills the {@link #grad()} of every leaf that asked.
 *
 * <p>Ops never change their inputs and return new tensors, except the methods ending in {@code InPlace}.
 * A tensor made inside a {@link Scope} is freed when that scope closes unless {@linkplain #keep() kept};
 * one made outside any scope is freed by {@link #close()}. Using a freed tensor is an error. Tensors are
 * not thread-safe.
 */
public final class Tensor implements AutoCloseable {

    private final Backend backend;
    private final Storage storage;
    private final int[] shape;
    private final int size;
    private Scope owner;
    private boolean freed;

    private boolean requiresGrad;
    private Tensor grad;
    /** Whether {@link #zeroGrad()} has cleared {@link #grad} without writing it yet: its contents count as zero. */
    private boolean gradCleared;
    Autograd.Node gradFn;

    Tensor(Backend backend, Storage storage, int[] shape) {
        this.backend = backend;
        this.storage = storage;
        this.shape = shape;
        this.size = Shapes.size(shape);
        this.owner = Scope.adopt(this);
    }

    /** A new tensor over a fresh buffer, owned by the current scope. */
    static Tensor wrap(Backend backend, Buffer buffer, int[] shape) {
        return new Tensor(backend, new Storage(buffer), shape);
    }

    /** A new, zero-filled tensor of {@code shape} on {@code backend}. */
    static Tensor empty(Backend backend, int[] shape) {
        return wrap(backend, backend.allocate(Shapes.size(shape)), shape.clone());
    }

    /**
     * A new tensor of {@code shape} for the next primitive to write in full; until then its contents are
     * unspecified (see {@link Backend#allocateForOutput}).
     */
    static Tensor forOutput(Backend backend, int[] shape) {
        return wrap(backend, backend.allocateForOutput(Shapes.size(shape)), shape.clone());
    }

    // ---- creation -----------------------------------------------------------------------------

    /** A tensor holding a copy of {@code data} laid out as {@code shape}, on the default backend. */
    public static Tensor of(float[] data, int... shape) {
        return of(Backends.getDefault(), data, shape);
    }

    /** A tensor holding a copy of {@code data} laid out as {@code shape}, on {@code backend}. */
    public static Tensor of(Backend backend, float[] data, int... shape) {
        int n = Shapes.size(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Shapes.str(shape) + " needs " + n
                    + " values, got " + data.length);
        }
        return wrap(backend, backend.upload(data, 0, n), shape.clone());
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, flat, r * cols, cols);
        }
        return of(flat, rows.length, cols);
    }

    /** A tensor of rank 0 holding {@code value}. */
    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /** A tensor of {@code shape} filled with 0, on the default backend. */
    public static Tensor zeros(int... shape) {
        return zeros(Backends.getDefault(), shape);
    }

    /** A tensor of {@code shape} filled with 0, on {@code backend}. */
    public static Tensor zeros(Backend backend, int... shape) {
        return empty(backend, shape);
    }

    /** A tensor of {@code shape} filled with 1, on the default backend. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** A tensor of {@code shape} filled with {@code value}, on the default backend. */
    public static Tensor full(float value, int... shape) {
        return full(Backends.getDefault(), value, shape);
    }

    /** A tensor of {@code shape} filled with {@code value}, on {@code backend}. */
    public static Tensor full(Backend backend, float value, int... shape) {
        Tensor t = empty(backend, shape);
        if (value != 0f) {
            backend.unary(UnaryOp.FILL, value, t.buffer(), t.buffer(), t.size);
        }
        return t;
    }

    /** {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** {@code [start, start+step, ...)} up to but excluding {@code end}, as NumPy's {@code arange}. */
    public static Tensor arange(float start, float end, float step) {
        if (step == 0 || Float.isNaN(step)) {
            throw new IllegalArgumentException("arange step must be non-zero, got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = start + i * step;
        }
        return of(data, n);
    }

    /** Uniform samples in [0, 1) from {@code rng}. */
    public static Tensor rand(UniformRandomProvider rng, int... shape) {
        float[] data = new float[Shapes.size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextFloat();
        }
        return of(data, shape);
    }

    /** Standard normal samples from {@code rng}. */
    public static Tensor randn(UniformRandomProvider rng, int... shape) {
        ZigguratSampler.NormalizedGaussian gauss = Rng.gaussian(rng);
        float[] data = new float[Shapes.size(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) gauss.sample();
        }
        return of(data, shape);
    }

    // ---- properties ---------------------------------------------------------------------------

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The length of dimension {@code axis} (negative counts from the end). */
    public int shape(int axis) {
        return shape[Shapes.axis(axis, shape.length)];
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return size;
    }

    /** The backend that holds the buffer and runs the ops; operands of one op must share it. */
    public Backend backend() {
        return backend;
    }

    /** The buffer, checked not to be freed. For backends and ops; the layout is row-major. */
    public Buffer buffer() {
        if (freed) {
            throw new IllegalStateException("use of a freed tensor of shape " + Shapes.str(shape)
                    + ": its scope closed or it was closed; keep() it or make it outside the scope to use it later");
        }
        return storage.buffer;
    }

    int[] shapeRef() {
        return shape;
    }

    Scope owner() {
        return owner;
    }

    Storage storage() {
        return storage;
    }

    /** Whether this tensor was freed ({@link #close()}d, or its scope closed); a freed tensor can no longer be used. */
    public boolean isFreed() {
        return freed;
    }

    // ---- host access --------------------------------------------------------------------------

    /** A copy of the elements, row-major. */
    public float[] toFloatArray() {
        float[] out = new float[size];
        backend.download(buffer(), 0, out, 0, size);
        return out;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (size != 1) {
            throw new IllegalStateException("item() needs a tensor of one element, this one has shape " + Shapes.str(shape));
        }
        float[] one = new float[1];
        backend.download(buffer(), 0, one, 0, 1);
        return one[0];
    }

    /** This tensor's values on {@code target} (the same tensor if already there); gradients do not flow across. */
    public Tensor to(Backend target) {
        if (target == backend) {
            return this;
        }
        return of(target, toFloatArray(), shape);
    }

    // ---- lifetime -----------------------------------------------------------------------------

    /** Takes this tensor out of its scope: it survives the scope's close and the caller closes it. */
    public Tensor keep() {
        owner = null;
        return this;
    }

    /**
     * Frees this tensor's memory (shared with its views until the last closes) and its accumulated gradient, if
     * any: a leaf made inside a scope (the interpolates of a gradient penalty) takes its gradient with it. Closing
     * twice is harmless.
     */
    @Override
    public void close() {
        if (!freed) {
            freed = true;
            storage.releaseOne();
            if (grad != null) {
                grad.close();
            }
        }
    }

    // ---- autograd -----------------------------------------------------------------------------

    /** Whether gradients flow to or through this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor (a parameter) as wanting a gradient; returns this. */
    public Tensor requiresGrad(boolean wanted) {
        if (gradFn != null && !wanted) {
            throw new IllegalStateException("cannot turn off requiresGrad on the result of an op; use detach()");
        }
        this.requiresGrad = wanted;
        return this;
    }

    void markRequiresGrad(Autograd.Node node) {
        this.requiresGrad = true;
        this.gradFn = node;
    }

    /** The accumulated gradient of a leaf after {@link #backward()}, or null. */
    public Tensor grad() {
        if (gradCleared) {
            backend.unary(UnaryOp.FILL, 0f, grad.buffer(), grad.buffer(), grad.size);
            gradCleared = false;
        }
        return grad;
    }

    /**
     * Sets the accumulated gradient to zero (keeps its memory). The zeros are written when the gradient is next
     * read through {@link #grad()}; a backward pass before that writes its gradient over the old values rather
     * than adding to zeros. So read the gradient through {@code grad()}, not through a reference kept from before.
     */
    public void zeroGrad() {
        gradCleared = grad != null && !grad.isFreed();
    }

    /**
     * Adds {@code g} (this tensor's shape) to the accumulated gradient, which starts as a copy of it. With
     * {@code disposable} (nothing else refers to {@code g}, which is about to be freed) the gradient takes
     * {@code g}'s buffer instead of copying it, and {@code g} is left with the stale one.
     */
    void accumulateGrad(Tensor g, boolean disposable) {
        if (grad == null || grad.isFreed()) {
            try (Scope persistent = Scope.none()) {
                grad = Tensor.empty(backend, shape);
            }
            gradCleared = true;
        }
        if (gradCleared) {
            if (disposable && g.backend == backend && g.storage.unshared() && grad.storage.unshared()) {
                grad.storage.swapBuffer(g.storage);
            } else {
                grad.copyFromInPlace(g);
            }
            gradCleared = false;
        } else {
            grad.addInPlace(g, 1f);
        }
    }

    /** Back-propagates from this scalar (its gradient is 1). */
    public void backward() {
        if (size != 1) {
            throw new IllegalStateException("backward() without a gradient needs a scalar, this tensor has shape "
                    + Shapes.str(shape) + "; pass the upstream gradient with backward(gradient)");
        }
        try (Tensor one = full(backend, 1f, shape).keep()) {
            Autograd.backward(this, one);
        }
    }

    /** Back-propagates {@code gradient}, which has this tensor's shape. */
    public void backward(Tensor gradient) {
        if (!Arrays.equals(gradient.shape, shape)) {
            throw new IllegalArgumentException("gradient of shape " + Shapes.str(gradient.shape)
                    + " does not match the tensor's shape " + Shapes.str(shape));
        }
        Autograd.backward(this, gradient);
    }

    /**
     * The gradients of this scalar with respect to {@code inputs}, as PyTorch's
     * {@code torch.autograd.grad(out, inputs, create_graph=createGraph)}; see {@link #gradient(Tensor, boolean,
     * Tensor...)}.
     */
    public Tensor[] gradient(boolean createGraph, Tensor... inputs) {
        if (size != 1) {
            throw new IllegalStateException("gradient() without an upstream gradient needs a scalar, this tensor has "
                    + "shape " + Shapes.str(shape) + "; pass one with gradient(gradOutput, createGraph, inputs)");
        }
        Tensor one = full(backend, 1f, shape);
        return Autograd.gradients(this, one, inputs, createGraph);
    }

    /**
     * The gradients of this tensor, weighted by {@code gradOutput} (this tensor's shape), with respect to
     * {@code inputs} (leaves or intermediates of its computation), as PyTorch's {@code torch.autograd.grad}. Unlike
     * {@link #backward()} it returns them and leaves every {@link #grad()} as it was. With {@code createGraph} the
     * gradient rules run with recording on, so the results are themselves part of the graph: a loss built from them
     * (WGAN-GP's penalty on ‖∇ₓD(x)‖) back-propagates to the parameters. Call it inside a {@link Scope}: with
     * {@code createGraph} every intermediate gradient lives until the scope closes. An op whose rule cannot be
     * differentiated again (matmul, max pooling) is then an error that names it.
     */
    public Tensor[] gradient(Tensor gradOutput, boolean createGraph, Tensor... inputs) {
        if (!Arrays.equals(gradOutput.shape, shape)) {
            throw new IllegalArgumentException("gradient of shape " + Shapes.str(gradOutput.shape)
                    + " does not match the tensor's shape " + Shapes.str(shape));
        }
        return Autograd.gradients(this, gradOutput, inputs, createGraph);
    }

    /** The same values, cut from the gradient history (shares memory with this tensor). */
    public Tensor detach() {
        storage.retain();
        return new Tensor(backend, storage, shape.clone());
    }

    // ---- elementwise --------------------------------------------------------------------------

    /** {@code this + other}, elementwise with NumPy broadcasting. */
    public Tensor add(Tensor other) { return Elementwise.binary(BinaryOp.ADD, this, other); }
    /** {@code this - other}, elementwise with broadcasting. */
    public Tensor sub(Tensor other) { return Elementwise.binary(BinaryOp.SUB, this, other); }
    /** {@code this · other}, elementwise with broadcasting. */
    public Tensor mul(Tensor other) { return Elementwise.binary(BinaryOp.MUL, this, other); }
    /** {@code this / other}, elementwise with broadcasting. */
    public Tensor div(Tensor other) { return Elementwise.binary(BinaryOp.DIV, this, other); }
    /** {@code this ^ exponent}, elementwise with broadcasting. */
    public Tensor pow(Tensor exponent) { return Elementwise.binary(BinaryOp.POW, this, exponent); }
    /** The elementwise maximum; the gradient goes to {@code this} where it is not smaller. */
    public Tensor maximum(Tensor other) { return Elementwise.binary(BinaryOp.MAX, this, other); }
    /** The elementwise minimum; the gradient goes to {@code this} where it is not larger. */
    public Tensor minimum(Tensor other) { return Elementwise.binary(BinaryOp.MIN, this, other); }

    /** {@code this + c}. */
    public Tensor add(float c) { return Elementwise.unary(UnaryOp.ADD_SCALAR, c, this); }
    /** {@code this - c}. */
    public Tensor sub(float c) { return Elementwise.unary(UnaryOp.ADD_SCALAR, -c, this); }
    /** {@code this · c}. */
    public Tensor mul(float c) { return Elementwise.unary(UnaryOp.MUL_SCALAR, c, this); }
    /** {@code this / c}, computed as {@code this · (1/c)}. */
    public Tensor div(float c) { return Elementwise.unary(UnaryOp.MUL_SCALAR, 1f / c, this); }
    /** {@code c - this}. */
    public Tensor rsub(float c) { return Elementwise.unary(UnaryOp.RSUB_SCALAR, c, this); }
    /** {@code c / this}. */
    public Tensor rdiv(float c) { return Elementwise.unary(UnaryOp.RDIV_SCALAR, c, this); }
    /** {@code this ^ exponent}, elementwise. */
    public Tensor pow(float exponent) { return Elementwise.unary(UnaryOp.POW, exponent, this); }

    /** {@code -this}. */
    public Tensor neg() { return Elementwise.unary(UnaryOp.NEG, 0f, this); }
    /** {@code |this|}; its gradient is 0 at 0. */
    public Tensor abs() { return Elementwise.unary(UnaryOp.ABS, 0f, this); }
    /** -1, 0 or 1; its gradient is zero. */
    public Tensor sign() { return Elementwise.unary(UnaryOp.SIGN, 0f, this); }
    /** {@code e^this}. */
    public Tensor exp() { return Elementwise.unary(UnaryOp.EXP, 0f, this); }
    /** The natural logarithm: -∞ at 0, NaN below. */
    public Tensor log() { return Elementwise.unary(UnaryOp.LOG, 0f, this); }
    /** The square root: NaN below 0. */
    public Tensor sqrt() { return Elementwise.unary(UnaryOp.SQRT, 0f, this); }
    /** {@code this²}. */
    public Tensor square() { return Elementwise.unary(UnaryOp.SQUARE, 0f, this); }
    /** {@code 1 / this}. */
    public Tensor reciprocal() { return Elementwise.unary(UnaryOp.RECIPROCAL, 0f, this); }
    /** The sine, of radians. */
    public Tensor sin() { return Elementwise.unary(UnaryOp.SIN, 0f, this); }
    /** The cosine, of radians. */
    public Tensor cos() { return Elementwise.unary(UnaryOp.COS, 0f, this); }
    /** The hyperbolic tangent, in (-1, 1). */
    public Tensor tanh() { return Elementwise.unary(UnaryOp.TANH, 0f, this); }
    /** The logistic function {@code 1 / (1 + e^-x)}, in (0, 1). */
    public Tensor sigmoid() { return Elementwise.unary(UnaryOp.SIGMOID, 0f, this); }
    /** {@code max(x, 0)}; its gradient is 0 where {@code x <= 0}. */
    public Tensor relu() { return Elementwise.unary(UnaryOp.RELU, 0f, this); }
    /** {@code x > 0 ? x : slope·x}. */
    public Tensor leakyRelu(float slope) { return Elementwise.unary(UnaryOp.LEAKY_RELU, slope, this); }

    /** Limits every element to {@code [lo, hi]}; the gradient passes where the value was inside. */
    public Tensor clamp(float lo, float hi) { return Elementwise.clamp(this, lo, hi); }

    /** {@code cond != 0 ? a : b} with broadcasting; no gradient flows to {@code cond}. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) { return Elementwise.where(cond, a, b); }

    /** 1 where {@code this > other}, else 0 (no gradient). */
    public Tensor gt(Tensor other) { return Elementwise.compare(BinaryOp.GT, this, other); }
    /** 1 where {@code this >= other}, else 0 (no gradient). */
    public Tensor ge(Tensor other) { return Elementwise.compare(BinaryOp.GE, this, other); }
    /** 1 where {@code this < other}, else 0 (no gradient). */
    public Tensor lt(Tensor other) { return Elementwise.compare(BinaryOp.LT, this, other); }
    /** 1 where {@code this <= other}, else 0 (no gradient). */
    public Tensor le(Tensor other) { return Elementwise.compare(BinaryOp.LE, this, other); }
    /** 1 where {@code this == other} exactly, else 0 (no gradient). */
    public Tensor eq(Tensor other) { return Elementwise.compare(BinaryOp.EQ, this, other); }

    // ---- reductions ---------------------------------------------------------------------------

    /** The sum of all elements, a scalar. */
    public Tensor sum() { return Reductions.sumAll(this); }
    /** The sum along {@code axes}; with {@code keepDim} the reduced axes stay as size 1. */
    public Tensor sum(int[] axes, boolean keepDim) { return Reductions.sum(this, axes, keepDim); }
    /** The sum along {@code axis}; with {@code keepDim} it stays as size 1. */
    public Tensor sum(int axis, boolean keepDim) { return Reductions.sum(this, new int[] {axis}, keepDim); }
    /** The mean of all elements, a scalar. */
    public Tensor mean() { return sum().div(size); }
    /** The mean along {@code axis}; with {@code keepDim} it stays as size 1. */
    public Tensor mean(int axis, boolean keepDim) { return sum(axis, keepDim).div(shape(axis)); }
    /** The maximum along {@code axis}; the gradient is shared equally among tied maxima. */
    public Tensor max(int axis, boolean keepDim) { return Reductions.max(this, axis, keepDim); }
    /** The minimum along {@code axis}. */
    public Tensor min(int axis, boolean keepDim) { return neg().max(axis, keepDim).neg(); }
    /** The index of the first maximum along {@code axis} as floats (no gradient). */
    public Tensor argmax(int axis, boolean keepDim) { return Reductions.argmax(this, axis, keepDim); }
    /** Softmax along {@code axis}, computed stably. */
    public Tensor softmax(int axis) { return Reductions.softmax(this, axis, false); }
    /** Log-softmax along {@code axis}, computed stably. */
    public Tensor logSoftmax(int axis) { return Reductions.softmax(this, axis, true); }

    // ---- linear algebra and convolution -------------------------------------------------------

    /**
     * The matrix product with PyTorch's {@code matmul} rules for ranks ≥ 2: the last two axes multiply,
     * leading (batch) axes broadcast. A 1-D operand is treated as a row (left) or column (right) vector.
     */
    public Tensor matmul(Tensor other) { return Linalg.matmul(this, other); }

    /**
     * {@code this · weightᵀ} for a weight matrix {@code [n, k]} stored as PyTorch's {@code nn.Linear} stores it,
     * as {@code torch.nn.functional.linear} without bias: the last axis ({@code k}) contracts, leading axes
     * are kept. Equal to {@code matmul(weight.t())} but reads the weight transposed in place instead of
     * copying it (forward and backward).
     */
    public Tensor linear(Tensor weight) { return Linalg.linear(this, weight); }

    /**
     * One {@link #linear} per group of a leading axis, as {@code torch.bmm(x, w.transpose(1, 2))}: this is
     * {@code [G, ..., k]}, {@code weights} a stack {@code [G, n, k]}, the result {@code [G, ..., n]}; group
     * {@code g} equals {@code x[g].linear(weights[g])} bit for bit on the CPU backend. A population of networks
     * runs its members' layers as one such product. Differentiable once.
     */
    public Tensor groupedLinear(Tensor weights) { return Linalg.groupedLinear(this, weights); }

    /** 2-D convolution of NCHW input with OIHW weights (no bias), as {@code torch.nn.functional.conv2d}. */
    public Tensor conv2d(Tensor weight, int stride, int padding) {
        return Convolutions.conv2d(this, weight, null, stride, stride, padding, padding);
    }

    /**
     * 2-D convolution with a bias {@code [out]} added to each output channel, as {@code torch.nn.functional.conv2d};
     * the backend adds it as it writes the outputs (no second pass over them).
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int padding) {
        return Convolutions.conv2d(this, weight, bias, stride, stride, padding, padding);
    }

    /**
     * Transposed 2-D convolution with weights laid out {@code [in, out, kH, kW]}, as
     * {@code torch.nn.functional.conv_transpose2d}.
     */
    public Tensor convTranspose2d(Tensor weight, int stride, int padding, int outputPadding) {
        return Convolutions.convTranspose2d(this, weight, stride, padding, outputPadding);
    }

    /**
     * Max pooling of NCHW input over square windows, as {@code torch.nn.functional.max_pool2d}: padded cells count as
     * -∞, and the gradient goes to the first maximum of each window.
     */
    public Tensor maxPool2d(int kernel, int stride, int padding) {
        return Convolutions.maxPool2d(this, kernel, stride, padding);
    }

    /**
     * Average pooling of NCHW input over square windows, as {@code torch.nn.functional.avg_pool2d}: padded cells count
     * as zeros in the average ({@code count_include_pad=True}).
     */
    public Tensor avgPool2d(int kernel, int stride, int padding) {
        return Convolutions.avgPool2d(this, kernel, stride, padding);
    }

    // ---- shape --------------------------------------------------------------------------------

    /** The same elements in a new shape (one dimension may be -1); shares memory with this tensor. */
    public Tensor reshape(int... newShape) { return ShapeOps.reshape(this, newShape); }
    /** All dimensions from {@code axis} on merged into one. */
    public Tensor flatten(int axis) { return ShapeOps.flatten(this, axis); }
    /** Reorders the axes: axis {@code i} of the result is axis {@code order[i]} of this tensor. */
    public Tensor permute(int... order) { return ShapeOps.permute(this, order); }
    /** Swaps two axes. */
    public Tensor transpose(int axis0, int axis1) { return ShapeOps.transpose(this, axis0, axis1); }
    /** The transpose of a 2-D tensor. */
    public Tensor t() { return transpose(0, 1); }
    /** Elements {@code [from, to)} along {@code axis}. */
    public Tensor slice(int axis, int from, int to) { return ShapeOps.slice(this, axis, from, to); }
    /** Element {@code index} along {@code axis}, that axis removed. */
    public Tensor select(int axis, int index) { return ShapeOps.select(this, axis, index); }
    /** A size-1 axis inserted at {@code axis}. */
    public Tensor unsqueeze(int axis) { return ShapeOps.unsqueeze(this, axis); }
    /** Size-1 axis {@code axis} removed. */
    public Tensor squeeze(int axis) { return ShapeOps.squeeze(this, axis); }
    /** This tensor repeated along size-1 (or missing leading) axes to {@code target}. */
    public Tensor broadcastTo(int... target) { return ShapeOps.broadcastTo(this, target); }
    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... parts) { return ShapeOps.concat(axis, parts); }
    /** Joins tensors of one shape along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) { return ShapeOps.stack(axis, parts); }

    // ---- indexing -----------------------------------------------------------------------------

    /**
     * Picks elements along {@code axis}: {@code index} has this tensor's shape up to {@code axis} followed by
     * the number of picks {@code J}; the result's shape is this tensor's with {@code axis} replaced by
     * {@code J}, and {@code out[..., j, ...] = this[..., index[..., j], ...]}. Q(s, a) is
     * {@code q.gather(1, actions.reshape(B, 1))}; an embedding lookup is {@code table.gather(0, ids)}.
     */
    public Tensor gather(int axis, Tensor index) { return Indexing.gather(this, axis, index); }

    /** A copy of this tensor with {@code src} added at the positions {@link #gather} would read. */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) { return Indexing.scatterAdd(this, axis, index, src); }

    // ---- in place (no gradient history) --------------------------------------------------------

    /** Copies {@code src}'s values into this tensor (same shape); records no gradient. */
    public Tensor copyFromInPlace(Tensor src) {
        requireSameShape(src, "copyFromInPlace");
        backend.copy(src.buffer(), 0, buffer(), 0, size);
        return this;
    }

    /** {@code this += alpha · other} (same shape); records no gradient. For parameter updates. */
    public Tensor addInPlace(Tensor other, float alpha) {
        requireSameShape(other, "addInPlace");
        if (alpha == 1f) {
            backend.binary(BinaryOp.ADD, buffer(), shape, other.buffer(), shape, buffer(), shape);
        } else {
            try (Tensor scaled = Tensor.empty(backend, shape).keep()) {
                backend.unary(UnaryOp.MUL_SCALAR, alpha, other.buffer(), scaled.buffer(), size);
                backend.binary(BinaryOp.ADD, buffer(), shape, scaled.buffer(), shape, buffer(), shape);
            }
        }
        return this;
    }

    private void requireSameShape(Tensor other, String op) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.str(shape) + " and "
                    + Shapes.str(other.shape) + " differ");
        }
        if (other.backend != backend) {
            throw new IllegalArgumentException(op + ": tensors live on backends '" + backend.name() + "' and '"
                    + other.backend.name() + "'");
        }
    }

    // ---- text ---------------------------------------------------------------------------------

    /** PyTorch-like text: the values (elided in the middle for large tensors), the shape and grad state. */
    @Override
    public String toString() {
        if (freed) {
            return "tensor(<freed>, shape=" + Shapes.str(shape) + ")";
        }
        return TensorFormat.format(this);
    }
}
