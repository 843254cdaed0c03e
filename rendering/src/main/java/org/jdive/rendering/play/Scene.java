package org.jdive.rendering.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jdive.envs.Frame;
import org.jdive.envs.spaces.Box;
import org.jdive.rendering.overlay.ActionBars;
import org.jdive.rendering.overlay.ActionDensity;
import org.jdive.rendering.overlay.Hud;
import org.jdive.rendering.overlay.ShapeBatch;
import org.jdive.rendering.overlay.ShapeRasterizer;
import org.jdive.rendering.overlay.Sparkline;
import org.jdive.rendering.overlay.ValueOverlay;
import org.jdive.rendering.overlay.ValueView;
import org.jdive.rendering.record.Images;

/**
 * What is drawn for a {@link PlaySession}, as geometry: a frame layer in the env frame's pixels (the value
 * heat map and policy arrows) and a screen layer in the window's pixels (HUD, action bars, returns
 * curve, once an episode has ended). The window draws both layers with OpenGL; {@link #compose} draws them on the CPU for recordings.
 */
public final class Scene {

    /** Screens at least this wide get the HUD font at twice its size. */
    private static final int WIDE_SCREEN = 480;
    private static final int MARGIN = 8;

    private final PlaySession session;
    private ValueView values;
    private String scoresName;
    private Function<float[], float[]> actionScores;
    private ToDoubleFunction<float[]> stateValue;
    private Function<float[], float[]> actionMean;
    private Function<float[], float[]> actionStd;

    /** The scene of {@code session}; the {@code with...} methods add overlays to it. */
    public Scene(PlaySession session) {
        this.session = session;
    }

    /** Shows state values and the greedy policy over the gridworld. */
    public Scene withValues(ValueView view) {
        this.values = view;
        return this;
    }

    /**
     * Shows bars of {@code scores(observation)}, one per action, called {@code name}: a DQN's Q-values ("Q"), a
     * policy's action probabilities ("policy").
     */
    public Scene withActionScores(String name, Function<float[], float[]> scores) {
        this.scoresName = name;
        this.actionScores = scores;
        return this;
    }

    /**
     * Shows a Gaussian policy's action (continuous actions): the density of
     * {@code N(mean(observation), std(observation))} over the env's action box, the mean highlighted, the action last
     * taken marked.
     */
    public Scene withGaussianActions(Function<float[], float[]> mean, Function<float[], float[]> std) {
        if (!(session.env().actionSpace() instanceof Box)) {
            throw new IllegalArgumentException("a Gaussian policy's actions need a Box action space, got "
                    + session.env().actionSpace());
        }
        this.actionMean = mean;
        this.actionStd = std;
        return this;
    }

    /** Shows {@code value(observation)} in the HUD, e.g. an actor-critic's estimate of the current state's value. */
    public Scene withStateValue(ToDoubleFunction<float[]> value) {
        this.stateValue = value;
        return this;
    }

    /** The session this scene draws. */
    public PlaySession session() {
        return session;
    }

    /** Applies the sweep moves asked for with [ and ]. */
    public void consumeSweepShift() {
        int shift = session.takeSweepShift();
        if (values != null && shift != 0) {
            values.move(shift);
        }
    }

    /** The overlays drawn in the env frame's pixel coordinates (empty when overlays are off). */
    public ShapeBatch frameLayer(ShapeBatch out) {
        out.clear();
        if (session.showOverlays() && values != null) {
            ValueOverlay.draw(values.current(), values.grid(), out);
        }
        return out;
    }

    /** The HUD and panels for a {@code width x height} pixel screen. */
    public ShapeBatch screenLayer(int width, int height, ShapeBatch out) {
        out.clear();
        if (session.showHud()) {
            List<String> lines = new ArrayList<>(session.hudLines());
            if (values != null && session.showOverlays()) {
                lines.add("values " + values.caption());
            }
            if (stateValue != null) {
                lines.add(String.format(Locale.ROOT, "V(s) %.3f", stateValue.applyAsDouble(session.observation())));
            }
            Hud.draw(lines, MARGIN, MARGIN, width >= WIDE_SCREEN ? 2 : 1, out);
        }
        if (session.showOverlays()) {
            float panelW = Math.min(220, width / 2f - 1.5f * MARGIN);
            float panelH = Math.min(90, height / 3f);
            float top = height - panelH - MARGIN;
            double[] returns = session.returns();
            if (returns.length > 0) {
                Sparkline.draw("returns", returns, MARGIN, top, panelW, panelH, out);
            }
            if (actionScores != null) {
                ActionBars.draw(scoresName, actionScores.apply(session.observation()), width - panelW - MARGIN, top, panelW,
                        panelH, out);
            }
            if (actionMean != null) {
                Box box = (Box) session.env().actionSpace();
                ActionDensity.draw(actionMean.apply(session.observation()), actionStd.apply(session.observation()),
                        box.low(), box.high(), session.lastAction(), width - panelW - MARGIN, top, panelW, panelH, out);
            }
        }
        return out;
    }

    /**
     * The env frame scaled up {@code scale} times with both layers drawn on it, as the window shows it at
     * that size: what recordings with overlays are made of.
     */
    public Frame compose(int scale) {
        Frame frame = session.env().render();
        Frame withValues = ShapeRasterizer.draw(frame, frameLayer(new ShapeBatch()));
        Frame big = Images.scale(withValues, scale);
        return ShapeRasterizer.draw(big, screenLayer(big.width(), big.height(), new ShapeBatch()));
    }
}
