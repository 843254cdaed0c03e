package org.jdive.engine.report;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A piece of HTML that is safe to put in a page: text only enters it escaped ({@link #text}), so a file name, a
 * scenario value or a table cell can never add markup. The report is assembled from these and nothing else.
 *
 * @param markup the HTML
 */
record Html(String markup) {

    static final Html EMPTY = new Html("");

    /** A number as the tables write it: digits with an optional sign, thousands commas, fraction, exponent, ± part. */
    private static final Pattern NUMBER = Pattern.compile("[-+−]?[\\d,]*\\.?\\d+([eE][-+]?\\d+)?( ± [\\d.]+)?( \\S+/s)?");

    /** {@code text} escaped for element content and attribute values alike. */
    static Html text(String text) {
        return new Html(escape(text));
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static Html of(Html... parts) {
        return of(Arrays.asList(parts));
    }

    static Html of(List<Html> parts) {
        return new Html(parts.stream().map(Html::markup).collect(Collectors.joining()));
    }

    /** {@code <tag attr="value" ...>children</tag>}; {@code attributes} alternate names and (escaped) values. */
    static Html element(String tag, List<String> attributes, Html... children) {
        StringBuilder b = new StringBuilder("<").append(tag);
        for (int i = 0; i + 1 < attributes.size(); i += 2) {
            b.append(' ').append(attributes.get(i)).append("=\"").append(escape(attributes.get(i + 1))).append('"');
        }
        b.append('>');
        for (Html child : children) {
            b.append(child.markup);
        }
        return new Html(b.append("</").append(tag).append('>').toString());
    }

    /** {@code <tag attr="value" ...>} of an element that has no content and no end tag ({@code img}, {@code meta}). */
    static Html empty(String tag, List<String> attributes) {
        String element = element(tag, attributes).markup;
        return new Html(element.substring(0, element.length() - tag.length() - 3));
    }

    static Html element(String tag, Html... children) {
        return element(tag, List.of(), children);
    }

    /** A paragraph of plain text. */
    static Html paragraph(String text) {
        return element("p", text(text));
    }

    /** A paragraph of plain text in the muted style of notes. */
    static Html note(String text) {
        return element("p", List.of("class", "note"), text(text));
    }

    /** A link to {@code href} (relative to the report, or a path inside its folder). */
    static Html link(String href, String text) {
        return element("a", List.of("href", href), text(text));
    }

    /** Preformatted text, e.g. a YAML file. */
    static Html pre(String text) {
        return element("pre", text(text));
    }

    /**
     * A table with a header row; cells that read as numbers (a value, {@code mean ± std}, a rate) are set right-aligned
     * in figures of equal width.
     */
    static Html table(List<String> header, List<List<Html>> rows) {
        StringBuilder b = new StringBuilder("<div class=\"table\"><table><thead><tr>");
        header.forEach(h -> b.append("<th>").append(escape(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<Html> row : rows) {
            b.append("<tr>");
            for (Html cell : row) {
                b.append(isNumber(cell) ? "<td class=\"num\">" : "<td>").append(cell.markup).append("</td>");
            }
            b.append("</tr>");
        }
        return new Html(b.append("</tbody></table></div>").toString());
    }

    /** {@link #table} of plain-text cells. */
    static Html textTable(List<String> header, List<List<String>> rows) {
        return table(header, rows.stream().map(r -> r.stream().map(Html::text).toList()).toList());
    }

    private static boolean isNumber(Html cell) {
        String m = cell.markup.replaceAll("<[^>]*>", "").trim();
        return !m.isEmpty() && (NUMBER.matcher(m).matches() || m.equals("–"));
    }
}
