package org.jdive.core.cpu;

import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.jdive.core.backend.ConvSpec;

/**
 * 2-D convolution on NCHW {@code float[]} tensors with OIHW weights, as im2col (col2im) plus {@link Sgemm}.
 *
 * <p>An image's columns form a {@code (C·kH·kW) × (outH·outW)} matrix whose row {@code (c, kh, kw)} holds,
 * for each output position, the input pixel that kernel tap meets (zero in the padding). The batch is
 * processed in groups of images whose size depends on the shape alone; a group's column matrices (and its
 * output gradients) sit side by side, so that each pass is one wide GEMM per group, parallel inside, with the
 * copies around it parallel over images where there is enough of them to share. In the passes whose GEMM writes
 * the group's columns or outputs, a group is also large enough for that GEMM to be split over the cores (a layer
 * with few channels, such as an RGB input, needs many images for that). Backward-weights, whose GEMM writes just
 * the weights (which a split would re-pack per task), adds the groups' products in order. Every result is
 * therefore the same whatever the number of threads.
 */
public final class ConvKernels {

    /** The GEMM width (columns of output positions) a group of images aims for at least. */
    private static final int GROUP_COLUMNS = 1024;
    /** The multiply-adds a group's GEMM aims for at least: enough for {@link Sgemm} to use every core. */
    private static final long GROUP_VOLUME = 1L << 25;
    /** Below this many multiply-adds per group, backward-weights works on its groups side by side. */
    private static final long SIDE_BY_SIDE_VOLUME = 1L << 21;
    /** The most floats of column matrices held at once. */
    private static final int MAX_COLUMNS = 1 << 23;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private ConvKernels() {
    }

    /** Computes {@code y = conv2d(x, w) + bias} ({@code bias}: one per output channel, or null); {@code y} is overwritten. */
    public static void forward(ConvSpec s, float[] x, float[] w, float[] bias, float[] y) {
        if (DirectConv.applies(s)) {
            DirectConv.forward(s, x, w, bias, y);
            return;
        }
        if (WinogradConv.applies(s)) {
            WinogradConv.forward(s, x, w, bias, y);
            return;
        }
        Layout l = new Layout(s, true);
        for (int n0 = 0; n0 < s.batch(); n0 += l.group) {
            int first = n0;
            int depth = l.depth(n0);
            l.forImages(n0, i -> im2col(s, x, first + i, l.columns, i * l.positions, depth));
            Sgemm.multiply(false, false, l.out, depth, l.rows, w, 0, l.rows, l.columns, 0, depth,
                    0f, l.outputs, 0, depth);
            l.forImages(n0, i -> l.storeOutputs(y, first + i, i, depth, bias));
        }
    }

    /**
     * Computes the gradient of {@link #forward} with respect to its input, {@code dx = conv2dᵀ(dy, w)}; this is
     * also the forward pass of the transposed convolution. {@code dx} is overwritten.
     */
    public static void backwardData(ConvSpec s, float[] dy, float[] w, float[] dx) {
        if (WinogradConv.appliesToBackwardData(s)) {
            WinogradConv.backwardData(s, dy, w, dx);
            return;
        }
        if (SubPixelConv.applies(s)) {
            SubPixelConv.backwardData(s, dy, w, dx);
            return;
        }
        Layout l = new Layout(s, true);
        for (int n0 = 0; n0 < s.batch(); n0 += l.group) {
            int first = n0;
            int depth = l.depth(n0);
            l.forImages(n0, i -> l.loadOutputs(dy, first + i, i, depth));
            Sgemm.multiply(true, false, l.rows, depth, l.out, w, 0, l.rows, l.outputs, 0, depth,
                    0f, l.columns, 0, depth);
            l.forImages(n0, i -> col2im(s, l.columns, i * l.positions, depth, dx, first + i));
        }
    }

    /**
     * Computes the gradient of {@link #forward} with respect to its weights, summed over the batch; {@code dw} is
     * overwritten. Groups whose products are too small to split well over the cores (MinAtar's: 16 × 36 × 1024) are
     * worked on side by side, each into its own copy of the weights, and the copies are then added in group order,
     * which gives the same bits as adding each group's product into {@code dw} in turn.
     */
    public static void backwardWeights(ConvSpec s, float[] x, float[] dy, float[] dw) {
        if (WinogradConv.applies(s)) {
            WinogradConv.backwardWeights(s, x, dy, dw);
            return;
        }
        Layout l = new Layout(s, false);
        int groups = Math.ceilDiv(s.batch(), l.group);
        if (groups == 1 || (long) l.out * l.rows * l.group * l.positions >= SIDE_BY_SIDE_VOLUME) {
            for (int g = 0; g < groups; g++) {
                l.addWeightGradient(s, x, dy, g * l.group, dw, 0, g == 0 ? 0f : 1f);
            }
            return;
        }
        int size = l.out * l.rows;
        float[] later = new float[(groups - 1) * size]; // the groups after the first, which writes dw itself
        Parallel.forEach(groups, g -> new Layout(s, false).addWeightGradient(s, x, dy, g * l.group,
                g == 0 ? dw : later, g == 0 ? 0 : (g - 1) * size, 0f));
        for (int g = 1; g < groups; g++) {
            for (int i = 0; i < size; i++) {
                dw[i] += later[(g - 1) * size + i];
            }
        }
    }

