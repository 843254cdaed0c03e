package org.jdive.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Frees the tensors created inside it when it closes, so that device memory is released deterministically
 * rather than by the garbage collector:
 *
 * <pre>{@code
 * try (var scope = Scope.open()) {
 *     Tensor loss = model.forward(x).sub(y).square().mean();
 *     loss.backward();          // parameter gradients survive: parameters live outside the scope
 *     optimizer.step();
 * }                             // every intermediate is released here
 * }</pre>
 *
 * Scopes nest; a tensor belongs to the innermost scope open on its thread when it was made. A tensor that
 * must outlive its scope is {@linkplain Tensor#keep() kept}. Tensors made with no scope open belong to the
 * caller, who closes them.
 */
public final class Scope implements AutoCloseable {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Scope parent;
    private final List<Tensor> owned;
    private boolean closed;

    private Scope(Scope parent, boolean owning) {
        this.parent = parent;
        this.owned = owning ? new ArrayList<>() : null;
    }

    /** Opens a scope nested in the current one. */
    public static Scope open() {
        Scope s = new Scope(CURRENT.get(), true);
        CURRENT.set(s);
        return s;
    }

    /**
     * Opens a region, nested in the current scope, whose tensors belong to no scope: for state that must
     * persist though it is created during a step (optimizer moments, accumulated gradients).
     */
    public static Scope none() {
        Scope s = new Scope(CURRENT.get(), false);
        CURRENT.set(s);
        return s;
    }

    /** Records a new tensor with the current scope, if any; returns the scope that owns it, or null. */
    static Scope adopt(Tensor t) {
        Scope s = CURRENT.get();
        if (s == null || s.owned == null) {
            return null;
        }
        s.owned.add(t);
        return s;
    }

    /** The number of tensors this scope will free when it closes. */
    public int size() {
        return owned == null ? 0 : owned.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (CURRENT.get() != this) {
            throw new IllegalStateException("scopes must close in the reverse order of opening");
        }
        closed = true;
        CURRENT.set(parent);
        if (owned != null) {
            for (Tensor t : owned) {
                if (t.owner() == this) {
                    t.close();
                }
            }
            owned.clear();
        }
    }
}
