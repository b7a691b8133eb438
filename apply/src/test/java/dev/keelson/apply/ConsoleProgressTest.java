package dev.keelson.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The commands' output while they work, on a terminal and off one. */
class ConsoleProgressTest {

    private static final ObjectResult WEB = new ObjectResult(new ObjectRef("apps/v1", "Deployment", "shop-dev", "web"),
            ObjectResult.Outcome.CREATED, List.of(), List.of(), "", 1);

    private static String run(boolean live) {
        StringWriter out = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(out), "apply shop/dev\n", r -> ApplyReport.line(r, false),
                live);
        progress.object(WEB);
        progress.waiting(0, 2, List.of("web 0/2 available", "api rolling out"));
        progress.waiting(0, 2, List.of("web 0/2 available", "api rolling out"));
        progress.waiting(1, 2, List.of("api 1/2 available"));
        progress.finish();
        return out.toString();
    }

    @Test
    @DisplayName("on a terminal, the waiting line is rewritten in place and ended before what follows")
    void live() {
        assertThat(run(true)).isEqualTo("apply shop/dev\n  created       Deployment shop-dev/web\n"
                + "\r\u001b[2Kwaiting: 0/2 done, web 0/2 available, api rolling out"
                + "\r\u001b[2Kwaiting: 0/2 done, web 0/2 available, api rolling out"
                + "\r\u001b[2Kwaiting: 1/2 done, api 1/2 available\n");
    }

    @Test
    @DisplayName("off a terminal (or with NO_COLOR), one plain line per change, no escape codes")
    void plain() {
        assertThat(run(false)).isEqualTo("apply shop/dev\n  created       Deployment shop-dev/web\n"
                + "waiting: 0/2 done, web 0/2 available, api rolling out\n"
                + "waiting: 1/2 done, api 1/2 available\n");
    }
}
