package dev.keelson.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML page in a real headless Chromium (Debian's package, installed by {@code .ci/run}): the
 * page's own script marks where each box was laid out, and the screenshot shows a tier's box with
 * its label there. Without Chromium the test fails, saying how to install it; it never skips.
 */
@DisplayName("The graph's HTML page in a real headless Chromium")
class HtmlInBrowserTest {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;

    static Path chromium() {
        String configured = System.getenv("KEELSON_CHROMIUM");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        candidates.add(Path.of("/usr/bin/chromium-browser"));
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("Chromium is not installed (looked at " + candidates + "). Install Debian's package "
                + "(sudo apt-get install -y chromium, as .ci/run does) or set KEELSON_CHROMIUM to the browser's path");
    }

    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(chromium().toString());
        command.addAll(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=" + WIDTH + "," + HEIGHT,
                "--virtual-time-budget=5000"));
        command.addAll(List.of(args));
        Path log = dir.resolve("chromium-" + System.nanoTime() + ".log");
        Path out = dir.resolve("chromium-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish in 90 s: " + command);
        }
        assertThat(p.exitValue()).as("Chromium's exit code; its log:\n" + Files.readString(log)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("each tier's box is laid out on screen, and the screenshot shows the box and its label there")
    void screenshot(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("prod.html");
        Files.writeString(page, PlatformGraph.of(Shop.platform(), "prod").toHtml());

        String dom = run(dir, "--dump-dom", page.toUri().toString());
        assertThat(dom).as("the page's script ran").contains("data-rendered=\"true\"");
        Map<String, int[]> boxes = new LinkedHashMap<>();
        Matcher g = Pattern.compile("<g class=\"node\"[^>]*data-kind=\"TIER\"[^>]*data-label=\"([^\"]+)\"[^>]*data-box=\"([-0-9,]+)\"")
                .matcher(dom);
        while (g.find()) {
            String[] v = g.group(2).split(",");
            boxes.put(g.group(1), new int[] {Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]),
                Integer.parseInt(v[3])});
        }
        assertThat(boxes).as("tiers laid out by the browser").containsOnlyKeys("web", "api");
        // each tier's name is the text of its box, as the browser parsed it
        for (String tier : boxes.keySet()) {
            assertThat(dom).containsPattern("data-label=\"" + tier + "\"[^>]*>\\s*<rect[^>]*/?>(</rect>)?\\s*<text[^>]*>" + tier + "</text>");
        }

        Path shot = dir.resolve("prod.png");
        run(dir, "--screenshot=" + shot, page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).as("a PNG screenshot").isNotNull();
        for (var e : boxes.entrySet()) {
            int[] b = e.getValue();
            assertThat(b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= image.getWidth() && b[1] + b[3] <= image.getHeight())
                    .as("box of " + e.getKey() + " " + List.of(b[0], b[1], b[2], b[3]) + " is on the "
                            + image.getWidth() + "x" + image.getHeight() + " screenshot").isTrue();
            int fill = 0;
            int label = 0;
            for (int x = b[0] + 3; x < b[0] + b[2] - 3; x++) {
                for (int y = b[1] + 3; y < b[1] + b[3] - 3; y++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int gr = (rgb >> 8) & 0xff;
                    int bl = rgb & 0xff;
                    if (Math.abs(r - 0xe3) < 8 && Math.abs(gr - 0xf2) < 8 && Math.abs(bl - 0xfd) < 8) {
                        fill++;
                    } else if (r < 90 && gr < 120 && bl > 110 && y < b[1] + b[3] / 2 + 4) {
                        label++;   // the dark blue of the tier's name, in the upper half of the box
                    }
                }
            }
            int area = (b[2] - 6) * (b[3] - 6);
            assertThat(fill).as("pixels of " + e.getKey() + "'s box fill").isGreaterThan(area / 2);
            assertThat(label).as("pixels of " + e.getKey() + "'s name drawn in its box").isGreaterThan(20);
        }
    }
}
