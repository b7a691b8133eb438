package dev.keelson.core.internal;

import dev.keelson.core.ClusterServices;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Image;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Problem;
import dev.keelson.core.Problems;
import dev.keelson.core.Protocol;
import dev.keelson.core.Resources;
import dev.keelson.core.SecretRef;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;
import dev.keelson.core.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole platform and collects every problem, each with a stable path and a rule ID (one
 * row each in {@code docs/validation-rules.md}; one rule keeps one ID wherever it applies). Internal: use
 * {@link Platform.Builder#build()}.
 */
public final class ModelValidator implements Problems {

    /** The largest user or group ID Kubernetes accepts. */
    private static final long MAX_ID = Integer.MAX_VALUE;
    /** The most data a ConfigMap may hold (etcd's object limit as enforced by the API server). */
    private static final int MAX_CONFIG_BYTES = 1024 * 1024;

    /** Application protocols whose requests a mesh or Cilium can match by method and path. */
    private static final Set<String> L7_PROTOCOLS = Set.of("http", "http2", "h2c", "grpc", "grpc-web");

    /** Namespaces Kubernetes itself owns: a platform's objects never go there. */
    private static final Set<String> RESERVED_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** Istio's root namespace: mesh policies there apply mesh-wide. */
    private static final String ISTIO_ROOT_NAMESPACE = "istio-system";

    private final List<Problem> problems = new ArrayList<>();

    private ModelValidator() {
    }

    /**
     * Validates {@code platform}; called once per platform, by its constructor.
     *
     * @return the warnings found
     * @throws ValidationException with every problem, when there is an error
     */
    public static List<Problem> validate(Platform platform) {
        ModelValidator v = new ModelValidator();
        v.check(platform);
        boolean failed = false;
        List<Problem> warnings = new ArrayList<>();
        for (Problem p : v.problems) {
            if (p.severity() == Problem.Severity.ERROR) {
                failed = true;
            } else {
                warnings.add(p);
            }
        }
        if (failed) {
            throw new ValidationException(platform.name(), v.problems);
        }
        return List.copyOf(warnings);
    }

    @Override
    public void report(Problem problem) {
        RuleIds.require(problem);
        problems.add(problem);
    }

    private void check(Platform platform) {
        String root = platform.name().isBlank() ? "<unnamed>" : platform.name();
        if (!Names.dnsLabel(platform.name())) {
            error("KEE-PLAT-001", root, "platform name '" + platform.name() + "' is not a DNS label",
                    "use at most 63 lower-case letters, digits and inner dashes, e.g. 'nexus-v3'");
        }
        checkEnvironments(platform, root);
        checkCluster(platform.cluster(), root + "/cluster");
        checkTls(platform.certificateIssuer(), root + "/certificateIssuer");

        Map<String, Tier> byName = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (Tier tier : platform.tiers()) {
            if (byName.putIfAbsent(tier.name(), tier) != null && duplicates.add(tier.name())) {
                error("KEE-TIER-001", root + "/tiers/" + tier.name(), "tier name '" + tier.name() + "' is used twice",
                        "give every tier its own name");
            }
        }
        Map<String, String> exposedAt = new HashMap<>();
        for (Tier tier : platform.tiers()) {
            checkTier(platform, tier, root + "/tiers/" + tier.name(), byName, exposedAt);
        }
        Set<String> envNames = new HashSet<>();
        platform.environments().forEach(e -> envNames.add(e.name()));
        for (var c : platform.customizations()) {
            if (c.environment() != null && !envNames.contains(c.environment())) {
                error("KEE-CUST-001", root + "/customize/" + c.kind().getSimpleName() + "/" + c.name(),
                        "customization names environment '" + c.environment() + "', which does not exist",
                        "name one of the environments: " + String.join(", ", platform.environments().stream().map(Environment::name).toList()));
            }
        }
        for (var raw : platform.rawObjects()) {
            if (raw instanceof Platform.InEnvironment only && !envNames.contains(only.environment())) {
                error("KEE-RAW-004", root + "/add/" + only.environment(),
                        "add(...) names environment '" + only.environment() + "', which does not exist",
                        "name one of the environments: " + String.join(", ", platform.environments().stream().map(Environment::name).toList()));
            }
        }
        // features validate after core, in the documented order: platform features, then each tier's
        for (PlatformFeature feature : platform.features()) {
            feature.validate(platform, this);
        }
        for (Tier tier : platform.tiers()) {
            for (TierFeature feature : tier.features()) {
                feature.validate(platform, tier, root + "/tiers/" + tier.name(), this);
            }
        }
    }

    private void checkEnvironments(Platform platform, String root) {
        Set<String> names = new HashSet<>();
        Set<String> namespaces = new HashSet<>();
        for (Environment env : platform.environments()) {
            String path = root + "/environments/" + env.name();
            if (!Names.dnsLabel(env.name())) {
                error("KEE-PLAT-002", path, "environment name '" + env.name() + "' is not a DNS label",
                        "use at most 63 lower-case letters, digits and inner dashes, e.g. 'prod'");
            } else if (!names.add(env.name())) {
                error("KEE-PLAT-003", path, "environment '" + env.name() + "' is declared twice", "declare each environment once");
            }
            String namespace = env.namespaceIn(platform.name());
            if (!Names.dnsLabel(namespace)) {
                error("KEE-PLAT-004", path + "/namespace", "namespace '" + namespace + "' is not a DNS label"
                                + (namespace.length() > 63 ? " (" + namespace.length() + " characters, at most 63)" : ""),
                        env.namespace() == null
                                ? "shorten the platform or environment name, or set Environment.namespace(...)"
                                : "use at most 63 lower-case letters, digits and inner dashes");
            } else if (ISTIO_ROOT_NAMESPACE.equals(namespace)) {
                error("KEE-PLAT-005", path + "/namespace", "namespace 'istio-system' is Istio's root namespace: an allow-nothing "
                                + "AuthorizationPolicy, a PeerAuthentication or a Sidecar there applies to the whole mesh, "
                                + "not to a platform",
                        "give the environment a namespace of its own, e.g. the default '<platform>-<environment>'");
            } else if (RESERVED_NAMESPACES.contains(namespace) || clusterNamespace(platform, namespace)) {
                error("KEE-PLAT-006", path + "/namespace", "namespace '" + namespace + "' belongs to the cluster"
                                + (RESERVED_NAMESPACES.contains(namespace) ? "" : "'s shared services") + ", not to a platform",
                        "give the environment a namespace of its own, e.g. the default '<platform>-<environment>'");
            } else if (!namespaces.add(namespace)) {
                error("KEE-PLAT-007", path + "/namespace", "namespace '" + namespace + "' is used by two environments",
                        "give each environment its own namespace");
            }
            checkEnvironmentHosts(platform, env, path);
            if (env.certificateIssuer() != null) {
                checkTls(env.certificateIssuer(), path + "/certificateIssuer");
            }
            for (Map.Entry<String, TierOverride> e : env.overrides().entrySet()) {
                String opath = path + "/overrides/" + e.getKey();
                Tier tier = platform.tier(e.getKey()).orElse(null);
                if (tier == null) {
                    error("KEE-PLAT-008", opath, "override names tier '" + e.getKey() + "', which does not exist",
                            "name one of the tiers: " + tierNames(platform));
                    continue;
                }
                TierOverride o = e.getValue();
                if (o.replicas() != null && o.replicas() < 0) {
                    error("KEE-TIER-005", opath + "/replicas", "replicas " + o.replicas() + " is negative", "use 0 or more replicas");
                }
                if (o.resources() != null) {
                    checkResources(o.resources(), opath + "/resources");
                }
                if (o.host() != null) {
                    if (tier.exposure() == null) {
                        error("KEE-EXPO-010", opath + "/host", "host override '" + o.host() + "' for tier '" + tier.name()
                                        + "', which is not exposed",
                                "expose the tier with exposedAt(...), or drop the host override");
                    } else {
                        checkHost(o.host(), opath + "/host");
                    }
                }
                if (o.imageTag() != null && tier.image() != null) {
                    String problem = tier.image().withTag(o.imageTag()).problem();
                    if (problem != null) {
                        error("KEE-TIER-004", opath + "/imageTag", problem, "use a fixed version tag such as '1.4.2'");
                    } else if (tier.image().pinned()) {
                        warning("KEE-PLAT-009", opath + "/imageTag", "the tag override '" + o.imageTag() + "' replaces the pinned digest of '"
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

    private void checkCluster(ClusterServices cluster, String path) {
        checkWorkloads(cluster.ingressController(), path + "/ingressController");
        checkWorkloads(cluster.monitoring(), path + "/monitoring");
        checkWorkloads(cluster.dns(), path + "/dns");
        if (cluster.nodeLocalDns() != null && !Names.ipv4(cluster.nodeLocalDns())) {
            error("KEE-CLUSTER-001", path + "/nodeLocalDns", "'" + cluster.nodeLocalDns() + "' is not an IPv4 address",
                    "use the NodeLocal DNSCache address, usually 169.254.20.10");
        }
    }

    private void checkWorkloads(Peer.Workloads w, String path) {
        if (w.namespace() == null) {
            error("KEE-CLUSTER-002", path + "/namespace", "no namespace is given", "name the namespace the service runs in, e.g. 'ingress-nginx'");
        } else if (!Names.dnsLabel(w.namespace())) {
            error("KEE-CLUSTER-003", path + "/namespace", "namespace '" + w.namespace() + "' is not a DNS label",
                    "name the namespace the service runs in: at most 63 lower-case letters, digits and inner dashes");
        }
        checkLabels(w.podLabels(), path + "/podLabels");
    }

    private void checkLabels(Map<String, String> labels, String path) {
        labels.forEach((k, v) -> {
            if (!Names.labelKey(k)) {
                error("KEE-LABEL-001", path + "/" + k, "label key '" + k + "' is not valid",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.'");
            }
            if (!Names.labelValue(v)) {
                error("KEE-LABEL-002", path + "/" + k, "label value '" + v + "' is not valid",
                        "use at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends");
            }
        });
    }

    private void checkTls(Tls tls, String path) {
        if (tls.enabled() && !Names.dnsSubdomain(tls.issuerName())) {
            error("KEE-EXPO-011", path, "issuer name '" + tls.issuerName() + "' is not a DNS name",
                    "name an existing cert-manager issuer, e.g. Tls.clusterIssuer(\"letsencrypt-prod\")");
        }
    }

    private void checkTier(Platform platform, Tier tier, String path, Map<String, Tier> tiers, Map<String, String> exposedAt) {
        if (!Names.dns1035Label(tier.name())) {
            error("KEE-TIER-002", path, "tier name '" + tier.name() + "' is not a DNS-1035 label",
                    "start with a letter and use at most 63 lower-case letters, digits and inner dashes, e.g. 'api'");
        }
        checkImage(tier.image(), path + "/image");
        checkPorts(tier, path);
        checkResources(tier.resources(), path + "/resources");
        checkProbe(tier, tier.liveness(), path + "/liveness");
        checkProbe(tier, tier.readiness(), path + "/readiness");
        checkProbe(tier, tier.startup(), path + "/startup");
        if (tier.liveness() != null && tier.liveness().equals(tier.readiness())) {
            error("KEE-PROBE-010", path + "/liveness",
                    "liveness probe is identical to the readiness probe, so a busy pod is restarted instead of rested",
                    "probe liveness less often or on another endpoint, e.g. Probe.http(\"/healthz\").every(20)");
        }
        if (tier.replicas() < 0) {
            error("KEE-TIER-005", path + "/replicas", "replicas " + tier.replicas() + " is negative", "use 0 or more replicas");
        }
        checkRollingUpdate(tier, path + "/rollingUpdate");
        checkEnv(tier, path);
        checkConnections(tier, path + "/talksTo", tiers);
        checkDependencies(tier, path + "/dependsOn", tiers);
        checkExposure(platform, tier, path + "/exposure", exposedAt);
        if (tier.metrics() != null) {
            if (tier.port(tier.metrics().port()).isEmpty()) {
                error("KEE-METRIC-001", path + "/metrics", "metrics port '" + tier.metrics().port() + "' is not declared",
                        "declare it with port(Port.metrics(9090)) or use metrics(Port.metrics(9090))");
            } else if (tier.port(tier.metrics().port()).get().protocol() != Protocol.TCP) {
                error("KEE-METRIC-002", path + "/metrics",
                        "metrics port '" + tier.metrics().port() + "' is not a TCP port, so Prometheus cannot scrape it",
                        "serve metrics over HTTP on a TCP port, e.g. metrics(Port.metrics(9090))");
            }
            if (!tier.metrics().path().startsWith("/")) {
                error("KEE-METRIC-003", path + "/metrics",
                        "metrics path '" + tier.metrics().path() + "' does not start with '/'", "use e.g. '/metrics'");
            } else {
                controlCharacters(tier.metrics().path(), "metrics path", path + "/metrics");
            }
        }
        checkSecurity(tier, path);
        tier.podAnnotations().keySet().forEach(k -> {
            if (!Names.labelKey(k)) {
                error("KEE-LABEL-003", path + "/podAnnotations/" + k, "annotation key '" + k + "' is not valid",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.'");
            }
        });
    }

    private void checkImage(Image image, String path) {
        if (image == null) {
            error("KEE-TIER-003", path, "tier has no image", "call image(\"registry/repository:tag\")");
            return;
        }
        String problem = image.problem();
        if (problem != null) {
            // only the version is wrong when the same repository with a fixed tag would do
            boolean unpinned = Image.parse(image.repository() + ":1.0.0").problem() == null
                    && image.digest().isEmpty() && (image.tag().isEmpty() || image.tag().get().equals("latest"));
            error("KEE-TIER-004", path, problem, unpinned
                    ? "use a fixed version tag (e.g. 'ghcr.io/acme/web:1.4.2') or a digest ('...@sha256:<64 hex>')"
                    : "write 'registry/repository:tag' with a fixed version tag (e.g. 'ghcr.io/acme/web:1.4.2')"
                            + " or pin a digest ('...@sha256:<64 hex>')");
        }
    }

    private void checkPorts(Tier tier, String path) {
        Set<String> names = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Port port : tier.ports()) {
            String ppath = path + "/ports/" + port.name();
            if (!Names.portName(port.name())) {
                error("KEE-PORT-001", ppath, "port name '" + port.name() + "' is not a valid port name",
                        "use at most 15 lower-case letters, digits and single inner dashes, with at least one letter");
            } else if (!names.add(port.name())) {
                error("KEE-PORT-002", ppath, "port name '" + port.name() + "' is used twice", "give every port its own name with Port.named(...)");
            }
            if (port.number() < 1 || port.number() > 65535) {
                error("KEE-PORT-003", ppath, "port " + port.number() + " is not in 1..65535", "use a port number from 1 to 65535");
            } else if (!numbers.add(port.number() + "/" + port.protocol())) {
                error("KEE-PORT-004", ppath, "port " + port.number() + "/" + port.protocol() + " is declared twice", "declare each port once");
            }
            if (port.appProtocol() != null && !Names.labelKey(port.appProtocol())) {
                error("KEE-PORT-005", ppath, "appProtocol '" + port.appProtocol() + "' is not valid", "use e.g. 'http', 'grpc' or 'tcp'");
            }
        }
    }

    private void checkResources(Resources r, String path) {
        BigDecimal cpu = quantity(r.cpuRequest(), path + "/cpuRequest");
        BigDecimal memory = quantity(r.memoryRequest(), path + "/memoryRequest");
        BigDecimal cpuLimit = r.cpuLimit() == null ? null : quantity(r.cpuLimit(), path + "/cpuLimit");
        BigDecimal memoryLimit = r.memoryLimit() == null ? null : quantity(r.memoryLimit(), path + "/memoryLimit");
        if (cpu != null && cpuLimit != null && cpu.compareTo(cpuLimit) > 0) {
            error("KEE-RES-003", path + "/cpuLimit", "CPU request " + r.cpuRequest() + " exceeds the limit " + r.cpuLimit(),
                    "lower the request or raise the limit: a request must be at most its limit");
        }
        if (memory != null && memoryLimit != null && memory.compareTo(memoryLimit) > 0) {
            error("KEE-RES-003", path + "/memoryLimit", "memory request " + r.memoryRequest() + " exceeds the limit " + r.memoryLimit(),
                    "lower the request or raise the limit: a request must be at most its limit");
        }
        if (r.memoryLimit() == null) {
            warning("KEE-RES-004", path + "/memoryLimit", "no memory limit: one container can take a node's memory from its neighbours",
                    "keep the default limit (equal to the request) or set memoryLimit(\"...\")");
        }
    }

    private BigDecimal quantity(String value, String path) {
        BigDecimal q = Names.quantityValue(value);
        if (q == null) {
            error("KEE-RES-001", path,
                    "'" + value + "' is not a resource quantity", "use e.g. '250m' or '0.5' for CPU and '256Mi' or '1Gi' for memory");
        } else if (q.signum() == 0) {
            error("KEE-RES-002", path, "quantity '" + value + "' is zero", "request a positive amount, e.g. '100m' or '128Mi'");
        }
        return q;
    }

    private void checkProbePort(Tier tier, Probe probe, String path) {
        String port = probe.port() != null ? probe.port() : tier.ports().isEmpty() ? null : tier.ports().get(0).name();
        if (port == null) {
            error("KEE-PROBE-001", path, "probe has no port to check: the tier declares none",
                    "declare a port, probe a command with Probe.exec(\"/app/healthcheck\"), or remove the probe");
        } else if (tier.port(port).isEmpty()) {
            error("KEE-PROBE-002", path, "probe checks port '" + port + "', which the tier does not declare",
                    "declare it with port(...) or probe one of: " + portNames(tier));
        } else if (tier.port(port).get().protocol() != Protocol.TCP) {
            error("KEE-PROBE-003", path, "probe checks " + tier.port(port).get().protocol() + " port '" + port
                            + "', but HTTP, TCP and gRPC probes connect over TCP",
                    "probe a TCP port with onPort(...)");
        }
    }

    private void checkProbe(Tier tier, Probe probe, String path) {
        if (probe == null) {
            return;
        }
        if (probe.kind() == Probe.Kind.EXEC) {
            if (probe.port() != null) {
                error("KEE-PROBE-004", path, "an exec probe runs a command and checks no port ('" + probe.port() + "')", "remove onPort(...)");
            }
            if (probe.command().isEmpty()) {
                error("KEE-PROBE-005", path, "exec probe has no command", "use Probe.exec(\"/app/healthcheck\")");
            }
        } else {
            checkProbePort(tier, probe, path);
        }
        if (probe.kind() == Probe.Kind.HTTP && probe.path() == null) {
            error("KEE-PROBE-006", path, "HTTP probe has no path", "use Probe.http(\"/healthz\")");
        } else if (probe.kind() == Probe.Kind.HTTP && !probe.path().startsWith("/")) {
            error("KEE-PROBE-007", path, "probe path '" + probe.path() + "' does not start with '/'", "use e.g. '/healthz'");
        } else if (probe.kind() == Probe.Kind.HTTP) {
            controlCharacters(probe.path(), "probe path", path);
        }
        if (probe.periodSeconds() < 1 || probe.timeoutSeconds() < 1 || probe.failureThreshold() < 1 || probe.initialDelaySeconds() < 0) {
            error("KEE-PROBE-008", path, "probe timings must be positive (period " + probe.periodSeconds() + " s, timeout " + probe.timeoutSeconds()
                    + " s, failures " + probe.failureThreshold() + ", initial delay " + probe.initialDelaySeconds() + " s)",
                    "use a period, timeout and failure threshold of at least 1 and an initial delay of at least 0");
        } else if (probe.timeoutSeconds() >= probe.periodSeconds()) {
            warning("KEE-PROBE-009", path, "probe timeout " + probe.timeoutSeconds() + " s is not below its period " + probe.periodSeconds()
                            + " s: a slow answer delays the next probe, so failures are noticed later than the period says",
                    "use a timeout below the period, e.g. .timeout(" + Math.max(1, probe.periodSeconds() - 1) + ") or .every("
                            + (probe.timeoutSeconds() + 1) + ")");
        }
    }

    private void checkRollingUpdate(Tier tier, String path) {
        String surge = tier.rollingUpdate().maxSurge();
        String unavailable = tier.rollingUpdate().maxUnavailable();
        boolean ok = true;
        if (!Names.intOrPercent(surge)) {
            error("KEE-ROLL-001", path + "/maxSurge", "maxSurge '" + surge + "' is not a count or a percentage", "use e.g. '1' or '25%'");
            ok = false;
        }
        if (!Names.intOrPercent(unavailable)) {
            error("KEE-ROLL-001", path + "/maxUnavailable",
                    "maxUnavailable '" + unavailable + "' is not a count or a percentage", "use e.g. '0' or '25%'");
            ok = false;
        }
        if (ok && Names.zero(surge) && Names.zero(unavailable)) {
            error("KEE-ROLL-002", path, "maxSurge and maxUnavailable are both zero, so a rollout can never progress",
                    "allow a surge, e.g. RollingUpdate.of(\"25%\", \"0\")");
        }
    }

    private void checkEnv(Tier tier, String path) {
        Set<String> variables = new HashSet<>();
        tier.env().keySet().forEach(name -> {
            variables.add(name);
            if (!Names.envName(name)) {
                error("KEE-ENV-001", path + "/env/" + name, "environment variable name '" + name + "' is not valid",
                        "use letters, digits, '_', '-' and '.', not starting with a digit");
            }
        });
        for (String key : tier.config().keySet()) {
            if (tier.env().containsKey(key)) {
                error("KEE-ENV-003", path + "/env/" + key, "variable '" + key + "' is set by env(...) and by config(...), and env(...) silently wins",
                        "set it in one place");
            }
        }
        long configBytes = 0;
        for (Map.Entry<String, String> entry : tier.config().entrySet()) {
            String key = entry.getKey();
            if (!Names.configKey(key)) {
                error("KEE-ENV-004", path + "/config/" + key, "config key '" + key + "' is not valid", "use letters, digits, '_', '-' and '.'");
            }
            configBytes += key.getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (configBytes > MAX_CONFIG_BYTES) {
            error("KEE-ENV-005", path + "/config", "config holds " + configBytes + " bytes, more than a ConfigMap's " + MAX_CONFIG_BYTES,
                    "keep large files in the image or a volume, and only settings in config(...)");
        }
        Set<String> mounts = new HashSet<>();
        for (SecretRef s : tier.secrets()) {
            String spath = path + "/secrets/" + s.secretName();
            if (!Names.dnsSubdomain(s.secretName())) {
                error("KEE-SECRET-001", spath, "secret name '" + s.secretName() + "' is not a DNS name",
                        "name an existing Secret: lower-case letters, digits, '-' and '.'");
            }
            if (s.mounted()) {
                if (!s.mountPath().startsWith("/")) {
                    error("KEE-SECRET-002", spath,
                            "mount path '" + s.mountPath() + "' is not absolute", "use e.g. '/var/run/secrets/" + s.secretName() + "'");
                } else if (tier.writablePaths().contains(s.mountPath())) {
                    error("KEE-SECRET-003", spath, "mount path '" + s.mountPath() + "' is also a writable path, and a directory holds one volume",
                            "mount the Secret elsewhere, e.g. '/var/run/secrets/" + s.secretName() + "'");
                } else if (!mounts.add(s.mountPath())) {
                    error("KEE-SECRET-004", spath, "mount path '" + s.mountPath() + "' is used twice", "mount each Secret in its own directory");
                } else {
                    controlCharacters(s.mountPath(), "mount path", spath);
                }
            } else {
                if (!Names.configKey(s.key())) {
                    error("KEE-SECRET-005", spath, "secret key '" + s.key() + "' is not valid", "use letters, digits, '_', '-' and '.'");
                }
                if (!Names.envName(s.envName())) {
                    error("KEE-ENV-001", spath, "environment variable name '" + s.envName() + "' is not valid",
                            "use letters, digits, '_', '-' and '.', not starting with a digit");
                } else if (!variables.add(s.envName())) {
                    error("KEE-ENV-002", path + "/env/" + s.envName(), "environment variable '" + s.envName() + "' is set twice",
                            "set each variable once, from a value or from a Secret");
                }
            }
        }
    }

    private void checkConnections(Tier tier, String path, Map<String, Tier> tiers) {
        Set<Connection> seen = new HashSet<>();
        for (Connection c : tier.connections()) {
            String cpath = path + "/" + c.target();
            if (!seen.add(c)) {
                error("KEE-CALL-001", cpath, "talksTo '" + c.target() + "' is declared twice", "declare each call once");
                continue;
            }
            Tier target = tiers.get(c.target());
            if (target == null) {
                error("KEE-CALL-002", cpath, "talksTo names tier '" + c.target() + "', which does not exist",
                        "name one of the tiers: " + String.join(", ", tiers.keySet().stream().sorted().toList()));
                continue;
            }
            if (!target.serves()) {
                error("KEE-CALL-003", cpath,
                        "tier '" + c.target() + "' declares no ports, so nothing can call it", "declare a port on '" + c.target() + "'");
            }
            for (String p : c.ports()) {
                if (target.port(p).isEmpty()) {
                    error("KEE-CALL-004", cpath, "tier '" + c.target() + "' has no port named '" + p + "'", "use one of: " + portNames(target));
                }
            }
            if (!c.methods().isEmpty() || !c.paths().isEmpty()) {
                List<Port> called = new ArrayList<>();
                if (c.ports().isEmpty()) {
                    called.addAll(target.ports());
                } else {
                    c.ports().forEach(p -> target.port(p).ifPresent(called::add));
                }
                // methods and paths apply to the HTTP ports among those called; with none, every call would be denied
                if (!called.isEmpty() && called.stream().noneMatch(p -> p.appProtocol() != null && L7_PROTOCOLS.contains(p.appProtocol()))) {
                    error("KEE-CALL-005", cpath, "HTTP methods and paths cannot be enforced: no called port of '" + c.target()
                                    + "' speaks HTTP or gRPC (" + String.join(", ", called.stream()
                                    .map(p -> p.name() + ": " + p.appProtocol()).toList()) + ")",
                            "call an HTTP or gRPC port with ports(...), or drop methods(...) and paths(...)");
                }
            }
            for (String m : c.methods()) {
                if (!Names.httpMethod(m)) {
                    error("KEE-CALL-006", cpath, "HTTP method '" + m + "' is not valid", "use upper-case methods such as GET or POST");
                }
            }
            for (String p : c.paths()) {
                if (!(p.startsWith("/") || p.startsWith("*")) || p.chars().anyMatch(Character::isWhitespace)) {
                    error("KEE-CALL-007", cpath, "HTTP path '" + p + "' is not valid", "use a path such as '/v1/orders' or '/v1/*'");
                } else {
                    controlCharacters(p, "HTTP path", cpath);
                }
            }
        }
    }

    private void checkDependencies(Tier tier, String path, Map<String, Tier> tiers) {
        Set<String> names = new HashSet<>();
        for (Dependency d : tier.dependencies()) {
            String dpath = path + "/" + d.name();
            if (!d.external() && d.namespace() == null && tiers.containsKey(d.name())
                    && d.name().equals(d.podLabels().get(Labels.NAME))) {
                error("KEE-DEP-001", dpath, "dependency '" + d.name() + "' selects the pods of tier '" + d.name() + "'",
                        "call a tier with talksTo(\"" + d.name() + "\"), or give the dependency another name or namespace");
            }
            if (!Names.dnsLabel(d.name())) {
                error("KEE-DEP-002", dpath, "dependency name '" + d.name() + "' is not a DNS label", "use e.g. 'orders-db'");
            } else if (!names.add(d.name())) {
                error("KEE-DEP-003", dpath, "dependency '" + d.name() + "' is declared twice", "declare each dependency once per tier");
            }
            if (d.namespace() != null && !Names.dnsLabel(d.namespace())) {
                error("KEE-DEP-004", dpath, "namespace '" + d.namespace() + "' is not a DNS label", "name the namespace the dependency runs in");
            }
            if (d.ports().isEmpty()) {
                error("KEE-DEP-005", dpath, "dependency declares no ports", "name the ports it is called on, e.g. port(Port.https(443))");
            }
            for (Port p : d.ports()) {
                if (p.number() < 1 || p.number() > 65535) {
                    error("KEE-PORT-003", dpath + "/ports/" + p.name(),
                            "port " + p.number() + " is not in 1..65535", "use a port number from 1 to 65535");
                }
                if (!Names.portName(p.name())) {
                    error("KEE-PORT-001", dpath + "/ports/" + p.name(), "port name '" + p.name() + "' is not a valid port name",
                            "use at most 15 lower-case letters, digits and single inner dashes, with at least one letter");
                }
            }
            for (String cidr : d.cidrs()) {
                if (!Names.cidr(cidr)) {
                    error("KEE-DEP-006", dpath, "'" + cidr + "' is not a CIDR", "use e.g. '10.20.0.0/16'");
                }
            }
            for (String host : d.hosts()) {
                if (!Names.host(host)) {
                    error("KEE-DEP-007", dpath, "host '" + host + "' is not a DNS name", "use e.g. 'api.stripe.com'");
                }
            }
            if (d.external() && d.hosts().isEmpty() && d.cidrs().isEmpty()) {
                error("KEE-DEP-008", dpath,
                        "external dependency names no host and no address range", "add host(\"api.example.com\") or cidr(\"203.0.113.0/24\")");
            }
            checkLabels(d.podLabels(), dpath + "/podLabels");
        }
    }

    /** With host overrides, two tiers may meet at one host and path in this environment only. */
    private void checkEnvironmentHosts(Platform platform, Environment env, String path) {
        boolean overridden = false;
        for (TierOverride o : env.overrides().values()) {
            overridden |= o.host() != null;
        }
        if (!overridden) {
            return; // the platform-wide check covers it
        }
        Map<String, String> exposedAt = new HashMap<>();
        for (Tier tier : platform.tiers()) {
            Exposure e = tier.in(env).exposure();
            if (e == null) {
                continue;
            }
            String other = exposedAt.putIfAbsent(e.host() + e.path(), tier.name());
            if (other != null && env.overrides().containsKey(tier.name())) {
                error("KEE-EXPO-009", path + "/overrides/" + tier.name() + "/host", "host '" + e.host() + "' path '" + e.path()
                                + "' is already exposed by tier '" + other + "' in this environment",
                        "give each tier its own host or path");
            } else if (other != null && env.overrides().containsKey(other)) {
                error("KEE-EXPO-009", path + "/overrides/" + other + "/host", "host '" + e.host() + "' path '" + e.path()
                                + "' is also exposed by tier '" + tier.name() + "' in this environment",
                        "give each tier its own host or path");
            }
        }
    }

    private void checkHost(String host, String path) {
        if (Names.ipv4(host)) {
            error("KEE-EXPO-001", path, "host '" + host + "' is an IP address, but an Ingress routes by host name",
                    "use a DNS name such as 'shop.example.com' that resolves to the ingress controller");
        } else if (!Names.host(host)) {
            error("KEE-EXPO-002", path, "host '" + host + "' is not a valid host name",
                    "use a DNS name such as 'shop.example.com': lower-case labels of at most 63 letters, digits and"
                            + " inner dashes, separated by dots (a leading '*.' is allowed)");
        }
    }

    private void checkExposure(Platform platform, Tier tier, String path, Map<String, String> exposedAt) {
        Exposure e = tier.exposure();
        if (e == null) {
            return;
        }
        checkHost(e.host(), path);
        if (!e.path().startsWith("/")) {
            error("KEE-EXPO-003", path, "path '" + e.path() + "' does not start with '/'", "use e.g. '/' or '/api'");
        } else if (e.path().chars().anyMatch(Character::isWhitespace)) {
            error("KEE-EXPO-004", path, "path '" + e.path() + "' contains white space", "use a URL path such as '/api', with %20 for a space");
        } else {
            controlCharacters(e.path(), "path", path);
        }
        if (!tier.serves()) {
            error("KEE-EXPO-005", path, "tier is exposed but declares no ports", "declare the port to expose, e.g. port(Port.http(8080))");
        } else if (e.port() != null && tier.port(e.port()).isEmpty()) {
            error("KEE-EXPO-006", path,
                    "exposure routes to port '" + e.port() + "', which the tier does not declare", "use one of: " + portNames(tier));
        } else {
            Port routed = e.port() != null ? tier.port(e.port()).get() : tier.ports().get(0);
            if (routed.protocol() != Protocol.TCP) {
                error("KEE-EXPO-007", path,
                        "exposure routes to " + routed.protocol() + " port '" + routed.name() + "', but an Ingress carries HTTP over TCP",
                        "expose a TCP port with Exposure.host(...).port(\"<name>\")");
            }
        }
        if (!Names.dnsSubdomain(e.ingressClass())) {
            error("KEE-EXPO-008", path, "ingress class '" + e.ingressClass() + "' is not a DNS name", "use e.g. 'nginx'");
        }
        if (e.tls() != null) {
            checkTls(e.tls(), path + "/tls");
        }
        String other = exposedAt.putIfAbsent(e.host() + e.path(), tier.name());
        if (other != null) {
            error("KEE-EXPO-009", path, "host '" + e.host() + "' path '" + e.path() + "' is already exposed by tier '" + other + "'",
                    "give each tier its own host or path");
        }
    }

    private void checkSecurity(Tier tier, String path) {
        if (tier.runAsUser() != null && tier.runAsUser() > MAX_ID) {
            error("KEE-RUN-001", path + "/runAs",
                    "user " + tier.runAsUser() + " is above " + MAX_ID, "use a user ID from 1 to " + MAX_ID + ", e.g. 65532");
        }
        if (tier.runAsGroup() != null && tier.runAsGroup() > MAX_ID) {
            error("KEE-RUN-001", path + "/runAs",
                    "group " + tier.runAsGroup() + " is above " + MAX_ID, "use a group ID from 1 to " + MAX_ID + ", e.g. 65532");
        }
        if (tier.runAsUser() != null && tier.runAsUser() < 1) {
            error("KEE-RUN-002", path + "/runAs", "user " + tier.runAsUser() + " is root or invalid", "run as a non-root user such as 65532");
        }
        if (tier.runAsGroup() != null && tier.runAsGroup() < 1) {
            error("KEE-RUN-002", path + "/runAs", "group " + tier.runAsGroup() + " is root or invalid", "run as a non-root group such as 65532");
        }
        Set<String> paths = new HashSet<>();
        for (String dir : tier.writablePaths()) {
            if (!dir.startsWith("/") || dir.equals("/")) {
                error("KEE-RUN-003", path + "/writablePaths", "writable path '" + dir + "' is not an absolute directory below '/'",
                        "use e.g. '/var/cache/nginx'");
            } else if (!paths.add(dir)) {
                error("KEE-RUN-004", path + "/writablePaths", "writable path '" + dir + "' is declared twice", "declare each path once");
            } else {
                controlCharacters(dir, "writable path", path + "/writablePaths");
            }
        }
        for (String cap : tier.addedCapabilities()) {
            if (!Names.capability(cap) || cap.startsWith("CAP_")) {
                error("KEE-RUN-005", path + "/capabilities", "capability '" + cap + "' is not a capability name",
                        "use the name without 'CAP_', e.g. 'NET_BIND_SERVICE'");
            } else if (cap.equals("ALL")) {
                error("KEE-RUN-006", path + "/capabilities", "adding ALL capabilities gives the container root's powers",
                        "add only the capabilities it needs, e.g. 'NET_BIND_SERVICE'");
            }
        }
    }

    /** A path or name is one line of printable characters: kubectl's YAML reader and most servers refuse the rest. */
    private void controlCharacters(String value, String what, String path) {
        int at = KubernetesSyntax.controlCharacterOrLineBreak(value);
        if (at >= 0) {
            report(Problem.error(path, what + " '" + printable(value) + "' contains the control character "
                            + KubernetesSyntax.describeCharacter(value, at) + " at index " + at,
                    "remove it; percent-encode it (%" + String.format("%02X", (int) value.charAt(at)) + ") if it belongs in a URL path")
                    .withRule("KEE-CHAR-001"));
        }
    }

    /** {@code value} with control characters shown as Java escapes (backslash, u, four hex digits), so a message stays one line. */
    private static String printable(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String portNames(Tier tier) {
        return tier.ports().isEmpty() ? "(none declared)" : String.join(", ", tier.ports().stream().map(Port::name).toList());
    }

    private static String tierNames(Platform platform) {
        return platform.tiers().isEmpty() ? "(none declared)" : String.join(", ", platform.tiers().stream().map(Tier::name).toList());
    }
}
