package org.jdive.rendering.play;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jdive.envs.Frame;
import org.jdive.rendering.overlay.Hud;
import org.jdive.rendering.overlay.QValueBars;
import org.jdive.rendering.overlay.ShapeBatch;
import org.jdive.rendering.overlay.ShapeRasterizer;
import org.jdive.rendering.overlay.Sparkline;
import org.jdive.rendering.overlay.ValueOverlay;
import org.jdive.rendering.overlay.ValueView;
import org.jdive.rendering.record.Images;

/**
 * What is drawn for a {@link PlaySession}, as geometry: a frame layer in the env frame's pixels (the value
 * heat map and policy arrows) and a screen layer in the window's pixels (HUD, Q-value bars, returns
 * curve, once an episode has ended). The window draws both layers with OpenGL; {@link #compose} draws them on the CPU for recordings.
 */
public final class Scene {

    /** Screens at least this wide get the HUD font at twice its size. */
    private static final int WIDE_SCREEN = 480;
    private static final int MARGIN = 8;

    private final PlaySession session;
    private ValueView values;
    private Function<float[], float[]> qValues;

    public Scene(PlaySession session) {
        this.session = session;
    }

    /** Shows state values and the greedy policy over the gridworld. */
    public Scene withValues(ValueView view) {
        this.values = view;
        return this;
    }

    /** Shows bars of {@code qFunction(observation)}, e.g. a DQN's Q-values of the current state. */
    public Scene withQValues(Function<float[], float[]> qFunction) {
        this.qValues = qFunction;
        return this;
    }

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
            if (qValues != null) {
                QValueBars.draw(qValues.apply(session.observation()), width - panelW - MARGIN, top, panelW, panelH, out);
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
