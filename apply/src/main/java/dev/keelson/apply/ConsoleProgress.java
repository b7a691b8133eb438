package dev.keelson.apply;

import dev.keelson.apply.internal.Progress;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * The commands' output while they work: each object's line as it completes, and what waiting waits
 * for, rewritten in place on a terminal and one line per change otherwise (or when
 * {@code NO_COLOR} is set).
 */
final class ConsoleProgress implements Progress {

    private static final String CLEAR_LINE = "\r\u001b[2K";

    private final PrintWriter out;
    private final String header;
    private final Function<ObjectResult, String> line;
    private final boolean live;
    private String last = "";
    private boolean onLiveLine;
    private boolean started;

    ConsoleProgress(PrintWriter out, String header, Function<ObjectResult, String> line, boolean live) {
        this.out = out;
        this.header = header;
        this.line = line;
        this.live = live;
    }

    /** Whether progress may rewrite a line: a terminal, {@code NO_COLOR} unset, {@code TERM} not dumb. */
    static boolean terminal() {
        String noColor = System.getenv("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
    }

    @Override
    public synchronized void object(ObjectResult result) {
        start();
        endLiveLine();
        out.print(line.apply(result));
        out.flush();
    }

    @Override
    public synchronized void waiting(int done, int total, List<String> pending) {
        start();
        String text = "waiting: " + done + "/" + total + " done" + (pending.isEmpty() ? "" : ", " + String.join(", ", pending));
        if (live) {
            out.print(CLEAR_LINE + text);
            onLiveLine = true;
        } else if (!text.equals(last)) {
            out.println(text);
        }
        last = text;
        out.flush();
    }

    /** Before the report's tail: the header if nothing was printed yet, and the end of a live line. */
    synchronized void finish() {
        start();
        endLiveLine();
        out.flush();
    }

    private void start() {
        if (!started) {
            out.print(header);
            started = true;
        }
    }

    private void endLiveLine() {
        if (onLiveLine) {
            out.println();
            onLiveLine = false;
        }
    }
}
