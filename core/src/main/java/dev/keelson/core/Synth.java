package dev.keelson.core;

import dev.keelson.core.internal.Pipeline;
import dev.keelson.core.internal.yaml.OutputWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A synthesis of a platform, ready to produce manifests or files. Environments are synthesized
 * when asked for, one at a time.
 *
 * <pre>{@code
 * Synth synth = Keelson.synth(platform);
 * synth.writeTo(Path.of("dist"));             // dist/dev/..., dist/prod/...
 * synth.environments("prod").writeTo(out);    // only prod
 * Manifest prod = synth.manifest("prod");
 * }</pre>
 */
public final class Synth {

    private final Platform platform;
    private final List<Environment> environments;
    private final List<Problem> warnings;

    Synth(Platform platform) {
        this(platform, platform.environments(), platform.warnings());
    }

    private Synth(Platform platform, List<Environment> environments, List<Problem> warnings) {
        this.platform = platform;
        this.environments = List.copyOf(environments);
        this.warnings = warnings;
    }

    /** The platform. */
    public Platform platform() {
        return platform;
    }

    /** The environments this synthesis covers, in order. */
    public List<Environment> environments() {
        return environments;
    }

    /**
     * This synthesis limited to the named environments (in the platform's order).
     *
     * @throws IllegalArgumentException naming the unknown environments and the known ones
     */
    public Synth environments(String... names) {
        Require.noNulls(names, "names");
        List<String> wanted = List.of(names);
        List<String> unknown = new ArrayList<>();
        for (String name : wanted) {
            if (platform.environment(name).isEmpty()) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown environment(s) " + unknown + " in platform '" + platform.name()
                    + "'; it has " + platform.environments().stream().map(Environment::name).toList());
        }
        List<Environment> chosen = new ArrayList<>();
        for (Environment e : environments) {
            if (wanted.contains(e.name())) {
                chosen.add(e);
            }
        }
        return new Synth(platform, chosen, warnings);
    }

    /**
     * The manifest of one environment.
     *
     * @throws IllegalArgumentException for an unknown environment
     * @throws ValidationException when a feature or check reports an error
     */
    public Manifest manifest(String environment) {
        Require.nonNull(environment, "environment");
        Environment env = platform.environment(environment).orElseThrow(() -> new IllegalArgumentException(
                "unknown environment '" + environment + "' in platform '" + platform.name() + "'; it has "
                        + platform.environments().stream().map(Environment::name).toList()));
        return Pipeline.synthesize(platform, env, warnings);
    }

    /**
     * The manifests of every environment covered, in order. Holds them all in memory; to write
     * files, prefer {@link #writeTo(Path)}, which holds one environment at a time.
     *
     * @throws ValidationException with the problems of every failing environment
     */
    public List<Manifest> manifests() {
        List<Manifest> all = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Environment env : environments) {
            try {
                all.add(Pipeline.synthesize(platform, env, warnings));
            } catch (ValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(platform.name(), dedupe(problems));
        }
        return all;
    }

    /**
     * Writes {@code <dir>/<environment>/*.yaml} for every environment covered: one file for the
     * environment's own objects ({@code 00-namespace.yaml}) and one per tier, ready for
     * {@code kubectl apply -f <dir>/<environment>/}. Writing is atomic per run, and survives a
     * crash: the whole new output is built as a complete tree beside {@code dir}
     * ({@code .<dir>.keelson-new-*}, other environments and files of {@code dir} hard-linked in)
     * and renamed into place only when every environment succeeded; a reader sees the old output
     * or the new one, never a mix. A process killed between the two renames leaves a complete tree
     * that the next write rolls forward; temporaries of processes that are gone are removed then.
     * {@code dir} must be a directory of its own: not empty, not the working directory or one of
     * its ancestors.
     *
     * @return per environment, how many objects, files and bytes were written
     * @throws ValidationException when a feature or check reports an error (nothing is replaced)
     * @throws IllegalArgumentException when {@code dir} cannot be replaced as a whole
     * @throws java.io.UncheckedIOException when writing fails, saying why (nothing is replaced)
     */
    public List<Written> writeTo(Path dir) {
        Require.nonNull(dir, "dir");
        List<Supplier<Manifest>> suppliers = new ArrayList<>();
        for (Environment env : environments) {
            suppliers.add(() -> Pipeline.synthesize(platform, env, warnings));
        }
        List<Written> written = new ArrayList<>();
        for (OutputWriter.Written w : OutputWriter.write(platform.name(), dir, suppliers)) {
            written.add(new Written(w.environment(), w.objects(), w.files(), w.bytes()));
        }
        return written;
    }

    /**
     * What {@link #writeTo(Path)} wrote for one environment.
     *
     * @param environment the environment
     * @param objects how many objects
     * @param files how many files
     * @param bytes how many bytes
     */
    public record Written(String environment, int objects, int files, long bytes) {
        /**
         * Checks {@code environment} at once, naming the argument and the call when one is invalid.
         *
         * @param environment the environment
         * @param objects how many objects
         * @param files how many files
         * @param bytes how many bytes
         */
        public Written {
            Require.nonNull(environment, "environment");
        }
    }

    private static List<Problem> dedupe(List<Problem> problems) {
        List<Problem> unique = new ArrayList<>();
        for (Problem p : problems) {
            if (!unique.contains(p)) {
                unique.add(p);
            }
        }
        return unique;
    }
}
