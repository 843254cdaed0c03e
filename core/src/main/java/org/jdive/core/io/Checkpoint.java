package org.jdive.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdive.core.Scope;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;
import org.jdive.core.optim.Optimizer;

/**
 * Saves and restores a module's parameters and buffers, and optionally an optimizer's state, as one
 * {@link SafeTensors} file. The module's tensors keep their {@link Module#stateDict()} names
 * ({@code torso.0.weight}), so PyTorch's {@code load_file} gives a dict that {@code load_state_dict} accepts
 * for the same architecture; the optimizer's go under {@code optimizer/} ({@code optimizer/state.0.exp_avg}).
 *
 * <p>Loading checks everything before changing anything: a missing, unexpected or mis-shaped tensor is an
 * error that names it, and the module and optimizer are left as they were.
 */
public final class Checkpoint {

    /** The prefix of optimizer state in a checkpoint; module names cannot contain '/'. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";

    private Checkpoint() {
    }

    /** Writes the module's parameters and buffers to {@code file}, atomically. */
    public static void save(Path file, Module module) throws IOException {
        save(file, module, null);
    }

    /** Writes the module's parameters and buffers and the optimizer's state (may be null) to {@code file}, atomically. */
    public static void save(Path file, Module module, Optimizer optimizer) throws IOException {
        requireInitialized(module, "save");
        try (Scope scope = Scope.open()) {
            Map<String, Tensor> all = new LinkedHashMap<>(module.stateDict());
            if (optimizer != null) {
                optimizer.stateDict().forEach((k, v) -> all.put(OPTIMIZER_PREFIX + k, v));
            }
            SafeTensors.write(file, all, Map.of("format", "pt"));
        }
    }

    /** Restores the module from {@code file}; optimizer state in the file is ignored. */
    public static void load(Path file, Module module) throws IOException {
        load(file, module, null);
    }

    /**
     * Restores the module and, when not null, the optimizer from {@code file}.
     *
     * @throws IOException naming the tensors that are missing from the file, unexpected in it or mis-shaped, or
     *                     the byte offset at which the file is truncated or corrupted
     */
    public static void load(Path file, Module module, Optimizer optimizer) throws IOException {
        requireInitialized(module, "load into");
        SafeTensors.Contents contents = SafeTensors.read(file);
        Map<String, SafeTensors.HostTensor> moduleTensors = new LinkedHashMap<>();
        Map<String, SafeTensors.HostTensor> optimizerTensors = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                optimizerTensors.put(name.substring(OPTIMIZER_PREFIX.length()), t);
            } else {
                moduleTensors.put(name, t);
            }
        });
        Map<String, Tensor> targets = module.stateDict();
        checkNames(file, targets, moduleTensors);
        try (Scope scope = Scope.open()) {
            Map<String, Tensor> optimizerState = new LinkedHashMap<>();
            optimizerTensors.forEach((k, t) -> optimizerState.put(k, Tensor.of(t.data(), t.shape())));
            if (optimizer != null) {
                try {
                    optimizer.loadStateDict(optimizerState);
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
            }
            targets.forEach((name, target) -> {
                SafeTensors.HostTensor t = moduleTensors.get(name);
                target.copyFromInPlace(Tensor.of(target.backend(), t.data(), t.shape()));
            });
        }
    }

    private static void checkNames(Path file, Map<String, Tensor> targets, Map<String, SafeTensors.HostTensor> found)
            throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : targets.entrySet()) {
            SafeTensors.HostTensor t = found.get(e.getKey());
            if (t == null) {
                problems.add("missing tensor '" + e.getKey() + "' of shape " + Arrays.toString(e.getValue().shape()));
            } else if (!Arrays.equals(t.shape(), e.getValue().shape())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape())
                        + " in the file but " + Arrays.toString(e.getValue().shape()) + " in the module");
            }
        }
        for (String name : found.keySet()) {
            if (!targets.containsKey(name)) {
                problems.add("unexpected tensor '" + name + "' (the module has no parameter or buffer of that name)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IOException(file + " does not fit the module: " + String.join("; ", problems));
        }
    }

    private static void requireInitialized(Module module, String action) {
        if (!module.isInitialized()) {
            throw new IllegalStateException("cannot " + action + " a checkpoint of a module with lazy layers that have "
                    + "not seen an input; run one forward pass first");
        }
    }
}
