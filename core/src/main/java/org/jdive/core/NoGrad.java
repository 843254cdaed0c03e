package org.jdive.core;

/**
 * A region in which ops record no gradient history, as PyTorch's {@code torch.no_grad()}: for evaluation,
 * target networks and parameter updates.
 *
 * <pre>{@code try (var off = NoGrad.open()) { ... } }</pre>
 */
public final class NoGrad implements AutoCloseable {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final int[] depth;
    private boolean closed;

    private NoGrad() {
        depth = DEPTH.get();
        depth[0]++;
    }

    /** Turns gradient recording off on this thread until the returned region closes; regions nest. */
    public static NoGrad open() {
        return new NoGrad();
    }

    /** Whether ops on this thread record gradient history now. */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            depth[0]--;
        }
    }
}
