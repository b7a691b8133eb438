package dev.keelson.security;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Require;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An audit policy for the Kubernetes API server ({@code audit.k8s.io/v1} {@code Policy}), for the
 * cluster's operators: every change to the platform's namespaces is logged with its request and
 * response, Secrets (and ServiceAccount tokens) only with their metadata, so no credential reaches
 * the log, and everything else, reads included, with its metadata. It is not a Kubernetes API
 * object: it goes to {@code kube-apiserver --audit-policy-file}, never to {@code kubectl apply}, so
 * synthesis never writes it into {@code dist/<environment>/}; it is written only when asked, by
 * this API or the runner's {@code audit-policy} command ({@link AuditPolicyCommand}).
 *
 * <pre>{@code
 * AuditPolicy.of(platform).writeTo(Path.of("dist/audit-policy.yaml"));   // beside dist/<env>/, not in it
 * }</pre>
 *
 * <p>The API server has one policy for the whole cluster and the first matching rule wins: a
 * cluster that runs several platforms merges their {@code RequestResponse} rules (the namespace
 * lists) into one policy, keeping the Secrets rule first.
 */
public final class AuditPolicy {

    private final String platform;
    private final List<String> namespaces;

    private AuditPolicy(String platform, List<String> namespaces) {
        this.platform = platform;
        this.namespaces = List.copyOf(namespaces);
    }

    /** The audit policy for {@code platform}'s namespaces, one per environment, in declaration order. */
    public static AuditPolicy of(Platform platform) {
        Require.nonNull(platform, "platform");
        List<String> namespaces = new ArrayList<>();
        for (Environment e : platform.environments()) {
            namespaces.add(e.namespaceIn(platform.name()));
        }
        return new AuditPolicy(platform.name(), namespaces);
    }

    /** The namespaces whose changes are logged with request and response. */
    public List<String> namespaces() {
        return namespaces;
    }

    /** The policy as YAML, for {@code --audit-policy-file}. Byte-stable for the same platform. */
    public String toYaml() {
        StringBuilder y = new StringBuilder();
        y.append("# The API server's audit policy for platform '").append(platform).append("', written by Keelson.\n");
        y.append("# Not a Kubernetes API object: give it to kube-apiserver --audit-policy-file; do not kubectl apply it.\n");
        y.append("apiVersion: audit.k8s.io/v1\n");
        y.append("kind: Policy\n");
        y.append("omitStages:\n- RequestReceived\n");
        y.append("rules:\n");
        y.append("# health probes: not worth a line each\n");
        y.append("- level: None\n  nonResourceURLs:\n  - /healthz*\n  - /livez*\n  - /readyz*\n  - /version\n");
        y.append("# Secrets and ServiceAccount tokens, everywhere: who did what, never their contents\n");
        y.append("- level: Metadata\n  resources:\n  - group: \"\"\n    resources:\n    - secrets\n    - serviceaccounts/token\n");
        y.append("# changes to the platform's namespaces: the request and the response\n");
        y.append("- level: RequestResponse\n  verbs:\n");
        for (String v : List.of("create", "update", "patch", "delete", "deletecollection")) {
            y.append("  - ").append(v).append('\n');
        }
        y.append("  namespaces:\n");
        for (String ns : namespaces) {
            y.append("  - ").append(ns).append('\n');
        }
        y.append("# changes to the cluster-wide admission objects that guard them\n");
        y.append("- level: RequestResponse\n  verbs:\n");
        for (String v : List.of("create", "update", "patch", "delete", "deletecollection")) {
            y.append("  - ").append(v).append('\n');
        }
        y.append("  resources:\n");
        y.append("  - group: admissionregistration.k8s.io\n    resources:\n    - validatingadmissionpolicies\n"
                + "    - validatingadmissionpolicybindings\n");
        y.append("  - group: policy.sigstore.dev\n    resources:\n    - clusterimagepolicies\n");
        y.append("# everything else, reads included: who, what, when\n");
        y.append("- level: Metadata\n");
        return y.toString();
    }

    /**
     * Writes {@link #toYaml()} to {@code file}, whole or not at all (a temporary file beside it,
     * renamed into place). Keep it out of {@code dist/<environment>/}, which is for
     * {@code kubectl apply}.
     */
    public void writeTo(Path file) {
        Require.nonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, toYaml(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit policy to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AuditPolicy[" + platform + ", namespaces=" + namespaces + "]";
    }
}
