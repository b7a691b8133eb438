package dev.keelson.core.internal;

import dev.keelson.core.ClusterServices;
import dev.keelson.core.Environment;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import dev.keelson.core.spi.Problems;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The platform's name, its environments and their namespaces and per-tier overrides, and the
 * cluster's shared services: rules KEE-PLAT-*, KEE-CLUSTER-*, and the overrides' share of
 * KEE-TIER, KEE-RES and KEE-EXPO.
 */
final class PlatformChecks extends Checks {

    /** Namespaces Kubernetes itself owns: a platform's objects never go there. */
    private static final Set<String> RESERVED_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** Istio's root namespace: mesh policies there apply mesh-wide. */
    private static final String ISTIO_ROOT_NAMESPACE = "istio-system";

    private final ResourceChecks resources;
    private final ExposureChecks exposure;

    PlatformChecks(Problems problems, ResourceChecks resources, ExposureChecks exposure) {
        super(problems);
        this.resources = resources;
        this.exposure = exposure;
    }

    void checkName(Platform platform, ModelPath root) {
        if (!Names.dnsLabel(platform.name())) {
            error("KEE-PLAT-001", root, "platform name '" + platform.name() + "' is not a DNS label",
                    "use at most 63 lower-case letters, digits and inner dashes, e.g. 'nexus-v3'");
        }
    }

    void checkEnvironments(Platform platform, ModelPath root) {
        Set<String> names = new HashSet<>();
        Set<String> namespaces = new HashSet<>();
        for (Environment env : platform.environments()) {
            ModelPath path = root.environment(env.name());
            if (!Names.dnsLabel(env.name())) {
                error("KEE-PLAT-002", path, "environment name '" + env.name() + "' is not a DNS label",
                        "use at most 63 lower-case letters, digits and inner dashes, e.g. 'prod'");
            } else if (!names.add(env.name())) {
                error("KEE-PLAT-003", path, "environment '" + env.name() + "' is declared twice", "declare each environment once");
            }
            String namespace = env.namespaceIn(platform.name());
            if (!Names.dnsLabel(namespace)) {
                error("KEE-PLAT-004", path.child("namespace"), "namespace '" + namespace + "' is not a DNS label"
                                + (namespace.length() > 63 ? " (" + namespace.length() + " characters, at most 63)" : ""),
                        env.namespace() == null
                                ? "shorten the platform or environment name, or set Environment.namespace(...)"
                                : "use at most 63 lower-case letters, digits and inner dashes");
            } else if (ISTIO_ROOT_NAMESPACE.equals(namespace)) {
                error("KEE-PLAT-005", path.child("namespace"), "namespace 'istio-system' is Istio's root namespace: an allow-nothing "
                                + "AuthorizationPolicy, a PeerAuthentication or a Sidecar there applies to the whole mesh, "
                                + "not to a platform",
                        "give the environment a namespace of its own, e.g. the default '<platform>-<environment>'");
            } else if (RESERVED_NAMESPACES.contains(namespace) || clusterNamespace(platform, namespace)) {
                error("KEE-PLAT-006", path.child("namespace"), "namespace '" + namespace + "' belongs to the cluster"
                                + (RESERVED_NAMESPACES.contains(namespace) ? "" : "'s shared services") + ", not to a platform",
                        "give the environment a namespace of its own, e.g. the default '<platform>-<environment>'");
            } else if (!namespaces.add(namespace)) {
                error("KEE-PLAT-007", path.child("namespace"), "namespace '" + namespace + "' is used by two environments",
                        "give each environment its own namespace");
            }
            exposure.checkEnvironmentHosts(platform, env, path);
            if (env.certificateIssuer() != null) {
                exposure.checkTls(env.certificateIssuer(), path.child("certificateIssuer"));
            }
            for (Map.Entry<String, TierOverride> e : env.overrides().entrySet()) {
                ModelPath opath = path.child("overrides", e.getKey());
                Tier tier = platform.tier(e.getKey()).orElse(null);
                if (tier == null) {
                    error("KEE-PLAT-008", opath, "override names tier '" + e.getKey() + "', which does not exist",
                            "name one of the tiers: " + tierNames(platform));
                    continue;
                }
                TierOverride o = e.getValue();
                if (o.replicas() != null && o.replicas() < 0) {
                    error("KEE-TIER-005", opath.child("replicas"), "replicas " + o.replicas() + " is negative", "use 0 or more replicas");
                }
                if (o.resources() != null) {
                    resources.checkResources(o.resources(), opath.child("resources"));
                }
                if (o.host() != null) {
                    if (tier.exposure() == null) {
                        error("KEE-EXPO-010", opath.child("host"), "host override '" + o.host() + "' for tier '" + tier.name()
                                        + "', which is not exposed",
                                "expose the tier with exposedAt(...), or drop the host override");
                    } else {
                        exposure.checkHost(o.host(), opath.child("host"));
                    }
                }
                if (o.imageTag() != null && tier.image() != null) {
                    String problem = tier.image().withTag(o.imageTag()).problem();
                    if (problem != null) {
                        error("KEE-TIER-004", opath.child("imageTag"), problem, "use a fixed version tag such as '1.4.2'");
                    } else if (tier.image().pinned()) {
                        warning("KEE-PLAT-009", opath.child("imageTag"), "the tag override '" + o.imageTag() + "' replaces the pinned digest of '"
                                + tier.image() + "', so this environment runs an unpinned image",
                                "override with a pinned image instead, or pin the digest in every environment");
                    }
                }
            }
        }
    }

    private static boolean clusterNamespace(Platform platform, String namespace) {
        ClusterServices c = platform.cluster();
        return namespace.equals(c.ingressController().namespace()) || namespace.equals(c.monitoring().namespace())
                || namespace.equals(c.dns().namespace());
    }

    void checkCluster(ClusterServices cluster, ModelPath path) {
        checkWorkloads(cluster.ingressController(), path.child("ingressController"));
        checkWorkloads(cluster.monitoring(), path.child("monitoring"));
        checkWorkloads(cluster.dns(), path.child("dns"));
        if (cluster.nodeLocalDns() != null && !Names.ipv4(cluster.nodeLocalDns())) {
            error("KEE-CLUSTER-001", path.child("nodeLocalDns"), "'" + cluster.nodeLocalDns() + "' is not an IPv4 address",
                    "use the NodeLocal DNSCache address, usually 169.254.20.10");
        }
    }

    private void checkWorkloads(Peer.Workloads w, ModelPath path) {
        if (w.namespace() == null) {
            error("KEE-CLUSTER-002", path.child("namespace"), "no namespace is given", "name the namespace the service runs in, e.g. 'ingress-nginx'");
        } else if (!Names.dnsLabel(w.namespace())) {
            error("KEE-CLUSTER-003", path.child("namespace"), "namespace '" + w.namespace() + "' is not a DNS label",
                    "name the namespace the service runs in: at most 63 lower-case letters, digits and inner dashes");
        }
        checkLabels(w.podLabels(), path.child("podLabels"));
    }

    private static String tierNames(Platform platform) {
        return platform.tiers().isEmpty() ? "(none declared)" : String.join(", ", platform.tiers().stream().map(Tier::name).toList());
    }
}
