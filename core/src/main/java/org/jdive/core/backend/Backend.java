package org.jdive.core.backend;

/**
 * The primitives every backend implements. Everything else in jdive, autograd included, is composed
 * from these in {@code core}, once.
 *
 * <p>Conventions: all data is float32, row-major. A tensor of shape {@code [d0, ..., dr-1]} is a flat
 * buffer. Ops that work along one axis view their input as {@code [outer, axis, inner]}. Output buffers
 * are distinct from input buffers unless a method says otherwise, and are fully overwritten.
 * Indices (gather, scatter, argmax) are stored as floats holding whole numbers.
 */
public interface Backend {

    /** A short name: {@code cpu}, {@code opencl}, {@code djl}. */
    String name();

    /** A one-line description of the device this backend computes on. */
    String description();

    // ---- memory -------------------------------------------------------------------------------

    /** A new buffer of {@code size} floats, all zero. */
    Buffer allocate(int size);

    /**
     * A new buffer of {@code size} floats for a primitive to write in full: its contents are unspecified until
     * then, which spares the zeroing {@link #allocate} does (a pass over memory on the CPU, a fill kernel on a
     * device). By default the same as {@link #allocate}.
     */
    default Buffer allocateForOutput(int size) {
        return allocate(size);
    }

    /** A new buffer holding a copy of {@code data[offset .. offset+length)}. */
    Buffer upload(float[] data, int offset, int length);

    /** Copies {@code length} floats from {@code src[srcOffset ..]} to {@code dst[dstOffset ..]} on the host. */
    void download(Buffer src, int srcOffset, float[] dst, int dstOffset, int length);

    /** The number of buffers allocated and not yet released: a leak counter for tests. */
    long liveBuffers();

    // ---- elementwise --------------------------------------------------------------------------

    /** {@code out[i] = op(x[i], p)} for {@code i < n}; {@code out} may be {@code x}. */
    void unary(UnaryOp op, float p, Buffer x, Buffer out, int n);

    /**
     * {@code out = op(a, b)} with NumPy broadcasting: {@code aShape} and {@code bShape} are right-aligned
     * against {@code outShape}, and each of their dimensions is either equal to the output's or 1.
     * {@code out} may be {@code a} or {@code b} when that operand has the output's shape (in-place updates).
     */
    void binary(BinaryOp op, Buffer a, int[] aShape, Buffer b, int[] bShape, Buffer out, int[] outShape);

    /** {@code out = cond != 0 ? a : b}, the three inputs broadcast against {@code outShape}. */
    void where(Buffer cond, int[] condShape, Buffer a, int[] aShape, Buffer b, int[] bShape,
               Buffer out, int[] outShape);

    /** {@code out[i] = min(max(x[i], lo), hi)} for {@code i < n}. */
    void clamp(Buffer x, Buffer out, int n, float lo, float hi);

    // ---- reductions ---------------------------------------------------------------------------

    /** Reduces {@code x} viewed as {@code [outer, axis, inner]} to {@code out} of shape {@code [outer, inner]}. */
    void reduce(ReduceOp op, Buffer x, Buffer out, int outer, int axis, int inner);

    /**
     * Softmax (or, with {@code log}, log-softmax) of {@code x} viewed as {@code [outer, axis, inner]} along
     * the middle axis, computed stably (shifted by the maximum).
     */
    void softmax(Buffer x, Buffer out, int outer, int axis, int inner, boolean log);

    // ---- linear algebra and convolution -------------------------------------------------------

    /**
     * Batched matrix product {@code C[b] = op(A[b]) · op(B[b]) + beta · C[b]} for {@code b < batch}, where
     * {@code op} transposes when asked. {@code A[b]} starts at {@code b * aBatchStride} and is {@code m×k}
     * after {@code op} (so stored {@code k×m} when transposed); likewise {@code B[b]} is {@code k×n} after
     * {@code op}. A batch stride of 0 broadcasts one matrix over the batch. {@code C[b]} starts at
     * {@code b*m*n}. With {@code beta == 0} the previous contents of {@code c} are ignored.
     */
    void matmul(int batch, int m, int n, int k,
                Buffer a, int aBatchStride, boolean transA,
                Buffer b, int bBatchStride, boolean transB,
                Buffer c, float beta);

    /**
     * {@code y = conv2d(x, w) + bias}: x is NCHW, w is OIHW, y is N,O,outH,outW; {@code bias} holds one value per
     * output channel, added to each of its outputs, or is {@code null} for none.
     */
    void conv2dForward(ConvSpec spec, Buffer x, Buffer w, Buffer bias, Buffer y);

    /** The gradient with respect to the input, {@code dx}, from {@code dy} and {@code w}; also transposed convolution. */
    void conv2dBackwardData(ConvSpec spec, Buffer dy, Buffer w, Buffer dx);

    /** The gradient with respect to the weights, {@code dw}, from {@code x} and {@code dy}. */
    void conv2dBackwardWeights(ConvSpec spec, Buffer x, Buffer dy, Buffer dw);

    /** Max pooling; padded cells count as minus infinity. */
    void maxPool2dForward(PoolSpec spec, Buffer x, Buffer y);

