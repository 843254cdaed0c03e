package org.jdive.engine;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdive.core.cpu.Parallel;

/**
 * {@code slots} pieces of work side by side on threads of this JVM. With more than one, each keeps its CPU kernels
 * on its own thread ({@link Parallel#serially}): a small network cannot keep several cores busy, so side by side they
 * do more in all, and each run's results are the same either way.
 */
public final class LocalExecutor implements Executor {

    private final int slots;
    private final ExecutorService pool;

    /** An executor of {@code slots >= 1} daemon threads. */
    public LocalExecutor(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("a local executor needs at least 1 slot, got " + slots);
        }
        this.slots = slots;
        this.pool = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "jdive-run");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T extends Serializable> CompletableFuture<T> submit(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                if (slots == 1) {
                    result.complete(work.call());
                } else {
                    Object[] out = new Object[1];
                    Parallel.serially(() -> {
                        try {
                            out[0] = work.call();
                        } catch (Exception e) {
                            throw new Failure(e);
                        }
                    });
                    @SuppressWarnings("unchecked")
                    T t = (T) out[0];
                    result.complete(t);
                }
            } catch (Failure f) {
                result.completeExceptionally(f.getCause());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    @Override
    public int slots() {
        return slots;
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    /** Carries a checked exception out of {@link Parallel#serially}. */
    private static final class Failure extends RuntimeException {
        Failure(Exception cause) {
            super(cause);
        }
    }
}
