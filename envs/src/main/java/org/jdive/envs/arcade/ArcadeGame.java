package org.jdive.envs.arcade;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.jdive.envs.AbstractEnv;
import org.jdive.envs.Frame;
import org.jdive.envs.Space;
import org.jdive.envs.StateReader;
import org.jdive.envs.StateWriter;
import org.jdive.envs.render.Canvas;
import org.jdive.envs.spaces.Discrete;
import org.jdive.envs.spaces.MultiBinary;

/**
 * The mechanics every MinAtar-style game shares: a 10×10 grid observed as {@code [10][10][C]} binary
 * channels (channel last, row-major: the float for row {@code r}, column {@code c}, channel {@code k} is at
 * {@code (r * 10 + c) * C + k}), MinAtar's six actions, sticky actions, the difficulty-ramping switch,
 * one seeded random stream, and rendering to an RGB frame and to text.
 *
 * <p>Sticky actions work as in MinAtar's {@code Environment.act}: before each step a uniform draw from the
 * env's stream below the sticky probability replaces the chosen action by the previous one. Unlike
 * MinAtar, the previous action is forgotten at reset (it becomes no-op), so that {@code reset(seed)} fully
 * determines the episode.
 *
 * <p>A step taken after the episode terminated changes nothing and pays 0, as in MinAtar.
 */
public abstract class ArcadeGame extends AbstractEnv {

    /** Rows and columns of the grid. */
    public static final int GRID = 10;
    /** Pixels per grid cell in {@link #render()}. */
    public static final int CELL_PIXELS = 16;

    /** MinAtar's full action set, in its order: no-op, left, up, right, down, fire. */
    static final int NOOP = 0;
    static final int LEFT = 1;
    static final int UP = 2;
    static final int RIGHT = 3;
    static final int DOWN = 4;
    static final int FIRE = 5;
    private static final String ACTION_NAMES = "nlurdf";

    private final String[] channelNames;
    private final String channelSymbols;
    private final int channels;
    private final int[] actionSet;
    private final double stickyActionProb;
    /** Whether the game's difficulty grows during an episode (games without a ramp ignore it). */
    final boolean ramping;
    private final Space observationSpace;
    private final Space actionSpace;
    private final float[] renderScratch;

    /** The env's one random stream: sticky actions and every random event of the game draw from it. */
    UniformRandomProvider rng;
    /** Set by the game when the episode reaches a terminal state. */
    boolean terminal;
    private int previousAction;

    /**
     * @param channelNames   MinAtar's channel names, in channel order
     * @param channelSymbols one character per channel for {@link #renderText()}
     * @param minimalActions the game's minimal action set as letters of {@code "nlurdf"}, used when
     *                       {@code settings.minimalActionSet()}
     */
    ArcadeGame(String[] channelNames, String channelSymbols, String minimalActions,
                         ArcadeSettings settings) {
        super(actionLetters(settings, minimalActions).length(), GRID * GRID * channelNames.length);
        if (channelSymbols.length() != channelNames.length) {
            throw new IllegalArgumentException("one symbol per channel needed: " + channelNames.length
                    + " channels, symbols \"" + channelSymbols + "\"");
        }
        this.channelNames = channelNames.clone();
        this.channelSymbols = channelSymbols;
        this.channels = channelNames.length;
        this.actionSet = toActionSet(actionLetters(settings, minimalActions));
        this.stickyActionProb = settings.stickyActionProb();
        this.ramping = settings.difficultyRamping();
        this.observationSpace = new MultiBinary(GRID, GRID, channels);
        this.actionSpace = new Discrete(actionSet.length);
        this.renderScratch = new float[GRID * GRID * channels];
    }

    private static String actionLetters(ArcadeSettings settings, String minimalActions) {
        return settings.minimalActionSet() ? minimalActions : ACTION_NAMES;
    }

    private static int[] toActionSet(String letters) {
        int[] set = new int[letters.length()];
        for (int i = 0; i < set.length; i++) {
            set[i] = ACTION_NAMES.indexOf(letters.charAt(i));
        }
        return set;
    }