    /** The matrix sizes of one convolution and the calling thread's scratch for a group of images. */
    private static final class Layout {
        final int rows;
        final int positions;
        final int out;
        final int batch;
        final int group;
        final float[] columns;
        /** The {@code out × depth} matrix of a group's outputs (forward) or output gradients (backward). */
        final float[] outputs;
        /** The lanes of an image's outputs past their last whole vector. */
        final VectorMask<Float> positionsTail;

        /** {@code splitGemm}: whether a group's GEMM should be large enough to split over the cores. */
        Layout(ConvSpec s, boolean splitGemm) {
            rows = s.inChannels() * s.kernelHeight() * s.kernelWidth();
            positions = s.outHeight() * s.outWidth();
            out = s.outChannels();
            batch = s.batch();
            int fitting = (int) Math.max(1, MAX_COLUMNS / ((long) rows * positions));
            long wanted = Math.ceilDiv(GROUP_COLUMNS, positions);
            if (splitGemm) {
                wanted = Math.max(wanted, Math.ceilDiv(GROUP_VOLUME, (long) rows * out * positions));
            }
            group = (int) Math.min(batch, Math.min(wanted, fitting));
            Scratch scratch = SCRATCH.get();
            columns = scratch.columns(rows * group * positions);
            outputs = scratch.outputs(out * group * positions);
            positionsTail = F.indexInRange(F.loopBound(positions), positions);
        }

        int images(int n0) {
            return Math.min(group, batch - n0);
        }

        int depth(int n0) {
            return images(n0) * positions;
        }

        /**
         * Runs {@code body} for each image slot of the group at {@code n0}, on several threads only where the
         * images' column matrices add up to enough work to be worth handing over (a batch of MinAtar's 10×10
         * grids is not).
         */
        void forImages(int n0, IntConsumer body) {
            int perTask = Math.max(1, CpuElementwise.PARALLEL_GRAIN / (rows * positions));
            Parallel.forRange(images(n0), perTask, (from, to) -> {
                for (int i = from; i < to; i++) {
                    body.accept(i);
                }
            });
        }

        /** {@code target[at..] = beta·target[at..] + the weight gradient of the group of images from {@code n0}}. */
        void addWeightGradient(ConvSpec s, float[] x, float[] dy, int n0, float[] target, int at, float beta) {
            int depth = depth(n0);
            forImages(n0, i -> {
                im2col(s, x, n0 + i, columns, i * positions, depth);
                loadOutputs(dy, n0 + i, i, depth);
            });
            Sgemm.multiply(false, true, out, rows, depth, outputs, 0, depth, columns, 0, depth, beta, target, at, rows);
        }

        /** Copies image {@code n} of an N×out×positions tensor into slot {@code slot} of {@link #outputs}. */
        void loadOutputs(float[] tensor, int n, int slot, int depth) {
            for (int c = 0; c < out; c++) {
                System.arraycopy(tensor, (n * out + c) * positions, outputs, c * depth + slot * positions, positions);
            }
        }

        /** Copies slot {@code slot} of {@link #outputs} to image {@code n} of {@code y}, adding the bias if there is one. */
        void storeOutputs(float[] y, int n, int slot, int depth, float[] bias) {
            for (int c = 0; c < out; c++) {
                int from = c * depth + slot * positions;
                int to = (n * out + c) * positions;
                if (bias == null) {
                    System.arraycopy(outputs, from, y, to, positions);
                } else {
                    addRun(outputs, from, y, to, positions, bias[c], positionsTail);
                }
            }
        }
    }

