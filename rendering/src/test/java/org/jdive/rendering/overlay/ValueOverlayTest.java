package org.jdive.rendering.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jdive.envs.Envs;
import org.jdive.envs.Frame;
import org.junit.jupiter.api.Test;

class ValueOverlayTest {

    private static int rgb(Frame f, int x, int y) {
        int i = (y * f.width() + x) * 3;
        return (f.rgb()[i] & 0xFF) << 16 | (f.rgb()[i + 1] & 0xFF) << 8 | f.rgb()[i + 2] & 0xFF;
    }

    @Test
    void gridGeometryFollowsTheEnvsMapsAndActions() {
        GridGeometry lake8 = GridGeometry.of(Envs.make("FrozenLake8x8-v1"));
        assertEquals(8, lake8.rows());
        assertEquals(8, lake8.cols());
        assertEquals(32, lake8.cellSize());
        assertEquals(List.of(1, 0), List.of(lake8.directions()[2][0], lake8.directions()[2][1]), "action 2 is right");
        GridGeometry cliff = GridGeometry.of(Envs.make("CliffWalking-v1"));
        assertEquals(4, cliff.rows());
        assertEquals(12, cliff.cols());
        assertEquals(-1, cliff.directions()[0][1], "CliffWalking's action 0 is up");
        var e = assertThrows(IllegalArgumentException.class, () -> GridGeometry.of(Envs.make("Taxi-v3")));
        assertTrue(e.getMessage().contains("FrozenLake-v1"), e.getMessage());
    }

    @Test
    void heatMapRunsFromTheLowestToTheHighestValueInViridis() {
        GridGeometry grid = new GridGeometry(1, 3, 32, new int[][] {{-1, 0}, {0, 1}, {1, 0}, {0, -1}});
        ShapeBatch batch = ValueOverlay.draw(StateValues.of(new float[] {-2, 0, 6}, null, ""), grid, new ShapeBatch());
        Frame f = ShapeRasterizer.draw(96, 32, 0x000000, batch);
        int a = ValueOverlay.HEAT_ALPHA;
        assertEquals(blendOnBlack(Colormap.viridis(0), a), rgb(f, 2, 30));
        assertEquals(blendOnBlack(Colormap.viridis(0.25), a), rgb(f, 34, 30));
        assertEquals(blendOnBlack(Colormap.viridis(1), a), rgb(f, 66, 30));
    }

    private static int blendOnBlack(int color, int alpha) {
        float t = alpha / 255f;
        return Math.round((color >>> 16 & 0xFF) * t) << 16 | Math.round((color >>> 8 & 0xFF) * t) << 8
                | Math.round((color & 0xFF) * t);
    }

    @Test
    void policyArrowsPointTheWayTheActionMoves() {
        GridGeometry grid = GridGeometry.of(Envs.make("FrozenLake-v1"));
        for (int action = 0; action < 4; action++) {
            int[] policy = new int[16];
            java.util.Arrays.fill(policy, -1);
            policy[5] = action; // row 1, col 1: cell from (32, 32) to (64, 64), centre (48, 48)
            Frame f = ShapeRasterizer.draw(128, 128, 0x000000,
                    ValueOverlay.draw(StateValues.of(new float[16], policy, ""), grid, new ShapeBatch()));
            int[] d = grid.directions()[action];
            int headX = 48 + d[0] * 4;
            int headY = 48 + d[1] * 4;
            int tailX = 48 - d[0] * 4;
            int tailY = 48 - d[1] * 4;
            // the head is wide across the direction of motion; the tail end has only the thin shaft
            int across = 2;
            assertEquals(0xFFFFFF, rgb(f, headX + d[1] * across, headY + d[0] * across), "head, action " + action);
            assertTrue(rgb(f, tailX + d[1] * across, tailY + d[0] * across) != 0xFFFFFF, "tail, action " + action);
        }
    }

    @Test
    void valuesArePrintedShortEnoughForACell() {
        assertEquals("0.42", ValueOverlay.compact(0.4212f));
        assertEquals("-9.99", ValueOverlay.compact(-9.99f));
        assertEquals("12.5", ValueOverlay.compact(12.49f));
        assertEquals("-100", ValueOverlay.compact(-100f));
    }

    @Test
    void mismatchedSizesAreNamed() {
        GridGeometry grid = GridGeometry.of(Envs.make("FrozenLake-v1"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ValueOverlay.draw(StateValues.of(new float[15], null, ""), grid, new ShapeBatch()));
        assertTrue(e.getMessage().contains("15") && e.getMessage().contains("16"), e.getMessage());
        var p = assertThrows(IllegalArgumentException.class,
                () -> ValueOverlay.draw(StateValues.of(new float[16], new int[16 - 1], ""), grid, new ShapeBatch()));
        assertTrue(p.getMessage().startsWith("policy"), p.getMessage());
        int[] bad = new int[16];
        bad[0] = 4;
        assertThrows(IllegalArgumentException.class,
                () -> ValueOverlay.draw(StateValues.of(new float[16], bad, ""), grid, new ShapeBatch()));
    }

    @Test
    void valueViewStepsThroughSweepsWithinBounds() {
        GridGeometry grid = GridGeometry.of(Envs.make("FrozenLake-v1"));
        ValueView view = ValueView.sweeps(grid, List.of(StateValues.of(new float[16], null, "sweep 0"),
                StateValues.of(new float[16], null, "sweep 1")));
        view.move(-1);
        assertEquals(0, view.index());
        view.move(5);
        assertEquals(1, view.index());
        assertEquals("sweep 1  2/2", view.caption());
    }

    @Test
    void actionBarsHighlightTheBestScoringAction() {
        Frame f = ShapeRasterizer.draw(100, 60, 0x000000,
                ActionBars.draw("Q", new float[] {1, 3, -1}, 0, 0, 90, 60, new ShapeBatch()));
        // slots of 30 px; bars rise from the zero line; the greedy bar (action 1) is the highlight colour
        assertEquals(ActionBars.GREEDY_COLOR & 0xFFFFFF, rgb(f, 45, 20));
        assertEquals(ActionBars.BAR_COLOR & 0xFFFFFF, rgb(f, 15, 30));
    }
}
