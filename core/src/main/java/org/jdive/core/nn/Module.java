package org.jdive.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;

/**
 * A layer or a network of layers, as PyTorch's {@code nn.Module}: it owns named parameters (tensors that
 * learn), named buffers (state that does not learn, such as batch-norm running statistics) and named
 * children, and maps an input tensor to an output with {@link #forward}.
 *
 * <p>Names nest with dots, so a {@link Sequential} named {@code torso} inside a network gives its first
 * layer's weight the name {@code torso.0.weight}: the keys of {@link #stateDict()} are those PyTorch would
 * give the same network. Parameters and buffers live outside every {@link Scope} and are freed by
 * {@link #close()}. They are created on the default backend ({@link org.jdive.core.backend.Backends#getDefault()}),
 * or, for a lazy layer, on the backend of its first input.
 *
 * <p>A module starts in training mode; {@link #eval()} switches it (and its children) to evaluation mode,
 * which changes what {@link Dropout} and {@link BatchNorm} do.
 */
public abstract class Module implements AutoCloseable {

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** The output for {@code input}. */
    public abstract Tensor forward(Tensor input);

    // ---- registration (for subclasses) -------------------------------------------------------

    /** A module with no parameters, buffers or children yet: a subclass registers them in its constructor. */
    public Module() {
    }

    /** Registers {@code value} as a learnable parameter: it is taken out of any scope and requires a gradient. */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        Tensor old = parameters.put(name, value.keep().requiresGrad(true));
        closeReplaced(old, value);
        return value;
    }

    /** Registers {@code value} as a buffer: saved in checkpoints, never given a gradient. */
    protected final Tensor registerBuffer(String name, Tensor value) {
        checkName(name);
        Tensor old = buffers.put(name, value.keep());
        closeReplaced(old, value);
        return value;
    }

    /** Registers {@code child} under {@code name}; its parameters appear as {@code name.<its names>}. */
    protected final <M extends Module> M registerModule(String name, M child) {
        checkName(name);
        if (children.containsKey(name)) {
            throw new IllegalArgumentException("a child module named '" + name + "' is already registered");
        }
        children.put(name, child);
        ((Module) child).setTraining(training);
        return child;
    }

    private static void closeReplaced(Tensor old, Tensor value) {
        if (old != null && old != value) {
            if (old.grad() != null) {
                old.grad().close();
            }
            old.close();
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.contains(".") || name.contains("/")) {
            throw new IllegalArgumentException("module, parameter and buffer names must be non-empty and "
                    + "contain neither '.' nor '/', got '" + name + "'");
        }
    }

    // ---- structure ----------------------------------------------------------------------------

    /** The direct children in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its descendants, by dotted name, in registration order. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, false);
        return out;
    }

    /** Every buffer of this module and its descendants, by dotted name. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false, true);
        return out;
    }

    /**
     * The dotted name of the first parameter (in registration order) holding a NaN or an infinity, or empty when
     * all are finite: where a diverged training run went wrong first. Reads every parameter back from its backend.
     */
    public final java.util.Optional<String> firstNonFiniteParameter() {
        for (Map.Entry<String, Tensor> p : namedParameters().entrySet()) {
            for (float v : p.getValue().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    return java.util.Optional.of(p.getKey());
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The parameters, for an optimizer. Fails while a lazy layer has not yet seen an input. */
    public final List<Tensor> parameters() {
        requireInitialized("list the parameters");
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters and buffers by name, as PyTorch's {@code state_dict()}: what a checkpoint holds. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true, true);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean params, boolean bufs) {
        if (params) {
            parameters.forEach((n, t) -> out.put(prefix + n, t));
        }
        if (bufs) {
            buffers.forEach((n, t) -> out.put(prefix + n, t));
        }
        children.forEach((n, c) -> c.collect(prefix + n + ".", out, params, bufs));
    }

    /** The number of learnable scalars. */
    public final long parameterCount() {
        requireInitialized("count the parameters");
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }

    /** Calls {@code visitor} on this module and every descendant, parents first (PyTorch's {@code apply}). */
    public final void apply(Consumer<Module> visitor) {
        visitor.accept(this);
        children.values().forEach(c -> c.apply(visitor));
    }

    // ---- lazy initialisation -------------------------------------------------------------------

    /** Whether this module and its descendants have created all their parameters (lazy layers wait for an input). */
    public boolean isInitialized() {
        for (Module c : children.values()) {
            if (!c.isInitialized()) {
                return false;
            }
        }
        return true;
    }

    private void requireInitialized(String action) {
        if (!isInitialized()) {
            throw new IllegalStateException("cannot " + action + " of " + getClass().getSimpleName()
                    + " yet: a lazy layer does not know its input size; run one forward pass first (as D2L does "
                    + "with a dummy batch)");
        }
    }

    // ---- mode ---------------------------------------------------------------------------------

    /** Switches this module and its descendants to training mode; returns this. */
    public final Module train() {
        setTraining(true);
        return this;
    }

    /** Switches this module and its descendants to evaluation mode; returns this. */
    public final Module eval() {
        setTraining(false);
        return this;
    }

    private void setTraining(boolean on) {
        training = on;
        children.values().forEach(c -> c.setTraining(on));
    }

    /** Whether the module is in training mode (the default), as opposed to evaluation mode ({@link #eval()}). */
    public final boolean isTraining() {
        return training;
    }

    // ---- gradients and lifetime -----------------------------------------------------------------

    /** Zeroes the gradient of every parameter. */
    public final void zeroGrad() {
        namedParameters().values().forEach(Tensor::zeroGrad);
    }

    /** Frees every parameter, gradient and buffer of this module and its descendants. */
    @Override
    public void close() {
        for (Tensor t : stateDict().values()) {
            if (t.grad() != null) {
                t.grad().close();
            }
            t.close();
        }
    }

    /** A PyTorch-like outline: the module's class, its settings and its children, indented. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            sb.append('\n');
            children.forEach((n, c) -> sb.append("  (").append(n).append("): ")
                    .append(c.toString().replace("\n", "\n  ")).append('\n'));
        }
        return sb.append(')').toString();
    }

    /** The settings shown by {@link #toString()}, such as {@code in=784, out=10}. */
    protected String extraRepr() {
        return "";
    }

    static String shapeStr(int[] shape) {
        return Arrays.toString(shape);
    }
}
