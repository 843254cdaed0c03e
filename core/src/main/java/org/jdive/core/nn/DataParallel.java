package org.jdive.core.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.jdive.core.NoGrad;
import org.jdive.core.Tensor;
import org.jdive.core.backend.Backend;
import org.jdive.core.backend.Backends;

/**
 * Data parallelism over several devices, as D2L 13.5 ("Training on Multiple GPUs") builds it: one replica of the
 * network per device, each minibatch split into contiguous shards ({@code split_batch}: the first shards one example
 * larger where the batch does not divide, as {@code torch.chunk}), each shard's forward and backward pass on its
 * device, the gradients summed onto the first replica ({@code allreduce}), where the optimizer steps, and the
 * updated parameters copied back to the others (the broadcast), so that every replica starts the next minibatch equal.
 *
 * <p>Each shard's loss is its mean scaled by its share of the batch, {@code (B_k / B)·mean_k}, so the summed gradient
 * is the gradient of the whole minibatch's mean loss: what one device computes on the whole batch, up to the order
 * of float additions. Layers that use batch statistics (batch normalisation) see their shard only, as under
 * PyTorch's {@code nn.DataParallel}, the book's concise version (13.6).
 *
 * <p>The shards are issued one after another from the calling thread, each with its device as the default backend
 * (layers that create tensors find it there): each device's kernels are themselves parallel, and an asynchronous
 * device (OpenCL) computes its shard while the next device is given its own; the gradients' copy to the first device
 * waits for them.
 */
public final class DataParallel implements AutoCloseable {

    private final List<Backend> devices;
    private final List<Module> replicas = new ArrayList<>();

    /**
     * Builds one replica per device with {@code build} (called with the device as the default backend and the
     * replica's index) and gives every replica the first one's parameters and buffers.
     */
    public DataParallel(List<Backend> devices, IntFunction<Module> build) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("data parallelism needs at least one device");
        }
        this.devices = List.copyOf(devices);
        for (int i = 0; i < devices.size(); i++) {
            int index = i;
            replicas.add(onDevice(i, () -> build.apply(index)));
        }
        broadcast();
    }

    /** The devices, in replica order. */
    public List<Backend> devices() {
        return devices;
    }

    /** The replica on the first device: the one the optimizer updates, and the one to evaluate or save. */
    public Module primary() {
        return replicas.getFirst();
    }

    /** Every replica, in device order. */
    public List<Module> replicas() {
        return List.copyOf(replicas);
    }

    /**
     * What a minibatch's passes gave.
     *
     * @param loss    the minibatch's mean loss
     * @param outputs the network's outputs for the whole minibatch, on the first device, without gradient
     */
    public record Step(float loss, Tensor outputs) {
    }

    /**
     * One minibatch's forward and backward passes: {@code inputs} and {@code targets} (on any device) split along
     * their first axis into one shard per device, {@code loss} (the mean over a shard) computed and back-propagated
     * on each, and the gradients added into the first replica's (whose gradients the caller zeroes before, as for
     * one device). Call {@link #broadcast} after the optimizer's step.
     */
    public Step backward(Tensor inputs, Tensor targets, BiFunction<Tensor, Tensor, Tensor> loss) {
        int batch = inputs.shape(0);
        if (targets.shape(0) != batch) {
            throw new IllegalArgumentException("inputs and targets have different batch sizes: " + batch + " and "
                    + targets.shape(0));
        }
        int shards = Math.min(devices.size(), batch);
        double total = 0;
        Tensor[] outputs = new Tensor[shards];
        for (int k = 0, from = 0; k < shards; k++) {
            int size = batch / shards + (k < batch % shards ? 1 : 0);
            int start = from;
            int index = k;
            Step step = onDevice(k, () -> shardBackward(index, shard(inputs, start, size, index),
                    shard(targets, start, size, index), loss, size / (float) batch));
            total += step.loss();
            outputs[k] = step.outputs().to(devices.getFirst());
            from += size;
        }
        reduce(shards);
        return new Step((float) total, shards == 1 ? outputs[0] : Tensor.concat(0, outputs));
    }

    /** A shard's passes on replica {@code k}: its share of the loss, and its outputs (detached, on its device). */
    private Step shardBackward(int k, Tensor x, Tensor y, BiFunction<Tensor, Tensor, Tensor> loss, float share) {
        if (k > 0) {
            replicas.get(k).zeroGrad();
        }
        Tensor out = replicas.get(k).forward(x);
        Tensor shardLoss = loss.apply(out, y);
        shardLoss.mul(share).backward();
        return new Step(shardLoss.item() * share, out.detach());
    }

    /** Adds the gradients of replicas 1..shards−1 into the first replica's, in device order. */
    private void reduce(int shards) {
        List<Tensor> primary = replicas.getFirst().parameters();
        Backend first = devices.getFirst();
        try (NoGrad off = NoGrad.open()) {
            for (int k = 1; k < shards; k++) {
                List<Tensor> other = replicas.get(k).parameters();
                for (int p = 0; p < primary.size(); p++) {
                    Tensor g = other.get(p).grad();
                    if (g == null) {
                        continue;
                    }
                    Tensor sum = primary.get(p).grad();
                    if (sum == null) { // identical replicas on different data use the same parameters
                        throw new IllegalStateException("parameter " + p + " has a gradient on replica " + k
                                + " but none on the first: the network's path depends on its data");
                    }
                    Tensor moved = g.to(first);
                    sum.addInPlace(moved, 1f);
                    if (moved != g) {
                        moved.close();
                    }
                }
            }
        }
    }

    /** Copies the first replica's parameters and buffers (batch norm's running statistics) to the others. */
    public void broadcast() {
        Map<String, Tensor> source = replicas.getFirst().stateDict();
        try (NoGrad off = NoGrad.open()) {
            for (int k = 1; k < replicas.size(); k++) {
                Backend device = devices.get(k);
                Map<String, Tensor> target = replicas.get(k).stateDict();
                source.forEach((name, value) -> {
                    Tensor moved = value.to(device);
                    target.get(name).copyFromInPlace(moved);
                    if (moved != value) {
                        moved.close();
                    }
                });
            }
        }
    }

    /** Puts every replica into training ({@code true}) or evaluation mode. */
    public void train(boolean training) {
        replicas.forEach(training ? Module::train : Module::eval);
    }

    private <T> T onDevice(int k, java.util.function.Supplier<T> body) {
        Backend before = Backends.getDefault();
        Backends.setDefault(devices.get(k));
        try {
            return body.get();
        } finally {
            Backends.setDefault(before);
        }
    }

    private Tensor shard(Tensor t, int start, int size, int k) {
        Tensor part = t.slice(0, start, start + size);
        Tensor moved = part.to(devices.get(k));
        if (moved != part) {
            part.close();
        }
        return moved;
    }

    @Override
    public void close() {
        replicas.forEach(Module::close);
    }
}
