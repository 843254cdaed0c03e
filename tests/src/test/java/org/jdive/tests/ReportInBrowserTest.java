package org.jdive.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jdive.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@code jdive report} in a real browser: real runs, a suite and a sweep made through the command, their reports
 * opened from disk in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run}
 * installs), and checked as a reader would see them: the page loaded without an error in the browser's log, every
 * image in it decoded, and it shows every image its folder has. A screenshot of each page is kept in
 * {@code target/report-screenshots/}. Skipped, saying why, where Chromium or its driver is not installed.
 */
class ReportInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");
    private static final Path SCENARIOS = Path.of("..", "scenarios").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    private static ChromeDriver browser;
    /**
     * Quiets Selenium's warning that it has no DevTools bindings for this Chromium: none are needed (the one DevTools
     * command here, the screenshot, goes through the driver). Held here, as the logging framework holds loggers weakly.
     */
    private static final java.util.logging.Logger CDP_VERSIONS =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "no headless browser to open the reports "
                + "in: needs " + CHROMIUM + " and " + DRIVER + " (apt-get install chromium chromium-driver)");
        CDP_VERSIONS.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // a closed network: no background requests (without these flags Chromium keeps trying to reach its services)
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver named here, so Selenium Manager never goes looking for one online
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aRunsReportShowsItsPlotsAndTheGifsOfItsEvaluations() throws IOException {
        Path run = run("frozenlake-qlearning.yaml", "budget.episodes=3000", "eval.every=1000", "eval.episodes=20",
                "log.every=250", "record.gif=true");
        Shown page = report(run, "run.png");
        assertEquals(3, count(run, "recordings", ".gif"), "one GIF per evaluation");
        assertEquals(imagesIn(run), page.images(), "every plot and GIF of the run");
        assertTrue(page.text().contains("Evaluations") && page.text().contains("mean_return"), page.text());
    }

    @Test
    void aGansReportShowsItsSamples() throws IOException {
        Path run = run("ring-gan.yaml", "budget.epochs=2", "model.points=1024", "model.latent_dim=16", "model.hidden=32");
        Shown page = report(run, "gan.png");
        assertEquals(2, count(run, "samples", ".png"), "a sample plot per epoch");
        assertEquals(imagesIn(run), page.images());
    }

    @Test
    void aSuitesReportSetsItsResultsBesideThePublishedFiguresAndLinksEveryRunsReport() throws IOException {
        Path suite = dir.resolve("tiny-suite.yaml");
        Files.writeString(suite, """
                scenarios:
                  - %1$s/frozenlake-vi.yaml
                  - file: %1$s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 2000, eval.every: 1000, eval.episodes: 20, log.every: 250}
                seeds: [0, 1]
                backends: [cpu]
                published:
                  frozenlake-qlearning: {value: 0.74, std: 0.01, source: "a figure made up for this test"}
                """.formatted(SCENARIOS));
        Path runs = Files.createDirectories(dir.resolve("bench"));
        assertEquals(0, jdive("bench", suite.toString(), "--runs", runs.toString()), err.toString(StandardCharsets.UTF_8));
        Path bench = only(runs);
        Shown page = report(bench, "suite.png");
        assertEquals(imagesIn(bench), page.images(), "every plot of the suite");
        assertTrue(page.text().contains("Against published figures") && page.text().contains("a figure made up for this test")
                && page.text().contains("0.74 ± 0.01"), page.text());
        List<Path> children;
        try (Stream<Path> folders = Files.list(bench)) {
            children = folders.filter(p -> Files.isRegularFile(p.resolve("scenario.yaml"))).sorted().toList();
        }
        assertEquals(4, children.size());
        for (Path child : children) {
            assertTrue(page.links().contains(child.resolve("report.html").toUri().toString()), page.links().toString());
        }
        Shown first = open(children.getFirst().resolve("report.html"));
        assertEquals(imagesIn(children.getFirst()), first.images(), "a run's own report, written with the suite's");
        assertTrue(first.links().contains(bench.resolve("report.html").toUri().toString()), "a link back up");
    }

    @Test
    void aSweepsReportShowsItsTrialsAndPlots() throws IOException {
        Files.writeString(dir.resolve("base.yaml"), """
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  episodes: 600
                eval:
                  every: 200
                  episodes: 20
                """);
        Path file = dir.resolve("tiny-sweep.yaml");
        Files.writeString(file, """
                scenario: base.yaml
                space:
                  agent.alpha: {log_uniform: [0.02, 0.5]}
                searcher: grid
                grid_points: 3
                """);
        Path runs = Files.createDirectories(dir.resolve("sweep"));
        assertEquals(0, jdive("sweep", file.toString(), "--runs", runs.toString()), err.toString(StandardCharsets.UTF_8));
        Path sweep = only(runs);
        Shown page = report(sweep, "sweep.png");
        assertEquals(imagesIn(sweep), page.images());
        assertTrue(page.text().contains("Best configuration") && page.text().contains("agent.alpha"), page.text());
    }

    @Test
    void anImageThatCannotBeShownIsCountedInABanner() throws IOException {
        Path run = run("frozenlake-vi.yaml");
        Path plot;
        try (Stream<Path> plots = Files.list(run.resolve("plots"))) {
            plot = plots.sorted().findFirst().orElseThrow();
        }
        Files.write(plot, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'P', 'N', 'G'});
        assertEquals(0, jdive("report", run.toString()));
        Shown page = open(run.resolve("report.html"));
        assertEquals(1, page.broken(), "the damaged plot did not decode");
        assertTrue(page.text().contains("1 image could not be shown: plots/" + plot.getFileName()), page.text());
    }

    // ---- the command, in process

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int jdive(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A run of a shipped scenario with {@code sets}, into a folder of its own; returns the run folder. */
    private Path run(String scenario, String... sets) throws IOException {
        Path runs = Files.createTempDirectory(dir, "runs");
        List<String> args = new ArrayList<>(List.of("run", SCENARIOS.resolve(scenario).toString(), "--quiet", "--runs",
                runs.toString()));
        for (String set : sets) {
            args.addAll(List.of("--set", set));
        }
        assertEquals(0, jdive(args.toArray(String[]::new)), err.toString(StandardCharsets.UTF_8));
        return only(runs);
    }

    private static Path only(Path runs) throws IOException {
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    // ---- the browser

    /**
     * What a page showed once loaded.
     *
     * @param images the images on it (each as the URL it loaded)
     * @param broken how many of them did not load or decode, as the page's own script counted
     * @param text   its visible text
     * @param links  the URLs its links go to
     */
    record Shown(Set<String> images, long broken, String text, List<String> links) {
    }

    /** Writes the folder's report with the command, opens it, checks it and keeps its screenshot. */
    private Shown report(Path folder, String screenshot) throws IOException {
        assertEquals(0, jdive("report", folder.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("report: " + folder.toAbsolutePath().resolve("report.html")),
                out.toString(StandardCharsets.UTF_8));
        Shown page = open(folder.resolve("report.html"));
        assertEquals(0, page.broken(), "every image decoded: " + page.text());
        assertTrue(page.text().contains(folder.getFileName().toString()), page.text());
        screenshot(SCREENSHOTS.resolve(screenshot));
        return page;
    }

    /** Opens a report from disk, waits for its images, and says what it showed; its log must hold no error. */
    @SuppressWarnings("unchecked")
    private static Shown open(Path report) {
        browser.manage().logs().get(LogType.BROWSER); // what earlier pages logged
        browser.get(report.toUri().toString());
        Object broken = null;
        for (long until = System.nanoTime() + 30_000_000_000L; broken == null && System.nanoTime() < until; ) {
            broken = browser.executeScript("return document.body.dataset.brokenImages ?? null;");
            Thread.onSpinWait();
        }
        assertTrue(broken != null, "the page's script ran once it had loaded");
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "the browser's log of " + report);
        Map<String, Object> shown = (Map<String, Object>) browser.executeScript("""
                const images = [...document.images];
                return {
                  images: images.map(i => i.src),
                  decoded: images.filter(i => i.complete && i.naturalWidth > 0).length,
                  text: document.body.innerText,
                  links: [...document.links].map(a => a.href)
                };""");
        List<String> images = (List<String>) shown.get("images");
        long decoded = (Long) shown.get("decoded");
        assertEquals(Long.parseLong(broken.toString()), images.size() - decoded, "the banner counts what did not decode");
        return new Shown(new HashSet<>(images), images.size() - decoded, (String) shown.get("text"),
                (List<String>) shown.get("links"));
    }

    /** The whole page as a PNG, checked to show something (not one flat colour). */
    private static void screenshot(Path file) throws IOException {
        long height = (Long) browser.executeScript("return Math.min(document.documentElement.scrollHeight, 8000);");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1280, "height", height, "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Files.write(file, png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1280, image.getWidth(), file.toString());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, file + " shows " + colours.size() + " colours: is the page blank?");
    }

    /** The URLs of the images the folder has for its report: plots, recordings (GIFs) and samples. */
    private static Set<String> imagesIn(Path folder) throws IOException {
        Set<String> urls = new HashSet<>();
        for (String[] kind : List.of(new String[] {"plots", ".png"}, new String[] {"recordings", ".gif"},
                new String[] {"samples", ".png"})) {
            Path d = folder.resolve(kind[0]);
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    files.filter(p -> p.getFileName().toString().endsWith(kind[1]))
                            .forEach(p -> urls.add(p.toUri().toString()));
                }
            }
        }
        assertTrue(!urls.isEmpty(), folder + " has images to show");
        return urls;
    }

    private static long count(Path folder, String dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }
}
