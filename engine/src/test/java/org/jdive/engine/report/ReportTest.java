package org.jdive.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's pages built from hand-made folders: every text escaped, the folder's kind told apart, a folder jdive
 * did not write refused, tables read back, published figures set beside a suite's. The browser test in the tests
 * module opens real ones.
 */
class ReportTest {

    @TempDir
    Path dir;

    private Path run(String name) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("scenario.yaml"), "name: <b>bold</b>\nseed: 0\nbackend: cpu\n");
        Files.writeString(run.resolve("summary.json"), """
                {"scenario":"<img src=x onerror=alert(1)>","kind":"q-learning","seed":0,"backend":"cpu",\
                "unit":"episodes","done":20000,"budget":20000,"finished":true,"wall_s":0.219778089,\
                "eval_mean_return":0.724,"eval_std_return":0.4470167782086037}
                """);
        Files.writeString(run.resolve("metrics.csv"), "episodes,wall_s,return,length\n500,0.02,0.006,7.6\n");
        Files.writeString(run.resolve("eval.csv"), "episodes,wall_s,mean_return\n500,0.03,0.724\n");
        Files.createDirectories(run.resolve("plots"));
        for (String plot : List.of("length.png", "eval_mean_return.png", "return.png", "a b#\"c\".png")) {
            Files.write(run.resolve("plots").resolve(plot), new byte[] {1});
        }
        Files.createDirectories(run.resolve("recordings"));
        Files.write(run.resolve("recordings/000000005000.gif"), new byte[] {1});
        return run;
    }

    private static String page(Path folder) throws IOException {
        return Files.readString(folder.resolve(Report.FILE), StandardCharsets.UTF_8);
    }

    @Test
    void aRunsReportEscapesEveryTextAndLinksItsImagesRelatively() throws IOException {
        Path run = run("run");
        Report.Written written = Report.write(run);
        assertEquals(Report.Kind.RUN, written.kind());
        assertEquals(run.toAbsolutePath().resolve("report.html"), written.report());
        String html = page(run);
        assertFalse(html.contains("<img src=x") || html.contains("<b>bold"), "text must not become markup");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the summary's text, escaped");
        assertTrue(html.contains("name: &lt;b&gt;bold&lt;/b&gt;"), "the scenario in a pre, escaped");
        assertTrue(html.contains("src=\"plots/a%20b%23%22c%22.png\""), "a file name is percent-encoded into its link");
        assertTrue(html.contains("src=\"recordings/000000005000.gif\"") && html.contains("after 5,000 episodes"));
        List<String> images = sources(html);
        assertEquals(List.of("plots/return.png", "plots/length.png", "plots/eval_mean_return.png",
                "plots/a%20b%23%22c%22.png", "recordings/000000005000.gif"), images,
                "plots in the order the run logs them, then the others, then the recordings");
        assertTrue(html.contains("<span title=\"0.4470167782086037\">0.44702</span>"), "long numbers are rounded");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing from the network");
        try (Stream<Path> files = Files.list(run)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "written through a temp file");
        }
    }

    private static List<String> sources(String html) {
        Matcher m = Pattern.compile("<img src=\"([^\"]*)\"").matcher(html);
        return m.results().map(r -> r.group(1)).toList();
    }

    @Test
    void thePagesOneScriptIsTheOneItsPolicyAllows() throws Exception {
        Path run = run("run");
        Report.write(run);
        String html = page(run).replace("&#39;", "'");
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(script.find());
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertTrue(html.contains("script-src 'sha256-" + hash + "'"), html);
        assertTrue(html.contains("default-src 'none'"), "no other source is allowed");
        assertFalse(script.find(), "one script");
    }

    @Test
    void aFolderJdiveDidNotWriteIsRefusedNamingItAndWhatWasExpected() throws IOException {
        Path other = Files.createDirectories(dir.resolve("holiday-photos"));
        Files.writeString(other.resolve("results.csv"), "name,place\n");
        Report.NotReportable e = assertThrows(Report.NotReportable.class, () -> Report.write(other));
        assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("expected a run folder"),
                e.getMessage());
        assertFalse(Files.exists(other.resolve(Report.FILE)));
        assertTrue(assertThrows(Report.NotReportable.class, () -> Report.write(dir.resolve("missing")))
                .getMessage().contains("no folder"));
    }

    @Test
    void aSuitesReportListsItsRunsWithTheirOwnReportsAndThePublishedFigures() throws IOException {
        Path bench = Files.createDirectories(dir.resolve("bench-tiny-20261207-120000"));
        Path seed0 = Files.move(run("a"), bench.resolve("a-cpu-seed0"));
        Path seed1 = Files.move(run("b"), bench.resolve("a-cpu-seed1"));
        Files.writeString(bench.resolve("results.csv"), """
                scenario,backend,seed,unit,done,metric,value,late_return,wall_s,skipped,diverged
                a,cpu,0,episodes,200,mean_return,0.7,0.5,0.1,"",""
                a,cpu,1,episodes,200,mean_return,0.8,0.5,0.1,"",""
                b,djl,0,episodes,0,,NaN,,0,"djl: no libtorch, here",""
                """);
        Files.writeString(bench.resolve("results.md"), """
                | scenario | backend | final value (± std over seeds) |
                |---|---|---|
                | a | cpu | 0.750 ± 0.050 |
                | b \\| c | djl | skipped: <no libtorch> |
                """);
        assertEquals(Report.Kind.SUITE, Report.kind(bench), "a suite's results.csv tells a bench folder");
        Files.writeString(bench.resolve("suite.yaml"), """
                scenarios: [a.yaml, b.yaml]
                seeds: [0, 1]
                backends: [cpu]
                published:
                  a: {value: 0.74, std: 0.01, source: "Someone et al. <2020>"}
                  b: {value: 1, figure: training, source: "nobody"}
                """);
        Report.Written written = Report.write(bench);
        assertEquals(new Report.Written(Report.Kind.SUITE, bench.toAbsolutePath().resolve(Report.FILE), 2), written);
        String html = page(bench);
        assertTrue(html.contains("<td>b | c</td>") && html.contains("skipped: &lt;no libtorch&gt;"), "results.md as a table");
        assertTrue(html.contains("<td class=\"num\">0.750 ± 0.050</td>"), html);
        assertTrue(html.contains("0.750 ± 0.050</td><td class=\"num\">0.74 ± 0.01</td><td>Someone et al. &lt;2020&gt;"),
                "jdive's mean ± std over seeds beside the published figure: " + html);
        assertTrue(html.contains("not run yet</td><td class=\"num\">1</td><td>nobody"), html);
        assertTrue(html.contains("href=\"a-cpu-seed0/report.html\"") && html.contains("href=\"a-cpu-seed1/report.html\""));
        for (Path run : List.of(seed0, seed1)) {
            assertTrue(page(run).contains("<a href=\"../report.html\">bench-tiny-20261207-120000</a>"), "a link up");
        }
    }

    @Test
    void aSweepsReportHasItsTrialsAndBestConfiguration() throws IOException {
        Path sweep = Files.createDirectories(dir.resolve("sweep-grid-20261207-120000"));
        Files.writeString(sweep.resolve("sweep.yaml"), "scenario: ../base.yaml\n");
        Files.writeString(sweep.resolve("best.yaml"), "# The best configuration\nname: base\n");
        Files.writeString(sweep.resolve("results.md"), "| trial | agent.alpha | mean_return |\n|---|---|---|\n| 3 | 0.1 | 0.72 |\n");
        Files.createDirectories(sweep.resolve("trials"));
        Files.move(run("t"), sweep.resolve("trials/003-seed0"));
        assertEquals(2, 1 + Report.write(sweep).runReports());
        String html = page(sweep);
        assertTrue(html.contains("<th>agent.alpha</th>") && html.contains("# The best configuration"));
        assertTrue(html.contains("href=\"trials/003-seed0/report.html\""));
        assertTrue(page(sweep.resolve("trials/003-seed0")).contains("<a href=\"../../report.html\">"));
    }

    @Test
    void pipeTablesAndCsvFilesReadBack() {
        Tables.Table md = Tables.markdown("text before\n| a | b |\n|---|:-:|\n| 1 | x \\| y |\n| 2 |\n\nafter\n").orElseThrow();
        assertEquals(List.of("a", "b"), md.header());
        assertEquals(List.of(List.of("1", "x | y"), List.of("2", "")), md.rows());
        assertTrue(Tables.markdown("| no | separator |\n| 1 | 2 |\n").isEmpty());
        Tables.Table csv = Tables.csv("x,note\n1,\"a, \"\"quoted\"\" note\"\n2\n");
        assertEquals(List.of(List.of("1", "a, \"quoted\" note"), List.of("2", "")), csv.rows());
    }
}
