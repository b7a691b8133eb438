package dev.keelson.core;

import dev.keelson.core.internal.RunnerImpl;
import java.util.Objects;

/**
 * The entry points: synthesize a platform, or hand a {@code main()}'s arguments to the runner.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Keelson.run(platform(), args);   // synth | print | check | --help
 * }
 *
 * Keelson.synth(platform).writeTo(Path.of("dist"));
 * }</pre>
 */
public final class Keelson {

    private Keelson() {
    }

    /**
     * A synthesis of {@code platform}.
     *
     * @throws ValidationException when the platform is invalid (a platform made with its builder
     *     already is valid; one made with its record constructor is checked here)
     */
    public static Synth synth(Platform platform) {
        return new Synth(Objects.requireNonNull(platform, "platform"));
    }

    /** A command-line runner for {@code platform}; add subcommands to it, then {@link Runner#execute}. */
    public static Runner runner(Platform platform) {
        return new RunnerImpl(Objects.requireNonNull(platform, "platform"));
    }

    /**
     * Runs the command line {@code args} against {@code platform} and exits the JVM with its exit
     * code (0 success, 1 problems or errors). For use as the last line of a {@code main()}.
     */
    public static void run(Platform platform, String... args) {
        int code = runner(platform).execute(args);
        System.exit(code);
    }
}
