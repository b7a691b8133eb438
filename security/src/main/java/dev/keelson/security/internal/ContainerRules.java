package dev.keelson.security.internal;

import static dev.keelson.security.internal.PodSecurityRules.BASELINE_CAPS;
import static dev.keelson.security.internal.PolicyIndex.isTrue;
import static dev.keelson.security.internal.PolicyIndex.list;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keelson.core.Image;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.internal.PolicyIndex.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules on each container (init, main and ephemeral), all checked in one visit of the container:
 * the Pod Security Standards' SEC-PSS-002, 003, 005, 006, 007, 008, 009, 011, 012, 102, 103, 104,
 * 105 and 106; SEC-POD-001, 002, 003 (the container's group), 006, 011, 012 and 013; SEC-RES-001
 * and 002; SEC-PRB-001, 002 and 003; SEC-IMG-001 and 003. Internal.
 */
final class ContainerRules {

    /** Jackson, loaded only for ephemeral containers (rare in generated objects). */
    private static final class Jackson {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private ContainerRules() {
    }

    /** Checks every container of the pod spec of {@code w} (not null), init containers first. */
    static void check(Workload w, Findings out) {
        PodSpec spec = w.spec();
        String p = w.prefix();
        PodSecurityContext psc = w.securityContext();
        boolean windows = spec.getOs() != null && "windows".equals(spec.getOs().getName());
        Integer unprivilegedPortStart = unprivilegedPortStart(psc);
        List<Container> all = new ArrayList<>(list(spec.getInitContainers()));
        all.addAll(list(spec.getContainers()));
        for (EphemeralContainer e : list(spec.getEphemeralContainers())) {
            all.add(Jackson.MAPPER.convertValue(e, Container.class));
        }
        int inits = list(spec.getInitContainers()).size();
        int mains = list(spec.getContainers()).size();
        for (int i = 0; i < all.size(); i++) {
            Container c = all.get(i);
            String kind = i < inits ? "initContainers" : i < inits + mains ? "containers" : "ephemeralContainers";
            checkContainer(w, psc, c, p + "." + kind + "[" + c.getName() + "]", windows, i >= inits && i < inits + mains,
                    unprivilegedPortStart, out);
        }
    }

    /** The pod's sysctl {@code net.ipv4.ip_unprivileged_port_start}, or {@code null} if unset or not a number. */
    private static Integer unprivilegedPortStart(PodSecurityContext psc) {
        Integer start = null;
        for (Sysctl s : list(psc.getSysctls())) {
            if ("net.ipv4.ip_unprivileged_port_start".equals(s.getName())) {
                try {
                    start = Integer.parseInt(s.getValue());
                } catch (NumberFormatException e) {
                    start = null;
                }
            }
        }
        return start;
    }

    private static void checkContainer(Workload w, PodSecurityContext psc, Container c, String cp, boolean windows,
                                       boolean main, Integer unprivilegedPortStart, Findings out) {
        HasMetadata o = w.object();
        String what = "container '" + c.getName() + "'";
        SecurityContext sc = c.getSecurityContext() != null ? c.getSecurityContext() : new SecurityContext();
        String scp = cp + ".securityContext";
        if (isTrue(sc.getPrivileged())) {
            out.add(SecurityRule.PSS_002, o, scp + ".privileged", what + " is privileged (full access to the node)",
                    "remove privileged: true; add only the capability the container needs");
        }
        List<String> added = sc.getCapabilities() == null ? List.of() : list(sc.getCapabilities().getAdd());
        List<String> dropped = sc.getCapabilities() == null ? List.of() : list(sc.getCapabilities().getDrop());
        for (String cap : added) {
            if (!BASELINE_CAPS.contains(cap)) {
                out.add(SecurityRule.PSS_003, o, scp + ".capabilities.add", what + " adds the capability " + cap,
                        "remove " + cap + "; the baseline level allows only " + String.join(", ", new TreeSet<>(BASELINE_CAPS)));
            } else if (!cap.equals("NET_BIND_SERVICE")) {
                out.add(SecurityRule.PSS_105, o, scp + ".capabilities.add", what + " adds the capability " + cap,
                        "add at most NET_BIND_SERVICE under the restricted level");
            }
        }
        if (!dropped.contains("ALL") && !windows) {
            out.add(SecurityRule.PSS_105, o, scp + ".capabilities.drop", what + " does not drop ALL capabilities",
                    "set capabilities.drop: [ALL]");
        }
        for (ContainerPort port : list(c.getPorts())) {
            if (port.getHostPort() != null && port.getHostPort() != 0) {
                out.add(SecurityRule.PSS_005, o, cp + ".ports[" + port.getContainerPort() + "].hostPort",
                        what + " binds the node's port " + port.getHostPort(), "remove hostPort; use a Service");
            }
            Integer n = port.getContainerPort();
            if (n != null && n == 22) {
                out.add(SecurityRule.POD_011, o, cp + ".ports[22]", what + " exposes SSH (port 22)", "remove SSH; use kubectl debug");
            }
            if (n != null && n < 1024 && (unprivilegedPortStart == null || unprivilegedPortStart > n)) {
                out.add(SecurityRule.POD_013, o, cp + ".ports[" + n + "]", what + " listens on port " + n
                                + ", which a non-root process without capabilities cannot bind",
                        "listen on 1024 or above and keep the Service port, or set the pod sysctl net.ipv4.ip_unprivileged_port_start");
            }
        }
        if (sc.getAppArmorProfile() != null && "Unconfined".equals(sc.getAppArmorProfile().getType())) {
            out.add(SecurityRule.PSS_006, o, scp + ".appArmorProfile.type", what + " runs without AppArmor (Unconfined)",
                    "use RuntimeDefault or Localhost, or leave it unset");
        }
        PodSecurityRules.checkSeLinux(o, sc.getSeLinuxOptions(), scp + ".seLinuxOptions", out);
        if (sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
            out.add(SecurityRule.PSS_008, o, scp + ".procMount", what + " unmasks /proc (procMount: " + sc.getProcMount() + ")",
                    "remove procMount or set it to Default");
        }
        if (sc.getSeccompProfile() != null && "Unconfined".equals(sc.getSeccompProfile().getType())) {
            out.add(SecurityRule.PSS_009, o, scp + ".seccompProfile.type", what + " runs without seccomp (Unconfined)",
                    "use seccompProfile type RuntimeDefault");
        }
        if (sc.getWindowsOptions() != null && isTrue(sc.getWindowsOptions().getHostProcess())) {
            out.add(SecurityRule.PSS_011, o, scp + ".windowsOptions.hostProcess", what + " runs as a Windows HostProcess", "remove hostProcess");
        }
        checkHost(o, c.getLivenessProbe(), cp + ".livenessProbe", what, out);
        checkHost(o, c.getReadinessProbe(), cp + ".readinessProbe", what, out);
        checkHost(o, c.getStartupProbe(), cp + ".startupProbe", what, out);
        if (c.getLifecycle() != null) {
            checkHost(o, c.getLifecycle().getPostStart(), cp + ".lifecycle.postStart", what, out);
            checkHost(o, c.getLifecycle().getPreStop(), cp + ".lifecycle.preStop", what, out);
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()) && !windows) {
            out.add(SecurityRule.PSS_102, o, scp + ".allowPrivilegeEscalation", what + " may gain privileges (allowPrivilegeEscalation is not false)",
                    "set allowPrivilegeEscalation: false");
        }
        if (Boolean.FALSE.equals(sc.getRunAsNonRoot()) || (sc.getRunAsNonRoot() == null && !isTrue(psc.getRunAsNonRoot()))) {
            out.add(SecurityRule.PSS_103, o, scp + ".runAsNonRoot", what + " may run as root (runAsNonRoot is not true)",
                    "set runAsNonRoot: true on the pod");
        }
        if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) {
            out.add(SecurityRule.PSS_104, o, scp + ".runAsUser", what + " runs as user 0 (root)", "run as a non-root user, e.g. 65532");
        }
        if (Long.valueOf(0).equals(sc.getRunAsGroup())) {
            out.add(SecurityRule.POD_003, o, scp + ".runAsGroup", what + " runs with group 0 (root)", "use a non-zero group such as 65532");
        }
        String podSeccomp = psc.getSeccompProfile() == null ? null : psc.getSeccompProfile().getType();
        String seccomp = sc.getSeccompProfile() == null ? podSeccomp : sc.getSeccompProfile().getType();
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            out.add(SecurityRule.PSS_106, o, scp + ".seccompProfile", what + " has no seccomp profile",
                    "set seccompProfile type RuntimeDefault on the pod");
        }
        if (!isTrue(sc.getReadOnlyRootFilesystem())) {
            out.add(SecurityRule.POD_001, o, scp + ".readOnlyRootFilesystem", what + " can write to its image's filesystem",
                    "set readOnlyRootFilesystem: true and declare writable directories with Tier.writablePath(...)");
        }
        Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc.getRunAsUser();
        Long group = sc.getRunAsGroup() != null ? sc.getRunAsGroup() : psc.getRunAsGroup();
        if (user == null || group == null || user < 10000 || group < 10000) {
            out.add(SecurityRule.POD_002, o, scp + ".runAsUser", what + (user == null || group == null
                            ? " sets no numeric user or group, so the image's USER decides (the kubelet refuses a non-numeric one under runAsNonRoot)"
                            : " runs as user " + user + " and group " + group
                            + "; a numeric user and group of at least 10000 cannot collide with the node's accounts"),
                    "Tier.runAs(65532, 65532), unless the platform assigns IDs (OpenShift)");
        }
        Set<String> names = new HashSet<>();
        for (EnvVar e : list(c.getEnv())) {
            if (!names.add(e.getName())) {
                out.add(SecurityRule.POD_012, o, cp + ".env[" + e.getName() + "]", what + " sets " + e.getName() + " twice",
                        "set each variable once");
            }
            if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                out.add(SecurityRule.POD_006, o, cp + ".env[" + e.getName() + "]", what + " reads Secret '"
                                + e.getValueFrom().getSecretKeyRef().getName() + "' into an environment variable",
                        "mount it as files: Tier.secretFiles(\"" + e.getValueFrom().getSecretKeyRef().getName() + "\", \"/var/run/secrets/app\")");
            } else if (e.getValue() != null && !e.getValue().isEmpty() && PodRules.SECRET_NAME.matcher(e.getName()).matches()) {
                out.add(SecurityRule.POD_006, o, cp + ".env[" + e.getName() + "]", what + " has a literal value in the secret-like variable " + e.getName(),
                        "keep secrets in a Secret and mount it as files");
            }
        }
        for (EnvFromSource ef : list(c.getEnvFrom())) {
            if (ef.getSecretRef() != null) {
                out.add(SecurityRule.POD_006, o, cp + ".envFrom", what + " reads Secret '" + ef.getSecretRef().getName()
                        + "' into environment variables", "mount it as files");
            }
        }
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        if (requests == null || requests.get("cpu") == null || requests.get("memory") == null) {
            out.add(SecurityRule.RES_001, o, cp + ".resources.requests", what + " does not request both CPU and memory",
                    "set requests, e.g. Tier.resources(Resources.requests(\"250m\", \"256Mi\"))");
        }
        if (limits == null || limits.get("memory") == null) {
            out.add(SecurityRule.RES_002, o, cp + ".resources.limits.memory", what + " has no memory limit",
                    "set a memory limit equal to the request (Resources.requests(...) does)");
        }
        Image image = Image.parse(c.getImage() == null ? "" : c.getImage());
        if (c.getImage() == null || image.problem() != null) {
            out.add(SecurityRule.IMG_001, o, cp + ".image", what + " uses image '" + c.getImage() + "'"
                            + (image.problem() == null ? "" : ": " + image.problem()),
                    "use a fixed version tag (e.g. ':1.4.2') or a digest ('@sha256:...')");
        } else if (!image.pinned() && !"Always".equals(c.getImagePullPolicy())) {
            out.add(SecurityRule.IMG_003, o, cp + ".imagePullPolicy", what + " may run a stale cached image (imagePullPolicy "
                    + c.getImagePullPolicy() + ", image not pinned by digest)", "pin the image by digest, or use imagePullPolicy: Always");
        }
        if (main && w.longRunning()) {
            if (!list(c.getPorts()).isEmpty() && c.getReadinessProbe() == null) {
                out.add(SecurityRule.PRB_001, o, cp + ".readinessProbe", what + " serves ports but has no readiness probe",
                        "Tier.readiness(Probe.http(\"/ready\")), or keep the default TCP probes");
            }
            if (c.getLivenessProbe() == null) {
                out.add(SecurityRule.PRB_002, o, cp + ".livenessProbe", what + " has no liveness probe", list(c.getPorts()).isEmpty()
                        ? "Tier.liveness(Probe.exec(\"/app/healthcheck\")) with a command of the image that fails when the process hangs"
                        + " (a worker without ports has nothing to connect to)"
                        : "Tier.liveness(Probe.http(\"/healthz\").every(20)), or Probe.tcp() for a port that does not speak HTTP");
            } else if (c.getLivenessProbe().equals(c.getReadinessProbe())) {
                out.add(SecurityRule.PRB_002, o, cp + ".livenessProbe", what + " has a liveness probe identical to its readiness probe",
                        "probe liveness less often or on another endpoint");
            }
        }
        checkProbePort(o, c, c.getLivenessProbe(), cp + ".livenessProbe", what, out);
        checkProbePort(o, c, c.getReadinessProbe(), cp + ".readinessProbe", what, out);
        checkProbePort(o, c, c.getStartupProbe(), cp + ".startupProbe", what, out);
    }

    private static void checkHost(HasMetadata o, Probe probe, String field, String what, Findings out) {
        if (probe == null) {
            return;
        }
        if (probe.getHttpGet() != null && probe.getHttpGet().getHost() != null && !probe.getHttpGet().getHost().isEmpty()) {
            out.add(SecurityRule.PSS_012, o, field + ".httpGet.host", what + " probes another host (" + probe.getHttpGet().getHost() + ")",
                    "remove host: probes go to the pod");
        }
        if (probe.getTcpSocket() != null && probe.getTcpSocket().getHost() != null && !probe.getTcpSocket().getHost().isEmpty()) {
            out.add(SecurityRule.PSS_012, o, field + ".tcpSocket.host", what + " probes another host (" + probe.getTcpSocket().getHost() + ")",
                    "remove host: probes go to the pod");
        }
    }

    private static void checkHost(HasMetadata o, LifecycleHandler h, String field, String what, Findings out) {
        if (h == null) {
            return;
        }
        if ((h.getHttpGet() != null && h.getHttpGet().getHost() != null && !h.getHttpGet().getHost().isEmpty())
                || (h.getTcpSocket() != null && h.getTcpSocket().getHost() != null && !h.getTcpSocket().getHost().isEmpty())) {
            out.add(SecurityRule.PSS_012, o, field, what + " has a lifecycle hook aimed at another host", "remove host from the hook");
        }
    }

    private static void checkProbePort(HasMetadata o, Container c, Probe probe, String field, String what, Findings out) {
        if (probe == null) {
            return;
        }
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort()
                : probe.getGrpc() != null ? new IntOrString(probe.getGrpc().getPort()) : null;
        if (port == null) {
            return;
        }
        boolean declared = false;
        for (ContainerPort cp : list(c.getPorts())) {
            if (port.getStrVal() != null ? port.getStrVal().equals(cp.getName()) : Objects.equals(port.getIntVal(), cp.getContainerPort())) {
                declared = true;
            }
        }
        if (!declared) {
            String shown = port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
            out.add(SecurityRule.PRB_003, o, field + ".port", what + " probes port " + shown + ", which it does not declare",
                    "probe one of the container's declared ports");
        }
    }
}
