package org.jdive.engine.chart;

import java.awt.Color;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** What jdive's charts share: white background, light grid, Matplotlib's "tab10" colours in order. */
final class Style {

    private static final int[] TAB10 = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2,
        0x7F7F7F, 0xBCBD22, 0x17BECF};

    /** How many colours there are before they repeat. */
    static final int COLOURS = TAB10.length;

    private Style() {
    }

    static Color color(int series) {
        return new Color(TAB10[series % TAB10.length]);
    }

    static void apply(AxesChartStyler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xE4E4E4));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(new Color(0xCCCCCC));
        styler.setAxisTickMarksColor(new Color(0x808080));
        styler.setXAxisDecimalPattern("#,##0.###");
        styler.setYAxisDecimalPattern("#,##0.###");
    }
}
