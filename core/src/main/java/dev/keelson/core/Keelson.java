package dev.keelson.core;

import dev.keelson.core.internal.RunnerImpl;
import java.util.function.Supplier;

/**
 * The entry points: synthesize a platform, or hand a {@code main()}'s arguments to the runner.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Keelson.run(Shop::platform, args);   // synth | print | check | --help | --version
 * }
 *
 * Keelson.synth(platform).writeTo(Path.of("dist"));
 * }</pre>
 */
public final class Keelson {

    private Keelson() {
    }

    /** A synthesis of {@code platform}, which its builder validated already: nothing is checked again here. */
    public static Synth synth(Platform platform) {
        Require.nonNull(platform, "platform");
        return new Synth(platform);
    }

    /** A command-line runner for {@code platform}; add subcommands to it, then {@link Runner#execute}. */
    public static Runner runner(Platform platform) {
        Require.nonNull(platform, "platform");
        return new RunnerImpl(platform);
    }

    /**
     * A command-line runner for the platform {@code platform} builds when a command first needs it.
     * Prefer it to {@link #runner(Platform)} in a {@code main()}: a platform that does not build is
     * then reported like {@code check} reports problems (exit code 1, JSON under
     * {@code --format json}), not as a stack trace, and {@code --help} and {@code --version} work
     * even then. A supplier that returns {@code null} is reported the same way: each command that
     * needs the platform exits 1 with an error that says so.
     */
    public static Runner runner(Supplier<Platform> platform) {
        Require.nonNull(platform, "platform");
        return new RunnerImpl(platform);
    }

    /**
     * Runs the command line {@code args} against {@code platform} and exits the JVM with its exit
     * code (0 success, 1 problems or errors). For use as the last line of a {@code main()}.
     */
    public static void run(Platform platform, String... args) {
        Require.nonNull(platform, "platform");
        Require.noNulls(args, "args");
        int code = runner(platform).execute(args);
        System.exit(code);
    }

    /**
     * Runs the command line {@code args} against the platform {@code platform} builds, and exits
     * the JVM with the exit code; see {@link #runner(Supplier)}. For the last line of a {@code main()}:
     * {@code Keelson.run(Shop::platform, args)}.
     */
    public static void run(Supplier<Platform> platform, String... args) {
        Require.nonNull(platform, "platform");
        Require.noNulls(args, "args");
        int code = runner(platform).execute(args);
        System.exit(code);
    }
}
