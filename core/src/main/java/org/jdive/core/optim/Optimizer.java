package org.jdive.core.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Buffer;

/**
 * Updates parameters from their gradients, as PyTorch's {@code torch.optim.Optimizer}. Each subclass runs its
 * rule as one fused {@link org.jdive.core.backend.Backend} op per parameter.
 *
 * <p>State (moments, momentum buffers) is created per parameter on its first update, as in PyTorch, lives
 * outside every scope and is freed by {@link #close()}. A parameter without a gradient is skipped and its
 * step count does not advance. {@link #stateDict()} names the state {@code state.<i>.<name>} after the
 * parameter's position {@code i}, with PyTorch's names ({@code exp_avg}, {@code momentum_buffer}, ...) and a
 * scalar {@code state.<i>.step}.
 */
public abstract class Optimizer implements AutoCloseable {

    private final List<Tensor> params;
    private final List<Map<String, Tensor>> state = new ArrayList<>();
    private final int[] steps;
    private float lr;

    protected Optimizer(List<Tensor> params, float lr) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " got an empty parameter list");
        }
        for (int i = 0; i < params.size(); i++) {
            if (!params.get(i).requiresGrad()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + i + " of shape "
                        + Arrays.toString(params.get(i).shape()) + " does not require a gradient");
            }
            state.add(new LinkedHashMap<>());
        }
        this.params = List.copyOf(params);
        this.steps = new int[params.size()];
        setLr(lr);
    }

    /** The names of the per-parameter state buffers this optimizer keeps, each shaped as its parameter. */
    protected abstract List<String> stateNames();

    /**
     * One update of {@code param} from {@code grad}; {@code state} holds this parameter's buffers by name and
     * {@code step} counts its updates from 1.
     */
    protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> state, int step);

    /** Updates every parameter that has a gradient. */
    public final void step() {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.grad() == null) {
                continue;
            }
            Map<String, Tensor> s = state.get(i);
            if (s.isEmpty()) {
                try (Scope persistent = Scope.none()) {
                    for (String name : stateNames()) {
                        s.put(name, Tensor.zeros(p.backend(), p.shape()));
                    }
                }
            }
            update(p, p.grad(), s, ++steps[i]);
        }
    }

    /** Zeroes every parameter's gradient. */
    public final void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }

    /** The learning rate of the next step. */
    public final float lr() {
        return lr;
    }

    /** Sets the learning rate of the next steps (what an {@link LrSchedule} does). */
    public final void setLr(float lr) {
        if (!(lr >= 0) || Float.isInfinite(lr)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be finite and >= 0, got " + lr);
        }
        this.lr = lr;
    }

    /** The parameters this optimizer steps, in the order given. */
    public final List<Tensor> parameters() {
        return params;
    }

    /** How many updates parameter {@code index} has received. */
    public final int steps(int index) {
        return steps[index];
    }

    /**
     * The state by name: the buffers themselves (live, not copies) and, for each parameter that has been
     * updated, a new scalar tensor {@code state.<i>.step} owned by the current scope.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            if (steps[i] == 0) {
                continue;
            }
            String prefix = "state." + i + ".";
            state.get(i).forEach((name, t) -> out.put(prefix + name, t));
            out.put(prefix + "step", Tensor.full(params.get(i).backend(), steps[i]));
        }
        return out;
    }

    /**
     * Replaces the state with {@code saved}, as written by {@link #stateDict()}. Every name must be one this
     * optimizer keeps, for a parameter it has, with that parameter's shape; parameters absent from
     * {@code saved} start afresh.
     *
     * @throws IllegalArgumentException naming the first tensor that does not fit
     */
    public final void loadStateDict(Map<String, Tensor> saved) {
        List<String> names = stateNames();
        int[] newSteps = new int[params.size()];
        List<Map<String, Tensor>> loaded = new ArrayList<>();
        params.forEach(p -> loaded.add(new LinkedHashMap<>()));
        for (Map.Entry<String, Tensor> e : saved.entrySet()) {
            String key = e.getKey();
            String[] parts = key.split("\\.", 3);
            int index = parts.length == 3 && parts[0].equals("state") && parts[1].matches("\\d{1,9}")
                    ? Integer.parseInt(parts[1]) : -1;
            if (index < 0 || index >= params.size() || !(names.contains(parts[2]) || parts[2].equals("step"))) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " has no state named '" + key
                        + "'; it keeps state.<i>.{" + String.join(", ", names) + ", step} for i < " + params.size());
            }
            Tensor t = e.getValue();
            if (parts[2].equals("step")) {
                newSteps[index] = Math.round(t.item());
                continue;
            }
            int[] expected = params.get(index).shape();
            if (!Arrays.equals(t.shape(), expected)) {
                throw new IllegalArgumentException("optimizer state '" + key + "' has shape " + Arrays.toString(t.shape())
                        + " but parameter " + index + " has shape " + Arrays.toString(expected));
            }
            loaded.get(index).put(parts[2], t);
        }
        for (int i = 0; i < params.size(); i++) {
            boolean stepped = newSteps[i] > 0;
            boolean complete = stepped ? loaded.get(i).keySet().containsAll(names) : loaded.get(i).isEmpty();
            if (!complete) {
                throw new IllegalArgumentException("optimizer state for parameter " + i + " is incomplete: it needs "
                        + "state." + i + ".{" + String.join(", ", names) + ", step}, got " + loaded.get(i).keySet()
                        + (newSteps[i] > 0 ? " and a step" : " and no step"));
            }
        }
        close();
        for (int i = 0; i < params.size(); i++) {
            steps[i] = newSteps[i];
            Map<String, Tensor> s = state.get(i);
            if (newSteps[i] > 0) {
                try (Scope persistent = Scope.none()) {
                    for (String name : names) {
                        Tensor p = params.get(i);
                        s.put(name, Tensor.of(p.backend(), loaded.get(i).get(name).toFloatArray(), p.shape()));
                    }
                }
            }
        }
    }

    /** Frees the state; the next step starts afresh. */
    @Override
    public void close() {
        for (Map<String, Tensor> s : state) {
            s.values().forEach(Tensor::close);
            s.clear();
        }
        Arrays.fill(steps, 0);
    }

    /** The buffer of {@code name} in {@code state}, or null when absent. */
    protected static Buffer bufferOf(Map<String, Tensor> state, String name) {
        Tensor t = state.get(name);
        return t == null ? null : t.buffer();
    }

    static void requireNonNegative(String optimizer, String what, float value) {
        if (!(value >= 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " must be finite and >= 0, got " + value);
        }
    }

    static void requireFraction(String optimizer, String what, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(optimizer + ": " + what + " must be in [0, 1), got " + value);
        }
    }
}
