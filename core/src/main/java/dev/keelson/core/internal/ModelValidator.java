package dev.keelson.core.internal;

import dev.keelson.core.ClusterServices;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Image;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Problem;
import dev.keelson.core.Problems;
import dev.keelson.core.Resources;
import dev.keelson.core.SecretRef;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.TierOverride;
import dev.keelson.core.Tls;
import dev.keelson.core.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole platform and collects every problem, each with a stable path. Internal: use
 * {@link Platform.Builder#build()}.
 */
public final class ModelValidator implements Problems {

    private final List<Problem> problems = new ArrayList<>();

    private ModelValidator() {
    }

    /** Platforms built by their builder, with their warnings: a few, by identity, held weakly. */
    private static final int REMEMBERED = 8;
    private static final java.lang.ref.WeakReference<?>[] RECENT = new java.lang.ref.WeakReference<?>[REMEMBERED];
    private static final Object[] RECENT_WARNINGS = new Object[REMEMBERED];
    private static int next;

    /**
     * Validates {@code platform} and remembers (by identity, weakly) that this very instance is
     * valid, so that {@link #validated(Platform)} does not validate it again.
     *
     * @throws ValidationException with every problem, when there is an error
     */
    public static List<Problem> validateAndRemember(Platform platform) {
        List<Problem> warnings = List.copyOf(validate(platform));
        synchronized (RECENT) {
            RECENT[next] = new java.lang.ref.WeakReference<>(platform);
            RECENT_WARNINGS[next] = warnings;
            next = (next + 1) % REMEMBERED;
        }
        return warnings;
    }

    /**
     * The warnings of {@code platform}: remembered when this instance came from its builder
     * recently (a Platform is immutable, so its validity cannot have changed), validated now
     * otherwise (a Platform made with its record constructor).
     *
     * @throws ValidationException with every problem, when there is an error
     */
    @SuppressWarnings("unchecked")
    public static List<Problem> validated(Platform platform) {
        synchronized (RECENT) {
            for (int i = 0; i < REMEMBERED; i++) {
                if (RECENT[i] != null && RECENT[i].get() == platform) {
                    return (List<Problem>) RECENT_WARNINGS[i];
                }
            }
        }
        return validate(platform);
    }

    /**
     * Validates {@code platform}.
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
        return warnings;
    }

    @Override
    public void error(String path, String message, String fix) {
        problems.add(Problem.error(path, message, fix));
    }

    @Override
    public void warning(String path, String message, String fix) {
        problems.add(Problem.warning(path, message, fix));
    }

    private void check(Platform platform) {
        String root = platform.name().isEmpty() ? "<unnamed>" : platform.name();
        if (!Names.dnsLabel(platform.name())) {
            error(root, "platform name '" + platform.name() + "' is not a DNS label",
                    "use at most 63 lower-case letters, digits and inner dashes, e.g. 'nexus-v3'");
        }
        checkEnvironments(platform, root);
        checkCluster(platform.cluster(), root + "/cluster");
        checkTls(platform.certificateIssuer(), root + "/certificateIssuer");

        Map<String, Tier> byName = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (Tier tier : platform.tiers()) {
            if (byName.putIfAbsent(tier.name(), tier) != null && duplicates.add(tier.name())) {
                error(root + "/tiers/" + tier.name(), "tier name '" + tier.name() + "' is used twice",
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
                error(root + "/customize/" + c.kind().getSimpleName() + "/" + c.name(),
                        "customization names environment '" + c.environment() + "', which does not exist",
                        "name one of the environments: " + String.join(", ", platform.environments().stream().map(Environment::name).toList()));
            }
        }
        for (var raw : platform.rawObjects()) {
            if (raw instanceof Platform.InEnvironment only && !envNames.contains(only.environment())) {
                error(root + "/add/" + only.environment(),
                        "add(...) names environment '" + only.environment() + "', which does not exist",
                        "name one of the environments: " + String.join(", ", platform.environments().stream().map(Environment::name).toList()));
            }
        }
        for (PlatformFeature feature : platform.features()) {
            feature.validate(platform, this);
        }
    }

    private void checkEnvironments(Platform platform, String root) {
        Set<String> names = new HashSet<>();
        Set<String> namespaces = new HashSet<>();
        for (Environment env : platform.environments()) {
            String path = root + "/environments/" + env.name();
            if (!Names.dnsLabel(env.name())) {
                error(path, "environment name '" + env.name() + "' is not a DNS label",
                        "use at most 63 lower-case letters, digits and inner dashes, e.g. 'prod'");
            } else if (!names.add(env.name())) {
                error(path, "environment '" + env.name() + "' is declared twice", "declare each environment once");
            }
            String namespace = env.namespaceIn(platform.name());
            if (!Names.dnsLabel(namespace)) {
                error(path + "/namespace", "namespace '" + namespace + "' is not a DNS label"
                                + (namespace.length() > 63 ? " (" + namespace.length() + " characters, at most 63)" : ""),
                        env.namespace() == null
                                ? "shorten the platform or environment name, or set Environment.namespace(...)"
                                : "use at most 63 lower-case letters, digits and inner dashes");
            } else if (!namespaces.add(namespace)) {
                error(path + "/namespace", "namespace '" + namespace + "' is used by two environments",
                        "give each environment its own namespace");
            }
            for (Map.Entry<String, TierOverride> e : env.overrides().entrySet()) {
                String opath = path + "/overrides/" + e.getKey();
                Tier tier = platform.tier(e.getKey()).orElse(null);
                if (tier == null) {
                    error(opath, "override names tier '" + e.getKey() + "', which does not exist",
                            "name one of the tiers: " + tierNames(platform));
                    continue;
                }
                TierOverride o = e.getValue();
                if (o.replicas() != null && o.replicas() < 0) {
                    error(opath + "/replicas", "replicas " + o.replicas() + " is negative", "use 0 or more replicas");
                }
                if (o.resources() != null) {
                    checkResources(o.resources(), opath + "/resources");
                }
                if (o.imageTag() != null && tier.image() != null) {
                    String problem = tier.image().withTag(o.imageTag()).problem();
                    if (problem != null) {
                        error(opath + "/imageTag", problem, "use a fixed version tag such as '1.4.2'");
                    }
                }
            }
        }
    }

    private void checkCluster(ClusterServices cluster, String path) {
        checkWorkloads(cluster.ingressController(), path + "/ingressController");
        checkWorkloads(cluster.monitoring(), path + "/monitoring");
        checkWorkloads(cluster.dns(), path + "/dns");
        if (cluster.nodeLocalDns() != null && !Names.ipv4(cluster.nodeLocalDns())) {
            error(path + "/nodeLocalDns", "'" + cluster.nodeLocalDns() + "' is not an IPv4 address",
                    "use the NodeLocal DNSCache address, usually 169.254.20.10");
        }
    }

    private void checkWorkloads(Peer.Workloads w, String path) {
        if (w.namespace() == null || !Names.dnsLabel(w.namespace())) {
            error(path + "/namespace", "namespace '" + w.namespace() + "' is not a DNS label",
                    "name the namespace the service runs in");
        }
        checkLabels(w.podLabels(), path + "/podLabels");
    }

    private void checkLabels(Map<String, String> labels, String path) {
        labels.forEach((k, v) -> {
            if (!Names.labelKey(k)) {
                error(path + "/" + k, "label key '" + k + "' is not valid",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.'");
            }
            if (!Names.labelValue(v)) {
                error(path + "/" + k, "label value '" + v + "' is not valid",
                        "use at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends");
            }
        });
    }

    private void checkTls(Tls tls, String path) {
        if (tls.enabled() && !Names.dnsSubdomain(tls.issuerName())) {
            error(path, "issuer name '" + tls.issuerName() + "' is not a DNS name", "name an existing cert-manager issuer");
        }
    }

    private void checkTier(Platform platform, Tier tier, String path, Map<String, Tier> tiers, Map<String, String> exposedAt) {
        if (!Names.dns1035Label(tier.name())) {
            error(path, "tier name '" + tier.name() + "' is not a DNS-1035 label",
                    "start with a letter and use at most 63 lower-case letters, digits and inner dashes, e.g. 'api'");
        }
        checkImage(tier.image(), path + "/image");
        checkPorts(tier, path);
        checkResources(tier.resources(), path + "/resources");
        checkProbe(tier, tier.liveness(), path + "/liveness");
        checkProbe(tier, tier.readiness(), path + "/readiness");
        checkProbe(tier, tier.startup(), path + "/startup");
        if (tier.liveness() != null && tier.liveness().equals(tier.readiness())) {
            error(path + "/liveness", "liveness probe is identical to the readiness probe, so a busy pod is restarted instead of rested",
                    "probe liveness less often or on another endpoint, e.g. Probe.http(\"/healthz\").every(20)");
        }
        if (tier.replicas() < 0) {
            error(path + "/replicas", "replicas " + tier.replicas() + " is negative", "use 0 or more replicas");
        }
        checkRollingUpdate(tier, path + "/rollingUpdate");
        checkEnv(tier, path);
        checkConnections(tier, path + "/talksTo", tiers);
        checkDependencies(tier, path + "/dependsOn");
        checkExposure(platform, tier, path + "/exposure", exposedAt);
        if (tier.metrics() != null) {
            if (tier.port(tier.metrics().port()).isEmpty()) {
                error(path + "/metrics", "metrics port '" + tier.metrics().port() + "' is not declared",
                        "declare it with port(Port.metrics(9090)) or use metrics(Port.metrics(9090))");
            }
            if (!tier.metrics().path().startsWith("/")) {
                error(path + "/metrics", "metrics path '" + tier.metrics().path() + "' does not start with '/'", "use e.g. '/metrics'");
            }
        }
        checkSecurity(tier, path);
        tier.podAnnotations().keySet().forEach(k -> {
            if (!Names.labelKey(k)) {
                error(path + "/podAnnotations/" + k, "annotation key '" + k + "' is not valid",
                        "use an optional DNS prefix and a name of at most 63 letters, digits, '-', '_' and '.'");
            }
        });
        for (TierFeature feature : tier.features()) {
            feature.validate(platform, tier, path, this);
        }
    }

    private void checkImage(Image image, String path) {
        if (image == null) {
            error(path, "tier has no image", "call image(\"registry/repository:tag\")");
            return;
        }
        String problem = image.problem();
        if (problem != null) {
            error(path, problem, "use a fixed version tag (e.g. 'ghcr.io/acme/web:1.4.2') or a digest ('...@sha256:<64 hex>')");
        }
    }

    private void checkPorts(Tier tier, String path) {
        Set<String> names = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Port port : tier.ports()) {
            String ppath = path + "/ports/" + port.name();
            if (!Names.portName(port.name())) {
                error(ppath, "port name '" + port.name() + "' is not a valid port name",
                        "use at most 15 lower-case letters, digits and single inner dashes, with at least one letter");
            } else if (!names.add(port.name())) {
                error(ppath, "port name '" + port.name() + "' is used twice", "give every port its own name with Port.named(...)");
            }
            if (port.number() < 1 || port.number() > 65535) {
                error(ppath, "port " + port.number() + " is not in 1..65535", "use a port number from 1 to 65535");
            } else if (!numbers.add(port.number() + "/" + port.protocol())) {
                error(ppath, "port " + port.number() + "/" + port.protocol() + " is declared twice", "declare each port once");
            }
            if (port.appProtocol() != null && !Names.labelKey(port.appProtocol())) {
                error(ppath, "appProtocol '" + port.appProtocol() + "' is not valid", "use e.g. 'http', 'grpc' or 'tcp'");
            }
        }
    }

    private void checkResources(Resources r, String path) {
        BigDecimal cpu = quantity(r.cpuRequest(), path + "/cpuRequest");
        BigDecimal memory = quantity(r.memoryRequest(), path + "/memoryRequest");
        BigDecimal cpuLimit = r.cpuLimit() == null ? null : quantity(r.cpuLimit(), path + "/cpuLimit");
        BigDecimal memoryLimit = r.memoryLimit() == null ? null : quantity(r.memoryLimit(), path + "/memoryLimit");
        if (cpu != null && cpuLimit != null && cpu.compareTo(cpuLimit) > 0) {
            error(path + "/cpuLimit", "CPU request " + r.cpuRequest() + " exceeds the limit " + r.cpuLimit(),
                    "request at most the limit");
        }
        if (memory != null && memoryLimit != null && memory.compareTo(memoryLimit) > 0) {
            error(path + "/memoryLimit", "memory request " + r.memoryRequest() + " exceeds the limit " + r.memoryLimit(),
                    "request at most the limit");
        }
    }

    private BigDecimal quantity(String value, String path) {
        BigDecimal q = Names.quantityValue(value);
        if (q == null) {
            error(path, "'" + value + "' is not a resource quantity", "use e.g. '250m' or '0.5' for CPU and '256Mi' or '1Gi' for memory");
        } else if (q.signum() == 0) {
            error(path, "'" + value + "' is zero", "request a positive amount");
        }
        return q;
    }

    private void checkProbe(Tier tier, Probe probe, String path) {
        if (probe == null) {
            return;
        }
        String port = probe.port() != null ? probe.port() : tier.ports().isEmpty() ? null : tier.ports().get(0).name();
        if (port == null) {
            error(path, "probe has no port to check: the tier declares none", "declare a port, or remove the probe");
        } else if (tier.port(port).isEmpty()) {
            error(path, "probe checks port '" + port + "', which the tier does not declare",
                    "declare it with port(...) or probe one of: " + portNames(tier));
        }
        if (probe.kind() == Probe.Kind.HTTP && !probe.path().startsWith("/")) {
            error(path, "probe path '" + probe.path() + "' does not start with '/'", "use e.g. '/healthz'");
        }
        if (probe.periodSeconds() < 1 || probe.timeoutSeconds() < 1 || probe.failureThreshold() < 1 || probe.initialDelaySeconds() < 0) {
            error(path, "probe timings must be positive (period " + probe.periodSeconds() + " s, timeout " + probe.timeoutSeconds()
                    + " s, failures " + probe.failureThreshold() + ", initial delay " + probe.initialDelaySeconds() + " s)",
                    "use a period, timeout and failure threshold of at least 1 and an initial delay of at least 0");
        }
    }

    private void checkRollingUpdate(Tier tier, String path) {
        String surge = tier.rollingUpdate().maxSurge();
        String unavailable = tier.rollingUpdate().maxUnavailable();
        boolean ok = true;
        if (!Names.intOrPercent(surge)) {
            error(path + "/maxSurge", "maxSurge '" + surge + "' is not a count or a percentage", "use e.g. '1' or '25%'");
            ok = false;
        }
        if (!Names.intOrPercent(unavailable)) {
            error(path + "/maxUnavailable", "maxUnavailable '" + unavailable + "' is not a count or a percentage", "use e.g. '0' or '25%'");
            ok = false;
        }
        if (ok && Names.zero(surge) && Names.zero(unavailable)) {
            error(path, "maxSurge and maxUnavailable are both zero, so a rollout can never progress",
                    "allow a surge, e.g. RollingUpdate.of(\"25%\", \"0\")");
        }
    }

    private void checkEnv(Tier tier, String path) {
        Set<String> variables = new HashSet<>();
        tier.env().keySet().forEach(name -> {
            variables.add(name);
            if (!Names.envName(name)) {
                error(path + "/env/" + name, "environment variable name '" + name + "' is not valid",
                        "use letters, digits, '_', '-' and '.', not starting with a digit");
            }
        });
        tier.config().keySet().forEach(key -> {
            if (!Names.configKey(key)) {
                error(path + "/config/" + key, "config key '" + key + "' is not valid", "use letters, digits, '_', '-' and '.'");
            }
        });
        Set<String> mounts = new HashSet<>();
        for (SecretRef s : tier.secrets()) {
            String spath = path + "/secrets/" + s.secretName();
            if (!Names.dnsSubdomain(s.secretName())) {
                error(spath, "secret name '" + s.secretName() + "' is not a DNS name", "name an existing Secret");
            }
            if (s.mounted()) {
                if (!s.mountPath().startsWith("/")) {
                    error(spath, "mount path '" + s.mountPath() + "' is not absolute", "use e.g. '/var/run/secrets/" + s.secretName() + "'");
                } else if (!mounts.add(s.mountPath())) {
                    error(spath, "mount path '" + s.mountPath() + "' is used twice", "mount each Secret in its own directory");
                }
            } else {
                if (!Names.configKey(s.key())) {
                    error(spath, "secret key '" + s.key() + "' is not valid", "use letters, digits, '_', '-' and '.'");
                }
                if (!Names.envName(s.envName())) {
                    error(spath, "environment variable name '" + s.envName() + "' is not valid",
                            "use letters, digits, '_', '-' and '.', not starting with a digit");
                } else if (!variables.add(s.envName())) {
                    error(path + "/env/" + s.envName(), "environment variable '" + s.envName() + "' is set twice",
                            "set each variable once, from a value or from a Secret");
                }
            }
        }
    }

    private void checkConnections(Tier tier, String path, Map<String, Tier> tiers) {
        for (Connection c : tier.connections()) {
            String cpath = path + "/" + c.target();
            Tier target = tiers.get(c.target());
            if (target == null) {
                error(cpath, "talksTo names tier '" + c.target() + "', which does not exist",
                        "name one of the tiers: " + String.join(", ", tiers.keySet().stream().sorted().toList()));
                continue;
            }
            if (target == tier) {
                error(cpath, "tier '" + tier.name() + "' talks to itself", "remove it: a pod needs no rule to call itself");
                continue;
            }
            if (!target.serves()) {
                error(cpath, "tier '" + c.target() + "' declares no ports, so nothing can call it", "declare a port on '" + c.target() + "'");
            }
            for (String p : c.ports()) {
                if (target.port(p).isEmpty()) {
                    error(cpath, "tier '" + c.target() + "' has no port named '" + p + "'", "use one of: " + portNames(target));
                }
            }
            for (String m : c.methods()) {
                if (!Names.httpMethod(m)) {
                    error(cpath, "HTTP method '" + m + "' is not valid", "use upper-case methods such as GET or POST");
                }
            }
            for (String p : c.paths()) {
                if (!(p.startsWith("/") || p.startsWith("*")) || p.chars().anyMatch(Character::isWhitespace)) {
                    error(cpath, "HTTP path '" + p + "' is not valid", "use a path such as '/v1/orders' or '/v1/*'");
                }
            }
        }
    }

    private void checkDependencies(Tier tier, String path) {
        Set<String> names = new HashSet<>();
        for (Dependency d : tier.dependencies()) {
            String dpath = path + "/" + d.name();
            if (!Names.dnsLabel(d.name())) {
                error(dpath, "dependency name '" + d.name() + "' is not a DNS label", "use e.g. 'orders-db'");
            } else if (!names.add(d.name())) {
                error(dpath, "dependency '" + d.name() + "' is declared twice", "declare each dependency once per tier");
            }
            if (d.namespace() != null && !Names.dnsLabel(d.namespace())) {
                error(dpath, "namespace '" + d.namespace() + "' is not a DNS label", "name the namespace the dependency runs in");
            }
            if (d.ports().isEmpty()) {
                error(dpath, "dependency declares no ports", "name the ports it is called on, e.g. port(Port.https(443))");
            }
            for (Port p : d.ports()) {
                if (p.number() < 1 || p.number() > 65535) {
                    error(dpath + "/ports/" + p.name(), "port " + p.number() + " is not in 1..65535", "use a port number from 1 to 65535");
                }
                if (!Names.portName(p.name())) {
                    error(dpath + "/ports/" + p.name(), "port name '" + p.name() + "' is not a valid port name",
                            "use at most 15 lower-case letters, digits and single inner dashes, with at least one letter");
                }
            }
            for (String cidr : d.cidrs()) {
                if (!Names.cidr(cidr)) {
                    error(dpath, "'" + cidr + "' is not a CIDR", "use e.g. '10.20.0.0/16'");
                }
            }
            for (String host : d.hosts()) {
                if (!Names.host(host)) {
                    error(dpath, "host '" + host + "' is not a DNS name", "use e.g. 'api.stripe.com'");
                }
            }
            if (d.external() && d.hosts().isEmpty() && d.cidrs().isEmpty()) {
                error(dpath, "external dependency names no host and no address range", "add host(\"api.example.com\") or cidr(\"203.0.113.0/24\")");
            }
            checkLabels(d.podLabels(), dpath + "/podLabels");
        }
    }

    private void checkExposure(Platform platform, Tier tier, String path, Map<String, String> exposedAt) {
        Exposure e = tier.exposure();
        if (e == null) {
            return;
        }
        if (!Names.host(e.host())) {
            error(path, "host '" + e.host() + "' is not a valid host name",
                    "use a DNS name such as 'shop.example.com' (a leading '*.' is allowed)");
        }
        if (!e.path().startsWith("/") || e.path().chars().anyMatch(Character::isWhitespace)) {
            error(path, "path '" + e.path() + "' does not start with '/'", "use e.g. '/' or '/api'");
        }
        if (!tier.serves()) {
            error(path, "tier is exposed but declares no ports", "declare the port to expose, e.g. port(Port.http(8080))");
        } else if (e.port() != null && tier.port(e.port()).isEmpty()) {
            error(path, "exposure routes to port '" + e.port() + "', which the tier does not declare", "use one of: " + portNames(tier));
        }
        if (!Names.dnsSubdomain(e.ingressClass())) {
            error(path, "ingress class '" + e.ingressClass() + "' is not a DNS name", "use e.g. 'nginx'");
        }
        if (e.tls() != null) {
            checkTls(e.tls(), path + "/tls");
        }
        String other = exposedAt.putIfAbsent(e.host() + e.path(), tier.name());
        if (other != null) {
            error(path, "host '" + e.host() + "' path '" + e.path() + "' is already exposed by tier '" + other + "'",
                    "give each tier its own host or path");
        }
    }

    private void checkSecurity(Tier tier, String path) {
        if (tier.runAsUser() != null && tier.runAsUser() < 1) {
            error(path + "/runAs", "user " + tier.runAsUser() + " is root or invalid", "run as a non-root user such as 65532");
        }
        if (tier.runAsGroup() != null && tier.runAsGroup() < 1) {
            error(path + "/runAs", "group " + tier.runAsGroup() + " is root or invalid", "run as a non-root group such as 65532");
        }
        Set<String> paths = new HashSet<>();
        for (String dir : tier.writablePaths()) {
            if (!dir.startsWith("/") || dir.equals("/")) {
                error(path + "/writablePaths", "writable path '" + dir + "' is not an absolute directory below '/'",
                        "use e.g. '/var/cache/nginx'");
            } else if (!paths.add(dir)) {
                error(path + "/writablePaths", "writable path '" + dir + "' is declared twice", "declare each path once");
            }
        }
        for (String cap : tier.addedCapabilities()) {
            if (!Names.capability(cap) || cap.startsWith("CAP_")) {
                error(path + "/capabilities", "capability '" + cap + "' is not a capability name",
                        "use the name without 'CAP_', e.g. 'NET_BIND_SERVICE'");
            } else if (cap.equals("ALL")) {
                error(path + "/capabilities", "adding ALL capabilities gives the container root's powers",
                        "add only the capabilities it needs, e.g. 'NET_BIND_SERVICE'");
            }
        }
    }

    private static String portNames(Tier tier) {
        return tier.ports().isEmpty() ? "(none declared)" : String.join(", ", tier.ports().stream().map(Port::name).toList());
    }

    private static String tierNames(Platform platform) {
        return platform.tiers().isEmpty() ? "(none declared)" : String.join(", ", platform.tiers().stream().map(Tier::name).toList());
    }
}