    /**
     * Writes image {@code n}'s column matrix into {@code col} from {@code colOff}, rows {@code ld} apart;
     * {@code col} has a vector's worth of room past its last row.
     */
    static void im2col(ConvSpec s, float[] x, int n, float[] col, int colOff, int ld) {
        if (s.padHeight() == 0 && s.padWidth() == 0 && s.strideWidth() == 1) {
            unpaddedRuns(s, x, n, col, colOff, ld);
            return;
        }
        Padded p = new Padded(s);
        int positions = s.outHeight() * s.outWidth();
        int vectorEnd = F.loopBound(positions);
        Arrays.fill(p.plane, 0f);
        for (int c = 0; c < s.inChannels(); c++) {
            p.load(x, (n * s.inChannels() + c) * s.inHeight() * s.inWidth());
            for (int kh = 0; kh < s.kernelHeight(); kh++) {
                for (int kw = 0; kw < s.kernelWidth(); kw++) {
                    int row = colOff + ((c * s.kernelHeight() + kh) * s.kernelWidth() + kw) * ld;
                    int tap = kh * p.width + kw;
                    if (s.strideWidth() == 1) {
                        copyRuns(s, p, tap, col, row);
                        continue;
                    }
                    int q = 0;
                    for (; q < vectorEnd; q += F.length()) {
                        FloatVector.fromArray(F, p.plane, tap, p.corners, q).intoArray(col, row + q);
                    }
                    for (; q < positions; q++) {
                        col[row + q] = p.plane[tap + p.corners[q]];
                    }
                }
            }
        }
    }

    /**
     * {@link #im2col} without padding, the kernel moving one pixel at a time along a row: each output row of a tap
     * is a run of adjacent input pixels, copied straight from the image (no padded plane).
     */
    private static void unpaddedRuns(ConvSpec s, float[] x, int n, float[] col, int colOff, int ld) {
        int outWidth = s.outWidth();
        int plane = s.inHeight() * s.inWidth();
        VectorMask<Float> tail = F.indexInRange(F.loopBound(outWidth), outWidth);
        for (int c = 0; c < s.inChannels(); c++) {
            int image = (n * s.inChannels() + c) * plane;
            for (int kh = 0; kh < s.kernelHeight(); kh++) {
                for (int kw = 0; kw < s.kernelWidth(); kw++) {
                    int row = colOff + ((c * s.kernelHeight() + kh) * s.kernelWidth() + kw) * ld;
                    for (int oh = 0; oh < s.outHeight(); oh++) {
                        int from = image + (oh * s.strideHeight() + kh) * s.inWidth() + kw;
                        copyRun(x, from, col, row + oh * outWidth, outWidth, tail);
                    }
                }
            }
        }
    }

    /**
     * Copies a run of {@code width} floats a vector at a time, the last one through {@code tail} (the lanes left of
     * {@code width} past its last whole vector): MinAtar's 8-pixel rows are one masked move. Only {@link #F} is used:
     * a second species' loads were sometimes compiled without the vector intrinsics, boxing every vector (about
     * 700 KB of garbage per MinAtar step, in about half of the runs).
     */
    static void copyRun(float[] src, int from, float[] dst, int to, int width, VectorMask<Float> tail) {
        int q = 0;
        for (int whole = F.loopBound(width); q < whole; q += F.length()) {
            FloatVector.fromArray(F, src, from + q).intoArray(dst, to + q);
        }
        if (q < width) {
            FloatVector.fromArray(F, src, from + q, tail).intoArray(dst, to + q, tail);
        }
    }

    /** {@link #copyRun} adding {@code value} to each element (a convolution's bias). */
    static void addRun(float[] src, int from, float[] dst, int to, int width, float value, VectorMask<Float> tail) {
        FloatVector v = FloatVector.broadcast(F, value);
        int q = 0;
        for (int whole = F.loopBound(width); q < whole; q += F.length()) {
            FloatVector.fromArray(F, src, from + q).add(v).intoArray(dst, to + q);
        }
        if (q < width) {
            FloatVector.fromArray(F, src, from + q, tail).add(v).intoArray(dst, to + q, tail);
        }
    }

    /**
     * A tap's row of the column matrix when the kernel moves one pixel at a time along a row: each output row
     * reads a run of adjacent pixels, copied a vector at a time (the last one masked). Loads may read past the
     * run, and so past the plane into its slack, never past the array.
     */
    private static void copyRuns(ConvSpec s, Padded p, int tap, float[] col, int row) {
        int outWidth = s.outWidth();
        int lastStart = F.loopBound(outWidth - 1);
        VectorMask<Float> last = F.indexInRange(lastStart, outWidth);
        for (int oh = 0; oh < s.outHeight(); oh++) {
            int from = tap + oh * s.strideHeight() * p.width;
            int to = row + oh * outWidth;
            for (int q = 0; q < lastStart; q += F.length()) {
                FloatVector.fromArray(F, p.plane, from + q).intoArray(col, to + q);
            }
            FloatVector.fromArray(F, p.plane, from + lastStart).intoArray(col, to + lastStart, last);
        }
    }

