package dev.keelson.apply;

import dev.keelson.core.Platform;
import dev.keelson.apply.internal.Kubeconfigs;
import dev.keelson.core.Require;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes cluster to apply platforms to, through a fabric8 client.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.connect(null, "prod-eu")) {          // kubeconfig as kubectl finds it
 *     ApplyReport report = cluster.apply(platform).environment("prod").prune().run();
 *     System.out.print(report);
 * }
 * // or with a client you already have (it stays open):
 * Cluster.of(client).apply(platform).environment("dev").diff();
 * }</pre>
 */
public final class Cluster implements AutoCloseable {

    private final Config config;
    private KubernetesClient client;
    private final boolean owned;
    private final String origin;

    private Cluster(KubernetesClient client, Config config, boolean owned, String origin) {
        this.client = client;
        this.config = config;
        this.owned = owned;
        this.origin = origin;
    }

    /**
     * The cluster {@code client} talks to. The client's own retries (fabric8 retries 429 and 5xx by
     * default) come on top of Keelson's {@link Retry}; {@link #close()} leaves the client open.
     */
    public static Cluster of(KubernetesClient client) {
        Require.nonNull(client, "client");
        return new Cluster(client, null, false, "the client given to Cluster.of");
    }

    /**
     * The cluster of the current context of the kubeconfig kubectl would use ({@code $KUBECONFIG},
     * else {@code ~/.kube/config}; in a pod, its service account).
     */
    public static Cluster connect() {
        return connect(null, null);
    }

    /**
     * The cluster of a kubeconfig context, found as kubectl finds it.
     *
     * @param kubeconfig the kubeconfig file ({@code --kubeconfig}); {@code null} for {@code $KUBECONFIG}
     *     or {@code ~/.kube/config}
     * @param context the context ({@code --context}); {@code null} for the kubeconfig's current context
     * @throws IllegalArgumentException when there is no kubeconfig, the file does not exist or the context is not in it
     */
    public static Cluster connect(@Nullable Path kubeconfig, @Nullable String context) {
        Config config;
        Path file = kubeconfig != null ? kubeconfig : defaultKubeconfig();
        if (kubeconfig == null && file == null && System.getenv("KUBERNETES_SERVICE_HOST") == null) {
            String env = System.getenv("KUBECONFIG");
            throw new IllegalArgumentException("no kubeconfig: " + (env == null || env.isBlank() ? "$KUBECONFIG is not set"
                    : "$KUBECONFIG=" + env + " names no existing file") + " and " + homeKubeconfig() + " does not exist. "
                    + "Fix: pass --kubeconfig FILE, set KUBECONFIG, or write one for your cluster (e.g. kind create cluster, "
                    + "aws eks update-kubeconfig, gcloud container clusters get-credentials)");
        }
        if (kubeconfig != null && !Files.isRegularFile(kubeconfig)) {
            throw new IllegalArgumentException("--kubeconfig " + kubeconfig + " is not a file. Fix: pass the path of "
                    + "an existing kubeconfig, or leave it out to use $KUBECONFIG or ~/.kube/config");
        }
        // an empty, garbled or incomplete kubeconfig is one clear error, before fabric8 reads it
        Kubeconfigs.check(kubeconfig != null ? List.of(kubeconfig) : kubeconfigFiles(), context, kubeconfig != null);
        try {
            if (kubeconfig != null) {
                config = Config.fromKubeconfig(context, kubeconfig.toFile());
            } else if (file != null && (System.getenv("KUBECONFIG") == null || System.getenv("KUBECONFIG").isBlank())) {
                // $HOME/.kube/config, as kubectl finds it ($HOME, not the JVM's user.home)
                config = Config.fromKubeconfig(context, file.toFile());
            } else {
                config = Config.autoConfigure(context);
            }
        } catch (KubernetesClientException e) {
            throw new IllegalArgumentException("cannot load kubeconfig" + (kubeconfig == null ? "" : " " + kubeconfig)
                    + (context == null ? "" : " context '" + context + "'") + ": " + e.getMessage(), e);
        }
        if (context != null && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            throw new IllegalArgumentException("context '" + context + "' is not in the kubeconfig " + file
                    + ". Fix: kubectl config get-contexts" + (kubeconfig == null ? "" : " --kubeconfig " + kubeconfig)
                    + " lists the names");
        }
        // Keelson's Retry is the one retry policy: the client's own would multiply it
        config.setRequestRetryBackoffLimit(0);
        String name = config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
        String origin = file == null ? "the pod's service account"
                : (name == null ? "kubeconfig " : "context '" + name + "' of kubeconfig ") + file;
        // the client is built on first use: a cluster that refuses connections is reported before its start-up cost
        return new Cluster(null, config, true, origin);
    }

    /** The existing files of $KUBECONFIG, else ~/.kube/config if it exists, else none (in a pod: its service account). */
    private static List<Path> kubeconfigFiles() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            List<Path> files = new ArrayList<>();
            for (String entry : env.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
                    files.add(Path.of(entry));
                }
            }
            return files;
        }
        Path home = homeKubeconfig();
        return Files.isRegularFile(home) ? List.of(home) : List.of();
    }

    /** The first existing file of $KUBECONFIG, else ~/.kube/config if it exists, else null (as fabric8 and kubectl look). */
    private static Path defaultKubeconfig() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            for (String entry : env.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank() && Files.isRegularFile(Path.of(entry))) {
                    return Path.of(entry);
                }
            }
            return null;
        }
        Path home = homeKubeconfig();
        return Files.isRegularFile(home) ? home : null;
    }

    private static Path homeKubeconfig() {
        String property = System.getProperty("kubeconfig");
        if (property != null) {
            return Path.of(property);
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".kube", "config");
    }

    /**
     * Where the connection comes from, for messages: e.g. {@code context 'kind-dev' of kubeconfig
     * /home/me/.kube/config}.
     */
    public String origin() {
        return origin;
    }

    /** The client (built on first call for a cluster from {@link #connect}). */
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(config).build();
        }
        return client;
    }

    /** Whether requests go through an HTTP(S) proxy (then a direct connection says nothing about reachability). */
    boolean viaProxy() {
        return config == null || config.getHttpProxy() != null || config.getHttpsProxy() != null;
    }

    /** The API server's URL. */
    public String server() {
        if (config != null) {
            String url = config.getMasterUrl();
            return url == null || url.endsWith("/") ? String.valueOf(url) : url + "/";
        }
        return String.valueOf(client.getMasterUrl());
    }

    /** An apply of {@code platform} to this cluster, to configure and then {@link Apply#run()} or {@link Apply#diff()}. */
    public Apply apply(Platform platform) {
        Require.nonNull(platform, "platform");
        return new Apply(this, platform);
    }

    /** Closes the client if this cluster created it ({@link #connect}); a client given to {@link #of} stays open. */
    @Override
    public synchronized void close() {
        if (owned && client != null) {
            client.close();
        }
    }
}
