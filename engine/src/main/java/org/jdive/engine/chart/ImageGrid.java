package org.jdive.engine.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small images tiled in rows, each scaled up by a whole factor and captioned with a few centred lines underneath, as
 * D2L's {@code show_images} draws a batch with its labels (there as titles above). A tile can be marked: its border and
 * its last caption line are then drawn in red, e.g. a wrongly classified image whose caption reads "true" then
 * "predicted".
 *
 * <pre>{@code
 * new ImageGrid(1, 28, 28, 3, 9).add(pixels, List.of("coat", "pullover"), true).writePng(path);
 * }</pre>
 */
public final class ImageGrid {

    /** The colour of a marked tile's border and last caption line. */
    static final Color MARK = new Color(0xD62728);
    static final Color TEXT = new Color(0x202020);
    private static final int GAP = 8;
    private static final int BORDER = 2;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private record Tile(float[] pixels, List<String> caption, boolean marked) {
    }

    private final int channels;
    private final int height;
    private final int width;
    private final int scale;
    private final int columns;
    private final List<Tile> tiles = new ArrayList<>();

    /**
     * A grid of {@code channels × height × width} images (1 channel: grey, 3: RGB), each drawn {@code scale} times its
     * size, {@code columns} to a row.
     */
    public ImageGrid(int channels, int height, int width, int scale, int columns) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 (grey) or 3 (RGB) channels, got " + channels);
        }
        if (height < 1 || width < 1 || scale < 1 || columns < 1) {
            throw new IllegalArgumentException("image size, scale and columns must be positive, got " + height + "×"
                    + width + ", scale " + scale + ", " + columns + " columns");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.scale = scale;
        this.columns = columns;
    }

    /**
     * Adds an image, {@code pixels} laid out {@code [channel][row][column]} with values in [0, 1] (clamped), captioned
     * with {@code caption}'s lines; {@code marked} draws it with a red border and its last caption line in red.
     */
    public ImageGrid add(float[] pixels, List<String> caption, boolean marked) {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("an image of " + channels + "×" + height + "×" + width + " has "
                    + channels * height * width + " values, got " + pixels.length);
        }
        tiles.add(new Tile(pixels.clone(), List.copyOf(caption), marked));
        return this;
    }

    /** Draws the grid (white background) and writes it as a PNG (atomically). */
    public void writePng(Path target) throws IOException {
        if (tiles.isEmpty()) {
            throw new IllegalStateException("an image grid needs at least one image");
        }
        Png.write(render(), target);
    }

    BufferedImage render() {
        int lines = tiles.stream().mapToInt(t -> t.caption().size()).max().orElse(0);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics metrics = pg.getFontMetrics(FONT);
        int textWidth = 0;
        for (Tile t : tiles) {
            for (String line : t.caption()) {
                textWidth = Math.max(textWidth, metrics.stringWidth(line));
            }
        }
        pg.dispose();
        int cellWidth = Math.max(width * scale + 2 * BORDER, textWidth) + GAP;
        int lineHeight = metrics.getHeight();
        int cellHeight = height * scale + 2 * BORDER + 4 + lines * lineHeight + GAP;
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        BufferedImage img = new BufferedImage(cols * cellWidth + GAP, rows * cellHeight + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(FONT);
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            int x0 = GAP + (i % cols) * cellWidth;
            int y0 = GAP + (i / cols) * cellHeight;
            int ix = x0 + (cellWidth - GAP - width * scale) / 2;
            int iy = y0 + BORDER;
            drawImage(img, tile.pixels(), ix, iy);
            if (tile.marked()) {
                g.setColor(MARK);
                g.setStroke(new BasicStroke(BORDER));
                g.drawRect(ix - BORDER / 2 - 1, iy - BORDER / 2 - 1, width * scale + BORDER + 1, height * scale + BORDER + 1);
            }
            int baseline = iy + height * scale + BORDER + 4 + metrics.getAscent();
            for (int l = 0; l < tile.caption().size(); l++) {
                String line = tile.caption().get(l);
                g.setColor(tile.marked() && l == tile.caption().size() - 1 ? MARK : TEXT);
                g.drawString(line, x0 + (cellWidth - GAP - metrics.stringWidth(line)) / 2, baseline + l * lineHeight);
            }
        }
        g.dispose();
        return img;
    }

    private void drawImage(BufferedImage img, float[] v, int x0, int y0) {
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                int r = level(v[p]);
                int gr = channels == 1 ? r : level(v[p + plane]);
                int b = channels == 1 ? r : level(v[p + 2 * plane]);
                int rgb = (r << 16) | (gr << 8) | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x0 + x * scale + dx, y0 + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static int level(float v) {
        return Math.round(Math.max(0f, Math.min(1f, Float.isNaN(v) ? 0f : v)) * 255f);
    }
}
