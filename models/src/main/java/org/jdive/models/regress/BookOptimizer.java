package org.jdive.models.regress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdive.core.Tensor;
import org.jdive.core.optim.Adadelta;
import org.jdive.core.optim.Adagrad;
import org.jdive.core.optim.Adam;
import org.jdive.core.optim.Optimizer;
import org.jdive.core.optim.RmsProp;
import org.jdive.core.optim.Sgd;
import org.jdive.core.optim.Yogi;

/**
 * The optimisers of D2L chapter 12 by the names of its sections, each with the hyperparameters the book's from-scratch
 * code uses as defaults (said once, here), built on jdive's optimizers (which follow PyTorch's definitions):
 *
 * <ul>
 *   <li>{@code sgd} (12.4, 12.5): {@code p −= lr·g};</li>
 *   <li>{@code momentum} (12.6): {@code v = β·v + g; p −= lr·v}, PyTorch's SGD momentum without dampening;</li>
 *   <li>{@code adagrad} (12.7): {@code s += g²; p −= lr·g/√(s + ε)}, ε = 10⁻⁶;</li>
 *   <li>{@code rmsprop} (12.8): {@code s = γ·s + (1 − γ)·g²; p −= lr·g/√(s + ε)}, γ = 0.9, ε = 10⁻⁶;</li>
 *   <li>{@code adadelta} (12.9): {@code s = ρ·s + (1 − ρ)·g²; g' = √(Δ + ε)/√(s + ε)·g; p −= lr·g';
 *       Δ = ρ·Δ + (1 − ρ)·g'²}, ρ = 0.9, ε = 10⁻⁵ (the book has no learning rate: give 1);</li>
 *   <li>{@code adam} (12.10): bias-corrected moments, {@code p −= lr·v̂/(√ŝ + ε)}, β = (0.9, 0.999), ε = 10⁻⁶;</li>
 *   <li>{@code yogi} (12.10.3): Adam with {@code s += (1 − β₂)·sign(g² − s)·g²}, ε = 10⁻³.</li>
 * </ul>
 *
 * Adagrad and RMSProp in PyTorch (and jdive) add ε outside the root, {@code g/(√s + ε)}, where the book adds it
 * inside; with the book's ε the two differ by less than 10⁻⁶ of a step once {@code s} exceeds 10⁻⁶ (checked against
 * the book's code in {@code BookOptimizerTest}).
 */
public enum BookOptimizer {

    SGD(Map.of()),
    MOMENTUM(ordered("momentum", 0.9)),
    ADAGRAD(ordered("eps", 1e-6)),
    RMSPROP(ordered("gamma", 0.9, "eps", 1e-6)),
    ADADELTA(ordered("rho", 0.9, "eps", 1e-5)),
    ADAM(ordered("beta1", 0.9, "beta2", 0.999, "eps", 1e-6)),
    YOGI(ordered("beta1", 0.9, "beta2", 0.999, "eps", 1e-3));

    /** The names of every hyperparameter some optimiser reads, in the order the docs list them. */
    public static final List<String> HYPERPARAMETERS = List.of("momentum", "gamma", "rho", "beta1", "beta2", "eps");

    private final Map<String, Double> defaults;

    BookOptimizer(Map<String, Double> defaults) {
        this.defaults = defaults;
    }

    private static Map<String, Double> ordered(Object... namesAndValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return m;
    }

    /** The name scenarios use: {@code sgd}, {@code momentum}, ..., {@code yogi}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The names, in the book's order. */
    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(BookOptimizer::id).toList();
    }

    public static BookOptimizer of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The hyperparameters it reads besides the learning rate, with the book's values. */
    public Map<String, Double> defaults() {
        return java.util.Collections.unmodifiableMap(defaults);
    }

    /**
     * The optimiser of {@code params} with learning rate {@code lr} and the book's hyperparameters, those in
     * {@code given} replacing them.
     *
     * @throws IllegalArgumentException naming a hyperparameter in {@code given} that this optimiser does not read
     */
    public Optimizer create(List<Tensor> params, float lr, Map<String, Double> given) {
        given.keySet().forEach(name -> {
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException(id() + " has no hyperparameter '" + name + "'; it reads "
                        + (defaults.isEmpty() ? "only the learning rate" : String.join(", ", defaults.keySet())));
            }
        });
        Map<String, Double> h = new LinkedHashMap<>(defaults);
        h.putAll(given);
        return switch (this) {
            case SGD -> new Sgd(params, lr);
            case MOMENTUM -> new Sgd(params, lr, f(h, "momentum"), 0f, false);
            case ADAGRAD -> new Adagrad(params, lr, 0f, 0f, f(h, "eps"));
            case RMSPROP -> new RmsProp(params, lr, f(h, "gamma"), f(h, "eps"), 0f, 0f, false);
            case ADADELTA -> new Adadelta(params, lr, f(h, "rho"), f(h, "eps"), 0f);
            case ADAM -> new Adam(params, lr, f(h, "beta1"), f(h, "beta2"), f(h, "eps"), 0f);
            case YOGI -> new Yogi(params, lr, f(h, "beta1"), f(h, "beta2"), f(h, "eps"), 0f);
        };
    }

    private static float f(Map<String, Double> h, String name) {
        return h.get(name).floatValue();
    }
}