    /** Routes {@code dy} to the first maximal input of each window (recomputed from {@code x}). */
    void maxPool2dBackward(PoolSpec spec, Buffer x, Buffer dy, Buffer dx);

    /** Average pooling, padded cells included in the count (PyTorch's {@code count_include_pad=True}). */
    void avgPool2dForward(PoolSpec spec, Buffer x, Buffer y);

    /**
     * Spreads each output's gradient {@code dy} equally over its window's cells in {@code dx} (padded cells take their
     * share and drop it).
     */
    void avgPool2dBackward(PoolSpec spec, Buffer dy, Buffer dx);

    // ---- indexing -----------------------------------------------------------------------------

    /**
     * Selection along an axis: with {@code x} viewed as {@code [outer, axisIn, inner]} and {@code index} as
     * {@code [outer, axisOut]}, {@code out[o, j, i] = x[o, index[o, j], i]}. Covers Q(s, a) selection
     * ({@code inner = 1}), embedding lookup ({@code outer = 1}) and picking the target's log-probability.
     */
    void gather(Buffer x, Buffer index, Buffer out, int outer, int axisIn, int axisOut, int inner);

    /**
     * The adjoint of {@link #gather}: {@code out[o, index[o, j], i] += src[o, j, i]}, in order of {@code j}
     * (deterministic). {@code out} is accumulated into, not overwritten.
     */
    void scatterAdd(Buffer src, Buffer index, Buffer out, int outer, int axisSrc, int axisOut, int inner);

    /** Copies {@code n} floats from {@code src[srcOffset ..]} to {@code dst[dstOffset ..]}. */
    void copy(Buffer src, int srcOffset, Buffer dst, int dstOffset, int n);

    /**
     * The general strided copy behind permute, slice, concat and broadcast: for every index {@code (i0..ir-1)}
     * of {@code shape}, {@code dst[dstOffset + Σ ik·dstStrides[k]] = src[srcOffset + Σ ik·srcStrides[k]]}.
     * A source stride of 0 repeats (broadcasts) the source along that dimension.
     */
    void copyStrided(Buffer src, int srcOffset, int[] srcStrides,
                     Buffer dst, int dstOffset, int[] dstStrides, int[] shape);

    // ---- fused optimizer updates --------------------------------------------------------------

    /**
     * One SGD step in PyTorch's form, in place on {@code param} and {@code velocity}:
     * {@code g = grad + weightDecay·param}; with momentum, {@code v = momentum·v + (1-dampening)·g} (or
     * {@code v = g} on the first step) and {@code g = nesterov ? g + momentum·v : v}; then
     * {@code param -= lr·g}. {@code velocity} may be null when {@code momentum == 0}.
     */
    void sgdUpdate(Buffer param, Buffer grad, Buffer velocity, int n, float lr, float momentum,
                   float dampening, float weightDecay, boolean nesterov, boolean firstStep);

    /**
     * One Adam step (step counted from 1), in place on {@code param}, {@code m} and {@code v}. With
     * {@code decoupled} (AdamW) the weight decay shrinks the parameter by {@code lr·weightDecay}; otherwise it
     * is added to the gradient. Bias-corrected as in PyTorch: {@code param -= lr · m̂ / (sqrt(v̂) + eps)}.
     */
    void adamUpdate(Buffer param, Buffer grad, Buffer m, Buffer v, int n, float lr, float beta1, float beta2,
                    float eps, float weightDecay, boolean decoupled, int step);

    /**
     * One RMSProp step as PyTorch's: {@code g = grad + weightDecay·param}; {@code v = alpha·v + (1-alpha)·g²};
     * centred ({@code gradAvg} not null): {@code gradAvg = alpha·gradAvg + (1-alpha)·g} and
     * {@code avg = sqrt(v - gradAvg²) + eps}, else {@code avg = sqrt(v) + eps}; with momentum
     * ({@code momentumBuffer} not null) {@code buf = momentum·buf + g/avg; param -= lr·buf}, else
     * {@code param -= lr·g/avg}.
     */
    void rmspropUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer gradAvg, Buffer momentumBuffer, int n,
                       float lr, float alpha, float eps, float weightDecay, float momentum);

    /**
     * One Adagrad step as PyTorch's (step counted from 1): {@code g = grad + weightDecay·param};
     * {@code sum += g²}; {@code param -= lr / (1 + (step-1)·lrDecay) · g / (sqrt(sum) + eps)}.
     */
    void adagradUpdate(Buffer param, Buffer grad, Buffer sum, int n, float lr, float lrDecay, float weightDecay,
                       float eps, int step);

    /**
     * One Adadelta step as PyTorch's: {@code g = grad + weightDecay·param}; {@code v = rho·v + (1-rho)·g²};
     * {@code delta = sqrt(accDelta + eps) / sqrt(v + eps) · g}; {@code accDelta = rho·accDelta + (1-rho)·delta²};
     * {@code param -= lr·delta}.
     */
    void adadeltaUpdate(Buffer param, Buffer grad, Buffer squareAvg, Buffer accDelta, int n, float lr, float rho,
                        float eps, float weightDecay);
}
