package org.jdive.agents.dqn;

import org.jdive.core.Tensor;
import org.jdive.core.nn.Module;

/**
 * Turns a batch of flat channel-last grids {@code [B, H·W·C]} (how MinAtar observations arrive) into the
 * {@code [B, C, H, W]} layout that convolutions take.
 */
public final class ChannelsFirst extends Module {

    private final int height;
    private final int width;
    private final int channels;

    public ChannelsFirst(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.reshape(x.shape(0), height, width, channels).permute(0, 3, 1, 2);
    }

    @Override
    protected String extraRepr() {
        return "hwc=" + height + "x" + width + "x" + channels;
    }
}
