package org.jdive.opencl;

/**
 * Where one GEMM operand's elements live, as the pack kernel reads them: element {@code (k, c)} of batch
 * {@code b} (c is the row of A or the column of B) is at
 * {@code offset + b·batchStride + (k / kInner)·kOuterStride + (k % kInner)·kStride + c·cStride}.
 * The split of k into an outer and inner part lets one GEMM sum over two indices at once, as the
 * convolution's weight gradient does over batch and pixels.
 */
record GemmOperand(ClBuffer buffer, int offset, int batchStride, int kInner, int kOuterStride, int kStride,
                   int cStride) {

    /** {@code A} of a product, {@code m×k} after an optional transpose, stored row-major. */
    static GemmOperand left(ClBuffer a, int offset, int batchStride, boolean transposed, int m, int k) {
        return transposed ? new GemmOperand(a, offset, batchStride, k, 0, m, 1)
                : new GemmOperand(a, offset, batchStride, k, 0, 1, k);
    }

    /** {@code B} of a product, {@code k×n} after an optional transpose, stored row-major. */
    static GemmOperand right(ClBuffer b, int offset, int batchStride, boolean transposed, int k, int n) {
        return transposed ? new GemmOperand(b, offset, batchStride, k, 0, 1, k)
                : new GemmOperand(b, offset, batchStride, k, 0, n, 1);
    }
}