    /**
     * Overwrites image {@code n} of {@code dx} with the sums of a column matrix's entries (from {@code colOff},
     * rows {@code ld} apart) at the pixels they came from. Each pixel adds its entries in kernel-tap order.
     */
    static void col2im(ConvSpec s, float[] col, int colOff, int ld, float[] dx, int n) {
        Padded p = new Padded(s);
        int positions = s.outHeight() * s.outWidth();
        int vectorEnd = F.loopBound(positions);
        for (int c = 0; c < s.inChannels(); c++) {
            Arrays.fill(p.plane, 0f);
            for (int kh = 0; kh < s.kernelHeight(); kh++) {
                for (int kw = 0; kw < s.kernelWidth(); kw++) {
                    int row = colOff + ((c * s.kernelHeight() + kh) * s.kernelWidth() + kw) * ld;
                    int tap = kh * p.width + kw;
                    int q = 0;
                    // One tap meets each pixel at most once, so a vector's lanes scatter to distinct pixels.
                    for (; q < vectorEnd; q += F.length()) {
                        FloatVector.fromArray(F, p.plane, tap, p.corners, q).add(FloatVector.fromArray(F, col, row + q))
                                .intoArray(p.plane, tap, p.corners, q);
                    }
                    for (; q < positions; q++) {
                        p.plane[tap + p.corners[q]] += col[row + q];
                    }
                }
            }
            p.store(dx, (n * s.inChannels() + c) * s.inHeight() * s.inWidth());
        }
    }

    /**
     * One input channel with its zero padding around it, the calling thread's, and where in it each output
     * position's kernel window starts: kernel tap {@code (kh, kw)} of position {@code q} is then the element
     * {@code kh·width + kw + corners[q]}, so a tap's row of the column matrix is one gather without bounds tests.
     */
    private static final class Padded {
        final int width;
        final float[] plane;
        final int[] corners;
        private final ConvSpec s;

        Padded(ConvSpec s) {
            this.s = s;
            width = s.inWidth() + 2 * s.padWidth();
            Scratch scratch = SCRATCH.get();
            plane = scratch.plane(width * (s.inHeight() + 2 * s.padHeight()));
            corners = scratch.corners(s);
        }

        /** Copies the plane at {@code from} of {@code x} inside the border, which it leaves as it is. */
        void load(float[] x, int from) {
            for (int ih = 0; ih < s.inHeight(); ih++) {
                System.arraycopy(x, from + ih * s.inWidth(), plane, (ih + s.padHeight()) * width + s.padWidth(), s.inWidth());
            }
        }

        /** Copies the inside of the border to the plane at {@code to} of {@code x}. */
        void store(float[] x, int to) {
            for (int ih = 0; ih < s.inHeight(); ih++) {
                System.arraycopy(plane, (ih + s.padHeight()) * width + s.padWidth(), x, to + ih * s.inWidth(), s.inWidth());
            }
        }
    }

    /** Per-thread buffers, grown on demand and reused across calls. */
    private static final class Scratch {
        private float[] columns = new float[0];
        private float[] outputs = new float[0];
        private float[] plane = new float[0];
        private ConvSpec cornersOf;
        private int[] corners;

        /**
         * A padded plane of {@code size} floats, and a vector's worth of slack after them for loads that run past
         * the plane (its contents are left to the caller).
         */
        float[] plane(int size) {
            if (plane.length != size + F.length()) {
                plane = new float[size + F.length()];
            }
            return plane;
        }

        /** {@link Padded#corners} for {@code s}, kept for the next call with the same geometry. */
        int[] corners(ConvSpec s) {
            if (s == cornersOf) { // every image of a call passes the same spec
                return corners;
            }
            if (!s.equals(cornersOf)) {
                int width = s.inWidth() + 2 * s.padWidth();
                corners = new int[s.outHeight() * s.outWidth()];
                for (int oh = 0, q = 0; oh < s.outHeight(); oh++) {
                    for (int ow = 0; ow < s.outWidth(); ow++, q++) {
                        corners[q] = oh * s.strideHeight() * width + ow * s.strideWidth();
                    }
                }
            }
            cornersOf = s;
            return corners;
        }

        /** At least {@code size} floats and a vector's worth more, for {@link #copyRuns}'s last masked store. */
        float[] columns(int size) {
            if (columns.length < size + F.length()) {
                columns = new float[size + F.length()];
            }
            return columns;
        }

        float[] outputs(int size) {
            if (outputs.length < size) {
                outputs = new float[size];
            }
            return outputs;
        }
    }
}
