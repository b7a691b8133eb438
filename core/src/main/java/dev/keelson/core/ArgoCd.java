package dev.keelson.core;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where Argo CD finds the platform's Kustomize output, and where it runs: the parameters of
 * {@link Synth#writeArgoCd(java.nio.file.Path, ArgoCd)} ({@code synth --format argocd}).
 *
 * <pre>{@code
 * ArgoCd argo = ArgoCd.source("https://github.com/acme/shop-deploy.git", "gitops/kustomize")
 *         .withTargetRevision("main");
 * Keelson.synth(platform).writeArgoCd(Path.of("gitops/argocd"), argo);
 * }</pre>
 *
 * @param repoURL the Git repository Argo CD reads ({@code spec.source.repoURL}); the AppProject
 *     allows this repository only
 * @param path the folder of that repository that holds {@code synth --format kustomize}'s output;
 *     each environment's Application reads {@code <path>/<environment>}
 * @param targetRevision the branch, tag or commit Argo CD follows. Default: {@code HEAD}
 * @param namespace the namespace Argo CD runs in, where the Applications and the AppProject live.
 *     Default: {@code argocd}
 * @param server the cluster the environments are deployed to ({@code spec.destination.server}).
 *     Default: {@code https://kubernetes.default.svc}, the cluster Argo CD runs in
 */
public record ArgoCd(String repoURL, String path, String targetRevision, String namespace, String server) {

    /** {@code spec.destination.server} of the cluster Argo CD runs in. */
    public static final String IN_CLUSTER = "https://kubernetes.default.svc";

    /**
     * Checks every parameter at once, naming it and the value: a repository URL Argo CD can read
     * (a URL with a scheme, or {@code git@host:path}), a relative path without {@code ..}, no
     * blank values.
     *
     * @param repoURL the Git repository Argo CD reads
     * @param path the repository folder with the Kustomize output
     * @param targetRevision the branch, tag or commit to follow
     * @param namespace the namespace Argo CD runs in
     * @param server the cluster to deploy to
     */
    public ArgoCd {
        Require.nonNull(repoURL, "repoURL");
        Require.nonNull(path, "path");
        Require.nonNull(targetRevision, "targetRevision");
        Require.nonNull(namespace, "namespace");
        Require.nonNull(server, "server");
        if (!repoURL.matches("git@[^\\s:]+:\\S+") && !hasScheme(repoURL)) {
            throw new IllegalArgumentException("ArgoCd: repoURL '" + repoURL + "' is not a repository URL Argo CD can "
                    + "read. Fix: https://github.com/<owner>/<repo>.git or git@github.com:<owner>/<repo>.git");
        }
        String trimmed = path.replaceAll("^\\./", "").replaceAll("/+$", "");
        if (trimmed.isEmpty() || trimmed.startsWith("/") || trimmed.equals("..") || trimmed.startsWith("../")
                || trimmed.contains("/../") || trimmed.endsWith("/..") || trimmed.matches(".*\\s.*")) {
            throw new IllegalArgumentException("ArgoCd: path '" + path + "' must be a folder of the repository, relative "
                    + "to its root, without '..' or spaces. Fix: the folder synth --format kustomize wrote, e.g. gitops/kustomize");
        }
        path = trimmed;
        if (targetRevision.isBlank() || targetRevision.matches(".*\\s.*")) {
            throw new IllegalArgumentException("ArgoCd: targetRevision '" + targetRevision + "' is blank or holds spaces. "
                    + "Fix: a branch, tag or commit, e.g. main");
        }
        if (!KubernetesSyntax.dnsLabel(namespace)) {
            throw new IllegalArgumentException("ArgoCd: namespace '" + namespace + "' is not a namespace name (a DNS "
                    + "label). Fix: the namespace Argo CD runs in, e.g. argocd");
        }
        if (!hasScheme(server)) {
            throw new IllegalArgumentException("ArgoCd: server '" + server + "' is not a URL. Fix: the API server's URL, "
                    + "e.g. " + IN_CLUSTER);
        }
    }

    /**
     * Argo CD reads {@code <path>/<environment>} of {@code repoURL} at {@code HEAD}, runs in the
     * {@code argocd} namespace and deploys to its own cluster.
     */
    public static ArgoCd source(String repoURL, String path) {
        Require.nonNull(repoURL, "repoURL");
        Require.nonNull(path, "path");
        return new ArgoCd(repoURL, path, "HEAD", "argocd", IN_CLUSTER);
    }

    /** The branch, tag or commit Argo CD follows. Default: {@code HEAD}. */
    public ArgoCd withTargetRevision(String targetRevision) {
        Require.nonNull(targetRevision, "targetRevision");
        return new ArgoCd(repoURL, path, targetRevision, namespace, server);
    }

    /** The namespace Argo CD runs in. Default: {@code argocd}. */
    public ArgoCd withNamespace(String namespace) {
        Require.nonNull(namespace, "namespace");
        return new ArgoCd(repoURL, path, targetRevision, namespace, server);
    }

    /** The cluster to deploy to. Default: {@link #IN_CLUSTER}. */
    public ArgoCd withServer(String server) {
        Require.nonNull(server, "server");
        return new ArgoCd(repoURL, path, targetRevision, namespace, server);
    }

    private static boolean hasScheme(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() != null && uri.getHost() != null || "file".equals(uri.getScheme());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