    /** Puts every piece of game state at its start value, drawing from {@link #rng}. */
    abstract void startGame();

    /**
     * Advances the game one frame under {@code action} (one of {@link #NOOP} .. {@link #FIRE}), setting
     * {@link #terminal} when the episode ends.
     *
     * @return the reward of the frame
     */
    abstract int playFrame(int action);

    /** Writes every piece of game state that {@link #startGame} sets. */
    abstract void saveGame(StateWriter out);

    /** Reads back what {@link #saveGame} wrote, in the same order. */
    abstract void restoreGame(StateReader in);

    /** Marks the current state's active cells with {@link #mark}; the observation arrives zeroed. */
    abstract void draw(float[] obs, int offset);

    /** Sets channel {@code channel} of cell ({@code row}, {@code col}) in an observation being drawn. */
    final void mark(float[] obs, int offset, int row, int col, int channel) {
        obs[offset + (row * GRID + col) * channels + channel] = 1f;
    }

    /** The number of observation channels. */
    public final int channels() {
        return channels;
    }

    /** MinAtar's name of each channel, in channel order. */
    public final String[] channelNames() {
        return channelNames.clone();
    }

    /** The agent's actions as indices into MinAtar's full set {@code n l u r d f}. */
    public final int[] actionSet() {
        return actionSet.clone();
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    protected final void startEpisode(UniformRandomProvider stream) {
        rng = stream;
        previousAction = NOOP;
        terminal = false;
        startGame();
    }

    @Override
    protected final void advance(int action, UniformRandomProvider stream) {
        int taken = stream.nextDouble() < stickyActionProb ? previousAction : actionSet[action];
        previousAction = taken;
        setOutcome(terminal ? 0f : playFrame(taken), terminal);
    }

    @Override
    public final void observeInto(float[] obs, int offset) {
        Arrays.fill(obs, offset, offset + GRID * GRID * channels, 0f);
        draw(obs, offset);
    }

    /**
     * Draws each cell as a {@value #CELL_PIXELS}-pixel square in the colour of its highest active channel
     * (as MinAtar's viewer, which shows the highest channel index), black where no channel is active; the
     * colours are {@link ArcadePalette}'s, by channel index.
     */
    @Override
    public Frame render() {
        observeInto(renderScratch, 0);
        Canvas canvas = new Canvas(GRID * CELL_PIXELS, GRID * CELL_PIXELS);
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                int top = topChannel(row, col);
                if (top >= 0) {
                    canvas.fillRect(col * CELL_PIXELS, row * CELL_PIXELS, CELL_PIXELS, CELL_PIXELS,
                            ArcadePalette.rgb(top));
                }
            }
        }
        return canvas.toFrame();
    }

    private int topChannel(int row, int col) {
        int base = (row * GRID + col) * channels;
        for (int k = channels - 1; k >= 0; k--) {
            if (renderScratch[base + k] != 0f) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The grid as 10 lines of 10 characters, each the symbol of the cell's highest active channel
     * ({@code '.'} where none is), followed by a legend line.
     */
    @Override
    public String renderText() {
        observeInto(renderScratch, 0);
        StringBuilder text = new StringBuilder((GRID + 1) * GRID + 16 * channels);
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                int top = topChannel(row, col);
                text.append(top < 0 ? '.' : channelSymbols.charAt(top));
            }
            text.append('\n');
        }
        for (int k = 0; k < channels; k++) {
            text.append(k == 0 ? "" : "  ").append(channelSymbols.charAt(k)).append(' ').append(channelNames[k]);
        }
        return text.append('\n').toString();
    }

    @Override
    protected final void saveEpisode(StateWriter out) {
        out.writeBoolean(terminal);
        out.writeInt(previousAction);
        saveGame(out);
    }

    @Override
    protected final void restoreEpisode(StateReader in) {
        rng = randomStream();
        terminal = in.readBoolean();
        previousAction = in.readInt();
        restoreGame(in);
    }
}
