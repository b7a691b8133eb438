package dev.keelson.security.internal;

import static dev.keelson.security.internal.PolicyIndex.isTrue;
import static dev.keelson.security.internal.PolicyIndex.list;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.internal.PolicyIndex.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pod Security Standards rules on the pod spec: SEC-PSS-001, 004, 006, 007, 009, 010, 011, 101
 * and 104 (the same standards' rules on each container are {@link ContainerRules}'), and the
 * standards' lists: {@link #BASELINE_CAPS}, safe sysctls, SELinux types, restricted volume types.
 * Internal.
 */
public final class PodSecurityRules {

    /** The capabilities the Pod Security baseline level lets a container add (SEC-PSS-003). */
    public static final Set<String> BASELINE_CAPS = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    /** Volume's properties as its JSON names, read once: which volume sources a volume sets. */
    private static final List<Map.Entry<String, Field>> VOLUME_PROPERTIES = volumeProperties();
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");
    private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "image", "persistentVolumeClaim", "projected", "secret");

    private PodSecurityRules() {
    }

    /** Checks the pod spec of {@code w} (not null). */
    static void check(Workload w, Findings out) {
        HasMetadata o = w.object();
        PodSpec spec = w.spec();
        String p = w.prefix();
        PodSecurityContext psc = w.securityContext();
        if (isTrue(spec.getHostNetwork()) || isTrue(spec.getHostPID()) || isTrue(spec.getHostIPC())) {
            String which = isTrue(spec.getHostNetwork()) ? "hostNetwork" : isTrue(spec.getHostPID()) ? "hostPID" : "hostIPC";
            out.add(SecurityRule.PSS_001, o, p + "." + which, "shares the node's " + which.substring(4) + " namespace (" + which + ": true)",
                    "remove " + which + "; expose ports through a Service");
        }
        for (Volume v : list(spec.getVolumes())) {
            String vpath = p + ".volumes[" + v.getName() + "]";
            if (v.getHostPath() != null) {
                out.add(SecurityRule.PSS_004, o, vpath + ".hostPath", "mounts the node's path " + v.getHostPath().getPath(),
                        "use an emptyDir, a PersistentVolumeClaim or a projected volume");
            }
            for (String key : volumeSources(v)) {
                if (!key.equals("name") && !RESTRICTED_VOLUMES.contains(key)) {
                    out.add(SecurityRule.PSS_101, o, vpath + "." + key, "uses a '" + key + "' volume, which the restricted level forbids",
                            "use one of: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret");
                }
            }
        }
        if (psc.getAppArmorProfile() != null && "Unconfined".equals(psc.getAppArmorProfile().getType())) {
            out.add(SecurityRule.PSS_006, o, p + ".securityContext.appArmorProfile.type", "runs without AppArmor (Unconfined)",
                    "use RuntimeDefault or Localhost, or leave it unset");
        }
        w.podAnnotations().forEach((k, v) -> {
            if (k.startsWith("container.apparmor.security.beta.kubernetes.io/") && !v.isEmpty()
                    && !v.equals("runtime/default") && !v.startsWith("localhost/")) {
                out.add(SecurityRule.PSS_006, o, "metadata.annotations[" + k + "]", "sets AppArmor profile '" + v + "'",
                        "use runtime/default or localhost/<profile>");
            }
        });
        checkSeLinux(o, psc.getSeLinuxOptions(), p + ".securityContext.seLinuxOptions", out);
        if (psc.getSeccompProfile() != null && "Unconfined".equals(psc.getSeccompProfile().getType())) {
            out.add(SecurityRule.PSS_009, o, p + ".securityContext.seccompProfile.type", "runs without seccomp (Unconfined)",
                    "use seccompProfile type RuntimeDefault");
        }
        for (Sysctl s : list(psc.getSysctls())) {
            if (!SAFE_SYSCTLS.contains(s.getName())) {
                out.add(SecurityRule.PSS_010, o, p + ".securityContext.sysctls[" + s.getName() + "]",
                        "sets the unsafe sysctl " + s.getName(), "remove it; only namespaced, safe sysctls are allowed");
            }
        }
        if (psc.getWindowsOptions() != null && isTrue(psc.getWindowsOptions().getHostProcess())) {
            out.add(SecurityRule.PSS_011, o, p + ".securityContext.windowsOptions.hostProcess", "runs as a Windows HostProcess",
                    "remove hostProcess");
        }
        if (psc.getRunAsUser() != null && psc.getRunAsUser() == 0) {
            out.add(SecurityRule.PSS_104, o, p + ".securityContext.runAsUser", "runs as user 0 (root)", "run as a non-root user, e.g. 65532");
        }
    }

    /** SEC-PSS-007 on the SELinux options of a pod or a container. */
    static void checkSeLinux(HasMetadata o, SELinuxOptions se, String field, Findings out) {
        if (se == null) {
            return;
        }
        if ((se.getType() != null && !se.getType().isEmpty() && !SELINUX_TYPES.contains(se.getType()))
                || (se.getUser() != null && !se.getUser().isEmpty()) || (se.getRole() != null && !se.getRole().isEmpty())) {
            out.add(SecurityRule.PSS_007, o, field, "sets SELinux options beyond a container type (type " + se.getType()
                    + ", user " + se.getUser() + ", role " + se.getRole() + ")", "remove seLinuxOptions, or use type container_t only");
        }
    }

    private static List<Map.Entry<String, Field>> volumeProperties() {
        List<Map.Entry<String, Field>> properties = new ArrayList<>();
        for (Field f : Volume.class.getDeclaredFields()) {
            JsonProperty json = f.getAnnotation(JsonProperty.class);
            if (json != null && !Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                properties.add(Map.entry(json.value().isEmpty() ? f.getName() : json.value(), f));
            }
        }
        return List.copyOf(properties);
    }

    /**
     * The JSON names of the sources {@code v} sets (every property but {@code name} that is not
     * null, and any additional property), as its YAML would show them, without serializing it.
     */
    static List<String> volumeSources(Volume v) {
        List<String> keys = new ArrayList<>(2);
        try {
            for (Map.Entry<String, Field> p : VOLUME_PROPERTIES) {
                if (!p.getKey().equals("name") && p.getValue().get(v) != null) {
                    keys.add(p.getKey());
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read a fabric8 Volume: " + e, e);
        }
        if (v.getAdditionalProperties() != null) {
            keys.addAll(v.getAdditionalProperties().keySet());
        }
        return keys;
    }
}
