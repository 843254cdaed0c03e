package org.jdive.core.nn.attention;

import java.util.ArrayList;
import java.util.List;
import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/**
 * The book's {@code nn.Sequential()} filled with {@code add_module("block" + i, ...)}: blocks named {@code block0,
 * block1, ...}, so the state dict's keys are PyTorch's. The encoder and decoder call the blocks one by one with their
 * extra arguments.
 */
final class Blocks<B extends Module> extends Module {

    private final List<B> blocks = new ArrayList<>();

    void add(B block) {
        registerModule("block" + blocks.size(), block);
        blocks.add(block);
    }

    List<B> list() {
        return blocks;
    }

    /** Each block's one-argument forward, in order. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x;
        for (B b : blocks) {
            out = b.forward(out);
        }
        return out;
    }
}
