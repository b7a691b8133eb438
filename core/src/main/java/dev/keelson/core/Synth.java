package dev.keelson.core;

import dev.keelson.core.internal.Pipeline;
import dev.keelson.core.internal.gitops.ArgoCdOutput;
import dev.keelson.core.internal.gitops.HelmChart;
import dev.keelson.core.internal.gitops.Kustomize;
import dev.keelson.core.internal.yaml.AtomicTree;
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
 *
 * synth.writeHelmChart(Path.of("gitops/helm"));          // gitops/helm/<platform>/Chart.yaml, values-<env>.yaml, ...
 * synth.writeKustomize(Path.of("gitops/kustomize"));     // gitops/kustomize/<env>/kustomization.yaml, ...
 * synth.writeArgoCd(Path.of("gitops/argocd"),            // an AppProject and an Application per environment
 *         ArgoCd.source("https://github.com/acme/shop-deploy.git", "gitops/kustomize").withTargetRevision("main"));
 * }</pre>
 *
 * <p>Every write replaces its directory as a whole and atomically, as {@link #writeTo(Path)} does
 * (entries of the directory it does not write are kept): a platform that fails synthesis, or a
 * failed write, changes nothing. See docs/gitops.md.
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
     * Writes a Helm chart of the platform to {@code <dir>/<platform>/}: {@code Chart.yaml}
     * (apiVersion v2), {@code values.yaml} (the first environment's values), one
     * {@code values-<environment>.yaml} per environment covered (what differs from
     * {@code values.yaml}), and {@code templates/} with one template per file {@link #writeTo(Path)}
     * writes ({@code 00-namespace.yaml}, one per tier). The values are what operators change without
     * a rebuild: each tier workload's image (repository, tag, digest), replicas and resources, its
     * autoscaler's {@code minReplicas} and {@code maxReplicas}, the tier's hosts, the namespace, and
     * switches ({@code tiers.<tier>.optional}) for the objects nothing else refers to, which can be
     * left out safely: a VerticalPodAutoscaler, a ServiceMonitor, a PrometheusRule, a Grafana dashboard.
     * {@code helm template <name> <dir>/<platform> -f values-<environment>.yaml} gives the objects
     * this synthesis gives for that environment.
     *
     * @return what was written
     * @throws ValidationException when an environment does not synthesize (nothing is written)
     */
    public Output writeHelmChart(Path dir) {
        Require.nonNull(dir, "dir");
        List<Manifest> manifests = manifests();
        return output(dir, AtomicTree.writeTree(dir, staging -> HelmChart.write(platform, manifests, staging)));
    }

    /**
     * Writes Kustomize input: {@code <dir>/<environment>/} with the files {@link #writeTo(Path)}
     * writes and a {@code kustomization.yaml} listing them (with {@code images} and
     * {@code replicas} entries restating the tags and fixed replica counts, for
     * {@code kustomize edit set image}), and {@code <dir>/components/argocd-sync-waves/}, a Component
     * with the Argo CD sync wave of each kind (its rank in {@link KindOrder}).
     * {@code kubectl kustomize <dir>/<environment>} gives the objects this synthesis gives for that
     * environment.
     *
     * @return what was written
     * @throws ValidationException when an environment does not synthesize (nothing is written)
     */
    public Output writeKustomize(Path dir) {
        Require.nonNull(dir, "dir");
        List<Manifest> manifests = manifests();
        return output(dir, AtomicTree.writeTree(dir, staging -> Kustomize.write(manifests, staging)));
    }

    /**
     * Writes Argo CD objects to {@code dir}: {@code appproject.yaml}, an {@code AppProject} that
     * allows only {@code argoCd}'s repository, the environments' namespaces and the kinds the
     * output holds, and {@code application-<environment>.yaml}, an {@code Application} per
     * environment reading {@code <path>/<environment>} of the repository (the output of
     * {@link #writeKustomize(Path)}) with the sync-wave Component, {@code ServerSideApply=true},
     * the replicas of autoscaled Deployments ignored, and automated sync (prune, self-heal)
     * outside production stages.
     *
     * @return what was written
     * @throws ValidationException when an environment does not synthesize (nothing is written)
     */
    public Output writeArgoCd(Path dir, ArgoCd argoCd) {
        Require.nonNull(dir, "dir");
        Require.nonNull(argoCd, "argoCd");
        List<Manifest> manifests = manifests();
        return output(dir, AtomicTree.writeTree(dir, staging -> ArgoCdOutput.write(platform, manifests, argoCd, staging)));
    }

    private Output output(Path dir, long[] counts) {
        return new Output(dir, environments.stream().map(Environment::name).toList(), (int) counts[0], counts[1]);
    }

    /**
     * What {@link #writeHelmChart}, {@link #writeKustomize} or {@link #writeArgoCd} wrote.
     *
     * @param dir the directory
     * @param environments the environments covered
     * @param files how many files
     * @param bytes how many bytes
     */
    public record Output(Path dir, List<String> environments, int files, long bytes) {
        /**
         * Checks {@code dir} and {@code environments} at once, naming the argument and the call when one is invalid.
         *
         * @param dir the directory
         * @param environments the environments covered
         * @param files how many files
         * @param bytes how many bytes
         */
        public Output {
            Require.nonNull(dir, "dir");
            Require.noNulls(environments, "environments");
            environments = List.copyOf(environments);
        }
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
