package org.jdive.engine.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jdive.engine.RunFolder;
import org.jdive.engine.scenario.Problem;
import org.jdive.engine.scenario.Value;
import org.jdive.engine.scenario.YamlReader;

/** The pieces the pages share: files shown as text, tables, figures, the list of runs, and relative links. */
final class Parts {

    /** The rows of a CSV shown in a page at most; a longer file is linked instead of shown in full. */
    static final int MAX_ROWS = 200;

    private Parts() {
    }

    /** The text of {@code file}, or null when there is none. */
    static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }

    /** A file shown as preformatted text with a link to it, or null when there is none. */
    static Html file(Path folder, String name) throws IOException {
        String text = read(folder.resolve(name));
        return text == null ? null : Html.of(Html.pre(text), Html.element("p", List.of("class", "note"),
                Html.link(href(folder, folder.resolve(name)), name)));
    }

    /**
     * The fields of a flat JSON object such as {@code summary.json}, as text in the file's order; empty when the file
     * is missing or not such an object.
     */
    static Map<String, String> jsonFields(Path file) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return fields;
        }
        Value root = YamlReader.read(file, file.toString(), new ArrayList<Problem>());
        if (root != null && root.isMapping()) {
            root.mapping().forEach((k, v) -> fields.put(k, v == null || v.data() == null ? "null"
                    : v.isScalar() ? (String) v.data() : v.describe()));
        }
        return fields;
    }

    /** A two-column table of names and values. */
    static Html keyValues(Map<String, String> fields) {
        List<List<Html>> rows = new ArrayList<>();
        fields.forEach((k, v) -> rows.add(List.of(Html.text(k), number(v))));
        return Html.table(List.of("key", "value"), rows);
    }

    /**
     * A value as a cell: a number with many digits is rounded to five significant ones (the full value is its
     * tooltip), anything else is shown as it is.
     */
    static Html number(String text) {
        if (text.length() <= 8 || !text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?") || text.matches("-?\\d+")) {
            return Html.text(text);
        }
        BigDecimal d = new BigDecimal(text).round(new MathContext(5));
        double abs = Math.abs(d.doubleValue());
        String shown = abs != 0 && (abs < 1e-4 || abs >= 1e9) ? String.format(Locale.ROOT, "%.4e", d.doubleValue())
                : d.stripTrailingZeros().toPlainString();
        return Html.element("span", List.of("title", text), Html.text(shown));
    }

    /** The first pipe table of the markdown file {@code name}, or null when there is none. */
    static Html markdownTable(Path folder, String name) throws IOException {
        String text = read(folder.resolve(name));
        if (text == null) {
            return null;
        }
        return Tables.markdown(text).map(t -> Html.textTable(t.header(), t.rows())).orElse(Html.pre(text));
    }

    /** A CSV file as a table, its first {@value #MAX_ROWS} rows and a link to the whole file; null when there is none. */
    static Html csvTable(Path folder, String name) throws IOException {
        String text = read(folder.resolve(name));
        if (text == null) {
            return null;
        }
        Tables.Table t = Tables.csv(text);
        List<List<Html>> rows = t.rows().stream().limit(MAX_ROWS)
                .map(r -> r.stream().map(Parts::number).toList()).toList();
        String more = t.rows().size() > MAX_ROWS ? String.format(Locale.ROOT, "the first %d of %d rows; all in ",
                MAX_ROWS, t.rows().size()) : "";
        return Html.of(Html.table(t.header(), rows), Html.element("p", List.of("class", "note"), Html.text(more),
                Html.link(href(folder, folder.resolve(name)), name)));
    }

    /** The files in {@code folder/dir} whose names end with {@code suffix}, by name; empty when there is none. */
    static List<Path> files(Path folder, String dir, String suffix) throws IOException {
        Path d = folder.resolve(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** {@code files} in the order of their stems in {@code order}, the others after them by name. */
    static List<Path> ordered(List<Path> files, List<String> order) {
        return files.stream().sorted(Comparator.comparingInt((Path p) -> {
            int i = order.indexOf(stem(p));
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(Parts::stem)).toList();
    }

    /** How a grid of figures is laid out. */
    enum Grid {
        /** Plots, two or three to a row. */
        PLOTS("grid"),
        /** A GAN's samples, more to a row. */
        SAMPLES("grid small"),
        /** Frames of the envs' pixel art, more to a row and scaled up without blurring. */
        FRAMES("grid small frames");

        final String cssClass;

        Grid(String cssClass) {
            this.cssClass = cssClass;
        }
    }

    /** The images as a grid of captioned figures, each linked to its file; null when there are none. */
    static Html figures(Path folder, List<Path> images, Function<Path, String> caption, Grid grid) {
        if (images.isEmpty()) {
            return null;
        }
        List<Html> figures = new ArrayList<>();
        for (Path image : images) {
            String href = href(folder, image);
            figures.add(Html.element("figure",
                    Html.element("a", List.of("href", href),
                            Html.empty("img", List.of("src", href, "alt", image.getFileName().toString()))),
                    Html.element("figcaption", Html.text(caption.apply(image)))));
        }
        return Html.element("div", List.of("class", grid.cssClass), Html.of(figures));
    }

    /** A file's name without its extension: {@code eval_mean_return.png} is {@code eval_mean_return}. */
    static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    }

    /**
     * The runs below a suite or sweep, one row each from its {@code summary.json}: the folder (linked to its report),
     * scenario, backend, seed, how far it got, its final evaluation's headline and its wall time.
     */
    static Html runs(Path folder, List<Path> runs) {
        if (runs.isEmpty()) {
            return null;
        }
        List<List<Html>> rows = new ArrayList<>();
        for (Path run : runs) {
            Map<String, String> s = jsonFields(run.resolve(RunFolder.SUMMARY));
            String done = s.containsKey("done") ? count(s.get("done")) + " / " + count(s.getOrDefault("budget", "?"))
                    + " " + s.getOrDefault("unit", "") : "no summary yet";
            if ("false".equals(s.get("finished"))) {
                done += " (stopped)";
            }
            String headline = s.containsKey("eval_mean_return") ? "eval_mean_return" : s.keySet().stream()
                    .filter(k -> k.startsWith("eval_")).findFirst().orElse(null);
            rows.add(List.of(
                    Html.link(href(folder, run.resolve(Report.FILE)), folder.relativize(run).toString()),
                    Html.text(s.getOrDefault("scenario", "")),
                    Html.text(s.getOrDefault("backend", "")),
                    Html.text(s.getOrDefault("seed", "")),
                    Html.text(done),
                    headline == null ? Html.text("–") : Html.of(Html.text(headline.substring(5) + " "), number(s.get(headline))),
                    Html.text(seconds(s.get("wall_s")))));
        }
        return Html.table(List.of("run", "scenario", "backend", "seed", "done", "final evaluation", "wall s"), rows);
    }

    /** A whole number with thousands separators ({@code 20,000}); anything else as it is. */
    static String count(String text) {
        return text.matches("-?\\d{4,18}") ? String.format(Locale.ROOT, "%,d", Long.parseLong(text)) : text;
    }

    /** Seconds with one decimal, "–" when not a number. */
    static String seconds(String text) {
        try {
            return String.format(Locale.ROOT, "%.1f", Double.parseDouble(text));
        } catch (NullPointerException | NumberFormatException notANumber) {
            return "–";
        }
    }

    /**
     * The link from a report in {@code folder} to {@code file} below it: the relative path, each segment
     * percent-encoded, so that any file name makes a valid relative URL that never leaves the folder.
     */
    static String href(Path folder, Path file) {
        List<String> segments = new ArrayList<>();
        for (Path segment : folder.relativize(file)) {
            segments.add(encode(segment.toString()));
        }
        return String.join("/", segments);
    }

    private static String encode(String segment) {
        StringBuilder b = new StringBuilder();
        for (byte c : segment.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }
}
