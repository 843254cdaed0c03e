package org.jdive.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode differentiation. Each op on inputs that require gradients attaches a {@link Node} to its
 * result: the inputs and a rule mapping the result's gradient to the inputs' gradients, written with
 * tensor ops so that every backend is differentiable. {@link #backward} walks the recorded graph in reverse
 * topological order, frees each intermediate gradient as soon as it has been used, and accumulates into the
 * {@link Tensor#grad()} of leaves.
 */
final class Autograd {

    /**
     * How an op's result was computed, for the backward pass. A rule that is not {@code differentiable} computes
     * its gradients with backend primitives that record nothing, so it cannot take part in a second derivative.
     */
    record Node(String op, Tensor[] inputs, Rule rule, boolean differentiable) {
    }

    /** Maps the gradient of an op's result to one gradient per input (null where none is needed). */
    @FunctionalInterface
    interface Rule {
        Tensor[] apply(Tensor grad);
    }

    private Autograd() {
    }

    /**
     * Attaches the backward rule to {@code out} when gradients are on and an input requires one. The rule must be
     * written with recorded tensor ops, so that gradients computed with {@link #gradients} and
     * {@code createGraph} can themselves be differentiated.
     */
    static Tensor record(Tensor out, String op, Rule rule, Tensor... inputs) {
        return record(out, new Node(op, inputs, rule, true));
    }

    /** As {@link #record}, for a rule that calls backend primitives directly: it supports first derivatives only. */
    static Tensor recordFirstOrder(Tensor out, String op, Rule rule, Tensor... inputs) {
        return record(out, new Node(op, inputs, rule, false));
    }

    private static Tensor record(Tensor out, Node node) {
        if (!NoGrad.isGradEnabled()) {
            return out;
        }
        for (Tensor in : node.inputs()) {
            if (in != null && in.requiresGrad()) {
                out.markRequiresGrad(node);
                return out;
            }
        }
        return out;
    }

    static void backward(Tensor root, Tensor seed) {
        requireGraph(root, "backward()");
        walk(topologicalOrder(root), seed, (t, g, disposable) -> {
            if (t.gradFn == null) {
                accumulateIntoLeaf(t, g, disposable);
            }
            return true;
        });
    }

    /** What {@link #walk} does with each tensor's summed gradient. */
    @FunctionalInterface
    private interface Visit {
        /**
         * Takes {@code g}, the gradient reaching {@code t} ({@code disposable}: nothing else refers to it); returns
         * whether to carry it on through {@code t}'s rule.
         */
        boolean visit(Tensor t, Tensor g, boolean disposable);
    }

    /**
     * The walk of a backward pass without recording: from {@code seed} at the last tensor of {@code order} to its
     * inputs in reverse topological order, each intermediate gradient freed as soon as it has been used.
     */
    private static void walk(List<Tensor> order, Tensor seed, Visit visit) {
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        Set<Tensor> engineOwned = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Tensor, int[]> references = new IdentityHashMap<>();
        grads.put(order.getLast(), seed);
        references.put(seed, new int[] {1});
        try (NoGrad off = NoGrad.open()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                int[] pending = references.get(g);
                boolean disposable = engineOwned.contains(g) && pending != null && pending[0] == 1;
                if (visit.visit(t, g, disposable) && t.gradFn != null) {
                    propagate(t.gradFn, g, grads, engineOwned, references);
                }
                dropReference(g, engineOwned, references);
            }
        }
    }

    /**
     * The gradients of {@code root} with respect to {@code inputs}, seeded with {@code seed}, as PyTorch's
     * {@code torch.autograd.grad}; no leaf's {@link Tensor#grad()} changes. Without {@code createGraph} the walk
     * runs as {@link #backward} does and the results are plain tensors of the current scope. With it, the rules run
     * with gradient recording on and nothing is freed early: the results are part of the graph (a loss built from
     * them back-propagates to whatever they depend on), and every intermediate belongs to the current scope.
     */
    static Tensor[] gradients(Tensor root, Tensor seed, Tensor[] inputs, boolean createGraph) {
        requireGraph(root, "gradient()");
        List<Tensor> order = topologicalOrder(root);
        Set<Tensor> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Tensor> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
        reachable.addAll(order);
        for (int k = 0; k < inputs.length; k++) {
            if (!reachable.contains(inputs[k])) {
                throw new IllegalArgumentException("gradient(): input " + k + " of shape "
                        + Shapes.str(inputs[k].shapeRef()) + " is not part of the output's computation (or does not "
                        + "require a gradient)");
            }
            targets.add(inputs[k]);
        }
        Set<Tensor> leadingToTargets = leadingTo(order, targets);
        Map<Tensor, Tensor> found = new IdentityHashMap<>();
        if (createGraph) {
            if (!NoGrad.isGradEnabled()) {
                throw new IllegalStateException("gradient() with createGraph inside NoGrad: the gradients could not "
                        + "be recorded; close the NoGrad region first");
            }
            Map<Tensor, Tensor> grads = new IdentityHashMap<>();
            grads.put(root, seed);
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor g = grads.remove(t);
                if (g == null || !leadingToTargets.contains(t)) {
                    continue;
                }
                if (targets.contains(t)) {
                    found.put(t, g);
                }
                if (t.gradFn != null) {
                    propagateRecorded(t.gradFn, g, grads, leadingToTargets);
                }
            }
        } else {
            walk(order, seed, (t, g, disposable) -> {
                if (targets.contains(t)) {
                    found.put(t, g.add(0f)); // a copy: the walk may free or reuse g, and t may be an input twice
                }
                return leadingToTargets.contains(t);
            });
        }
        Tensor[] out = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            out[k] = found.containsKey(inputs[k]) ? found.get(inputs[k])
                    : Tensor.zeros(inputs[k].backend(), inputs[k].shapeRef());
        }
        return out;
    }

    private static void requireGraph(Tensor root, String call) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException(call + " on a tensor that does not require a gradient: no input "
                    + "of its computation has requiresGrad(true), or it was computed under NoGrad");
        }
    }

    /** The tensors of {@code order} (inputs first) from which some target can be reached, targets included. */
    private static Set<Tensor> leadingTo(List<Tensor> order, Set<Tensor> targets) {
        Set<Tensor> leading = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : order) {
            boolean leads = targets.contains(t);
            if (!leads && t.gradFn != null) {
                for (Tensor in : t.gradFn.inputs()) {
                    leads |= in != null && leading.contains(in);
                }
            }
            if (leads) {
                leading.add(t);
            }
        }
        return leading;
    }

    /** One rule applied with recording on, its results summed into {@code grads} with recorded additions. */
    private static void propagateRecorded(Node node, Tensor g, Map<Tensor, Tensor> grads, Set<Tensor> wanted) {
        if (!node.differentiable()) {
            throw new IllegalStateException("gradient() with createGraph: the gradient rule of '" + node.op()
                    + "' calls backend primitives directly and has no second derivative; compute that part with "
                    + "ops that support it or without createGraph");
        }
        Tensor[] inputGrads = node.rule().apply(g);
        for (int k = 0; k < node.inputs().length; k++) {
            Tensor input = node.inputs()[k];
            Tensor ig = inputGrads[k];
            if (input == null || ig == null || !wanted.contains(input)) {
                continue;
            }
            checkShape(node, ig, input);
            Tensor existing = grads.get(input);
            grads.put(input, existing == null ? ig : existing.add(ig));
        }
    }

    private static void propagate(Node node, Tensor g, Map<Tensor, Tensor> grads, Set<Tensor> engineOwned,
                                  Map<Tensor, int[]> references) {
        Tensor[] inputGrads;
        Scope ruleScope = Scope.open();
        try {
            inputGrads = node.rule().apply(g);
            for (Tensor ig : inputGrads) {
                if (ig != null && ig.owner() == ruleScope) {
                    ig.keep();
                    engineOwned.add(ig);
                }
            }
        } finally {
            ruleScope.close();
        }
        for (int k = 0; k < node.inputs().length; k++) {
            Tensor input = node.inputs()[k];
            Tensor ig = inputGrads[k];
            if (input == null || ig == null || !input.requiresGrad()) {
                continue;
            }
            checkShape(node, ig, input);
            Tensor existing = grads.get(input);
            if (existing == null) {
                grads.put(input, ig);
                references.computeIfAbsent(ig, x -> new int[1])[0]++;
            } else {
                Tensor sum = existing.add(ig).keep();
                engineOwned.add(sum);
                grads.put(input, sum);
                references.computeIfAbsent(sum, x -> new int[1])[0]++;
                dropReference(existing, engineOwned, references);
            }
        }
        for (Tensor ig : inputGrads) {
            if (ig != null) {
                dropReferenceIfUnused(ig, engineOwned, references);
            }
        }
    }

    private static void checkShape(Node node, Tensor ig, Tensor input) {
        if (!Arrays.equals(ig.shapeRef(), input.shapeRef())) {
            throw new IllegalStateException("gradient rule of '" + node.op() + "' produced shape "
                    + Shapes.str(ig.shapeRef()) + " for an input of shape " + Shapes.str(input.shapeRef()));
        }
    }

    private static void dropReference(Tensor t, Set<Tensor> engineOwned, Map<Tensor, int[]> references) {
        int[] count = references.get(t);
        if (count != null && --count[0] <= 0) {
            references.remove(t);
            if (engineOwned.remove(t)) {
                t.close();
            }
        }
    }

    /** Frees a rule's output that no pending gradient refers to (an input that did not need it). */
    private static void dropReferenceIfUnused(Tensor t, Set<Tensor> engineOwned, Map<Tensor, int[]> references) {
        int[] count = references.get(t);
        if ((count == null || count[0] <= 0) && engineOwned.remove(t)) {
            references.remove(t);
            t.close();
        }
    }

    private static void accumulateIntoLeaf(Tensor leaf, Tensor g, boolean disposable) {
        if (leaf.requiresGrad()) {
            leaf.accumulateGrad(g, disposable);
        }
    }

    /** The tensors reachable from {@code root} through gradient history, each after all its inputs. */
    private static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (int) frame[1];
            Tensor[] inputs = t.gradFn == null ? new Tensor[0] : t.gradFn.inputs();
            while (next < inputs.length && (inputs[next] == null || !inputs[next].requiresGrad()
                    || visited.contains(inputs[next]))) {
                next++;
            }
            if (next < inputs.length) {
                frame[1] = next + 1;
                visited.add(inputs[next]);
                stack.push(new Object[] {inputs[next], 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /** Sums {@code g} over the axes along which an operand of shape {@code target} was broadcast. */
    static Tensor sumToShape(Tensor g, int[] target) {
        int[] shape = g.shapeRef();
        if (Arrays.equals(shape, target)) {
            return g;
        }
        int lead = shape.length - target.length;
        List<Integer> axes = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            if (d < lead || (target[d - lead] == 1 && shape[d] != 1)) {
                axes.add(d);
            }
        }
        int[] ax = axes.stream().mapToInt(Integer::intValue).toArray();
        return Reductions.sum(g, ax, true).reshape(target);
    }
}
