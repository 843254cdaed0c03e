package org.jdive.engine.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One report page: a header (title, what kind of folder, a line of facts, a link up to the report of the folder above),
 * a bar of links to its sections, and the sections. Its style and its one script are inline, and its content security
 * policy lets it load nothing but images from its own origin (opened from disk: local files; the pages link only those
 * in their folder), so the page works offline, copied together with its folder.
 */
final class Page {

    /**
     * Marks the images that did not load or decode: their figures get the class {@code broken}, a banner at the top
     * says how many and which, and {@code <body data-broken-images>} holds the count once the page has loaded.
     */
    static final String SCRIPT = """
            addEventListener("load", () => {
              const broken = [...document.images].filter(i => !i.complete || i.naturalWidth === 0);
              broken.forEach(i => i.closest("figure")?.classList.add("broken"));
              document.body.dataset.brokenImages = broken.length;
              if (broken.length > 0) {
                const banner = document.getElementById("broken");
                banner.textContent = broken.length + (broken.length === 1 ? " image" : " images")
                    + " could not be shown: " + broken.map(i => i.getAttribute("src")).join(", ");
                banner.hidden = false;
              }
            });
            """;

    static final String STYLE = """
            :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0969da; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: #fff;
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
            header { padding: 20px 32px 14px; background: var(--soft); border-bottom: 1px solid var(--line); }
            header h1 { margin: 0 0 4px; font-size: 26px; line-height: 1.25; }
            .kind { display: inline-block; margin-left: 10px; padding: 1px 9px; border-radius: 10px; background: var(--accent);
                    color: #fff; font-size: 12px; font-weight: 600; letter-spacing: .05em; text-transform: uppercase;
                    vertical-align: middle; }
            .facts, .note { color: var(--muted); margin: 2px 0; }
            #broken { margin: 0; padding: 10px 32px; background: #ffebe9; color: #82071e; border-bottom: 1px solid #cf222e;
                      font-weight: 600; }
            nav { position: sticky; top: 0; z-index: 1; padding: 7px 32px; font-size: 14px;
                  background: rgba(255, 255, 255, .96); border-bottom: 1px solid var(--line); }
            nav a { margin-right: 18px; }
            main { max-width: 1440px; padding: 4px 32px 48px; }
            section { margin-top: 26px; }
            h2 { margin: 0 0 12px; padding-bottom: 4px; font-size: 19px; border-bottom: 1px solid var(--line); }
            a { color: var(--accent); text-decoration: none; }
            a:hover { text-decoration: underline; }
            .table { overflow-x: auto; }
            table { border-collapse: collapse; font-size: 14px; font-variant-numeric: tabular-nums; }
            th, td { padding: 5px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            th { background: var(--soft); font-weight: 600; }
            tbody tr:nth-child(even) { background: #fbfcfd; }
            td.num { text-align: right; white-space: nowrap; }
            pre { margin: 0; padding: 12px 16px; max-height: 520px; overflow: auto; background: var(--soft);
                  border: 1px solid var(--line); border-radius: 6px;
                  font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            .grid { display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); }
            .grid.small { grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
            figure { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px; }
            figure img { display: block; width: 100%; height: auto; }
            .frames figure img { image-rendering: pixelated; }
            figcaption { margin-top: 6px; color: var(--muted); font-size: 13px; }
            figure.broken { border: 2px dashed #cf222e; }
            figure.broken figcaption::after { content: " — could not be shown"; color: #cf222e; }
            """;

    private final String title;
    private final String kind;
    private final List<String> facts;
    private final List<Html> sections = new ArrayList<>();
    private final List<Html> nav = new ArrayList<>();
    private Html up = Html.EMPTY;

    /**
     * @param title the heading (and the window's title)
     * @param kind  what the folder is: run, suite or sweep
     * @param facts short facts shown under the title, e.g. the seed and the backend
     */
    Page(String title, String kind, List<String> facts) {
        this.title = title;
        this.kind = kind;
        this.facts = List.copyOf(facts);
    }

    /** A link to the report of the folder this one lies in. */
    Page up(String href, String text) {
        up = Html.element("p", List.of("class", "facts"), Html.text("in "), Html.link(href, text));
        return this;
    }

    /** A section with heading {@code heading}, linked from the bar at the top; a null body adds nothing. */
    Page section(String id, String heading, Html body) {
        if (body != null) {
            nav.add(Html.link("#" + id, heading));
            sections.add(Html.element("section", List.of("id", id), Html.element("h2", Html.text(heading)), body));
        }
        return this;
    }

    /** The whole document. */
    String render() {
        String written = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        Html head = Html.of(
                new Html("<meta charset=\"utf-8\">"),
                new Html("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
                Html.empty("meta", List.of("http-equiv", "Content-Security-Policy", "content", policy())),
                new Html("<meta name=\"generator\" content=\"jdive report\">"),
                Html.element("title", Html.text(title + " — jdive " + kind)),
                Html.element("style", new Html(STYLE)),
                Html.element("script", new Html(SCRIPT)));
        Html header = Html.element("header",
                Html.element("h1", Html.text(title), Html.element("span", List.of("class", "kind"), Html.text(kind))),
                facts.isEmpty() ? Html.EMPTY : Html.element("p", List.of("class", "facts"), Html.text(String.join(" · ", facts))),
                up,
                Html.element("p", List.of("class", "facts"), Html.text("report written " + written + " by jdive report")));
        Html body = Html.of(header,
                new Html("<p id=\"broken\" hidden></p>"),
                Html.element("nav", Html.of(nav)),
                Html.element("main", Html.of(sections)));
        return "<!DOCTYPE html>\n" + Html.element("html", List.of("lang", "en"), Html.element("head", head),
                Html.element("body", body)).markup() + "\n";
    }

    /** Nothing from the network: images from the report's own folder, the inline style, and only the script above. */
    static String policy() {
        return "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src '" + scriptHash() + "'";
    }

    private static String scriptHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(SCRIPT.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
