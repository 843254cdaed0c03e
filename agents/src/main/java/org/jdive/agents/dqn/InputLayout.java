package org.jdive.agents.dqn;

/**
 * How an env's flat observation becomes the Q-network's input row: as it is, or rearranged once, when the agent
 * first sees it, so that the replay buffer holds what the network takes and no batch needs rearranging on the way
 * in (MinAtar's grids arrive channel-last, its convolution takes them channels-first).
 */
@FunctionalInterface
interface InputLayout {

    /** The observation as the env gives it. */
    InputLayout AS_GIVEN = (src, from, dst, to, size) -> System.arraycopy(src, from, dst, to, size);

    /** Copies the {@code size} numbers of one observation from {@code src[from..]} to {@code dst[to..]}, rearranged. */
    void copy(float[] src, int from, float[] dst, int to, int size);

    /** Copies {@code rows} observations of {@code size} numbers each, one after the other. */
    default void copyRows(float[] src, float[] dst, int rows, int size) {
        for (int r = 0; r < rows; r++) {
            copy(src, r * size, dst, r * size, size);
        }
    }

    /** A channel-last {@code height × width × channels} grid laid out channels-first, {@code [C, H, W]}. */
    static InputLayout channelsFirst(int height, int width, int channels) {
        int plane = height * width;
        return (src, from, dst, to, size) -> {
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < channels; c++) {
                    dst[to + c * plane + p] = src[from + p * channels + c];
                }
            }
        };
    }
}
