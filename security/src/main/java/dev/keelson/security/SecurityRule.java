package dev.keelson.security;

import dev.keelson.core.Require;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules the policy check of {@link SecurityBaseline} runs, with the IDs and severities of the
 * security checklist ({@code SEC-...}, see docs/security-rules.md), in the order findings are
 * reported. A finding is an error when the environment's level is at least the rule's
 * {@link #enforcedAt()} level, and a warning otherwise ({@code null}: always a warning). Name one to
 * waive it for one object:
 *
 * <pre>{@code
 * SecurityBaseline.restricted()
 *     .waive(SecurityRule.POD_001, Deployment.class, "legacy", "writes to /var/lib/app, ticket OPS-12")
 * }</pre>
 */
public enum SecurityRule {
    /** SEC-PSS-001 [CRIT]: no host namespaces (hostNetwork, hostPID, hostIPC) (an error at baseline and restricted). */
    PSS_001("SEC-PSS-001", Severity.CRIT, PodSecurityLevel.BASELINE, "no host namespaces (hostNetwork, hostPID, hostIPC)"),
    /** SEC-PSS-002 [CRIT]: no privileged containers (an error at baseline and restricted). */
    PSS_002("SEC-PSS-002", Severity.CRIT, PodSecurityLevel.BASELINE, "no privileged containers"),
    /** SEC-PSS-003 [HIGH]: only baseline capabilities added (an error at baseline and restricted). */
    PSS_003("SEC-PSS-003", Severity.HIGH, PodSecurityLevel.BASELINE, "only baseline capabilities added"),
    /** SEC-PSS-004 [HIGH]: no hostPath volumes (an error at baseline and restricted). */
    PSS_004("SEC-PSS-004", Severity.HIGH, PodSecurityLevel.BASELINE, "no hostPath volumes"),
    /** SEC-PSS-005 [HIGH]: no host ports (an error at baseline and restricted). */
    PSS_005("SEC-PSS-005", Severity.HIGH, PodSecurityLevel.BASELINE, "no host ports"),
    /** SEC-PSS-006 [MED]: AppArmor not Unconfined (an error at baseline and restricted). */
    PSS_006("SEC-PSS-006", Severity.MED, PodSecurityLevel.BASELINE, "AppArmor not Unconfined"),
    /** SEC-PSS-007 [MED]: only container SELinux types, no user or role (an error at baseline and restricted). */
    PSS_007("SEC-PSS-007", Severity.MED, PodSecurityLevel.BASELINE, "only container SELinux types, no user or role"),
    /** SEC-PSS-008 [MED]: default /proc mount (an error at baseline and restricted). */
    PSS_008("SEC-PSS-008", Severity.MED, PodSecurityLevel.BASELINE, "default /proc mount"),
    /** SEC-PSS-009 [HIGH]: seccomp not Unconfined (an error at baseline and restricted). */
    PSS_009("SEC-PSS-009", Severity.HIGH, PodSecurityLevel.BASELINE, "seccomp not Unconfined"),
    /** SEC-PSS-010 [MED]: only safe sysctls (an error at baseline and restricted). */
    PSS_010("SEC-PSS-010", Severity.MED, PodSecurityLevel.BASELINE, "only safe sysctls"),
    /** SEC-PSS-011 [HIGH]: no Windows HostProcess (an error at baseline and restricted). */
    PSS_011("SEC-PSS-011", Severity.HIGH, PodSecurityLevel.BASELINE, "no Windows HostProcess"),
    /** SEC-PSS-012 [MED]: probes and lifecycle hooks do not name a host (an error at baseline and restricted). */
    PSS_012("SEC-PSS-012", Severity.MED, PodSecurityLevel.BASELINE, "probes and lifecycle hooks do not name a host"),
    /** SEC-PSS-101 [MED]: only restricted volume types (an error at restricted). */
    PSS_101("SEC-PSS-101", Severity.MED, PodSecurityLevel.RESTRICTED, "only restricted volume types"),
    /** SEC-PSS-102 [HIGH]: allowPrivilegeEscalation: false on every container (an error at restricted). */
    PSS_102("SEC-PSS-102", Severity.HIGH, PodSecurityLevel.RESTRICTED, "allowPrivilegeEscalation: false on every container"),
    /** SEC-PSS-103 [HIGH]: runAsNonRoot: true (an error at restricted). */
    PSS_103("SEC-PSS-103", Severity.HIGH, PodSecurityLevel.RESTRICTED, "runAsNonRoot: true"),
    /** SEC-PSS-104 [HIGH]: runAsUser is never 0 (an error at restricted). */
    PSS_104("SEC-PSS-104", Severity.HIGH, PodSecurityLevel.RESTRICTED, "runAsUser is never 0"),
    /** SEC-PSS-105 [HIGH]: drop ALL capabilities, add at most NET_BIND_SERVICE (an error at restricted). */
    PSS_105("SEC-PSS-105", Severity.HIGH, PodSecurityLevel.RESTRICTED, "drop ALL capabilities, add at most NET_BIND_SERVICE"),
    /** SEC-PSS-106 [HIGH]: seccomp RuntimeDefault or Localhost set (an error at restricted). */
    PSS_106("SEC-PSS-106", Severity.HIGH, PodSecurityLevel.RESTRICTED, "seccomp RuntimeDefault or Localhost set"),
    /** SEC-NS-001 [HIGH]: namespace enforces the chosen Pod Security level (an error at baseline and restricted). */
    NS_001("SEC-NS-001", Severity.HIGH, PodSecurityLevel.BASELINE, "namespace enforces the chosen Pod Security level"),
    /** SEC-POD-001 [MED]: read-only root filesystem (an error at restricted). */
    POD_001("SEC-POD-001", Severity.MED, PodSecurityLevel.RESTRICTED, "read-only root filesystem"),
    /** SEC-POD-002 [LOW]: numeric runAsUser and runAsGroup of at least 10000 (always a warning). */
    POD_002("SEC-POD-002", Severity.LOW, null, "numeric runAsUser and runAsGroup of at least 10000"),
    /** SEC-POD-003 [LOW]: no root group (runAsGroup, fsGroup, supplementalGroups) (always a warning). */
    POD_003("SEC-POD-003", Severity.LOW, null, "no root group (runAsGroup, fsGroup, supplementalGroups)"),
    /** SEC-POD-004 [MED]: no ServiceAccount token unless the API is used (an error at restricted). */
    POD_004("SEC-POD-004", Severity.MED, PodSecurityLevel.RESTRICTED, "no ServiceAccount token unless the API is used"),
    /** SEC-POD-005 [MED]: a dedicated ServiceAccount (an error at restricted). */
    POD_005("SEC-POD-005", Severity.MED, PodSecurityLevel.RESTRICTED, "a dedicated ServiceAccount"),
    /** SEC-POD-006 [MED]: secrets mounted as files, not environment variables (always a warning). */
    POD_006("SEC-POD-006", Severity.MED, null, "secrets mounted as files, not environment variables"),
    /** SEC-POD-007 [MED]: no secret-like ConfigMap entries (always a warning). */
    POD_007("SEC-POD-007", Severity.MED, null, "no secret-like ConfigMap entries"),
    /** SEC-POD-009 [LOW]: no hostAliases (always a warning). */
    POD_009("SEC-POD-009", Severity.LOW, null, "no hostAliases"),
    /** SEC-POD-010 [LOW]: not in the default namespace (always a warning). */
    POD_010("SEC-POD-010", Severity.LOW, null, "not in the default namespace"),
    /** SEC-POD-011 [LOW]: no SSH port 22 (always a warning). */
    POD_011("SEC-POD-011", Severity.LOW, null, "no SSH port 22"),
    /** SEC-POD-012 [LOW]: no duplicate environment variables (always a warning). */
    POD_012("SEC-POD-012", Severity.LOW, null, "no duplicate environment variables"),
    /** SEC-POD-013 [LOW]: container ports of 1024 or more (always a warning). */
    POD_013("SEC-POD-013", Severity.LOW, null, "container ports of 1024 or more"),
    /** SEC-RES-001 [HIGH]: CPU and memory requests on every container (an error at baseline and restricted). */
    RES_001("SEC-RES-001", Severity.HIGH, PodSecurityLevel.BASELINE, "CPU and memory requests on every container"),
    /** SEC-RES-002 [MED]: a memory limit on every container (an error at restricted). */
    RES_002("SEC-RES-002", Severity.MED, PodSecurityLevel.RESTRICTED, "a memory limit on every container"),
    /** SEC-RES-005 [MED]: namespace ResourceQuota and LimitRange (an error at restricted). */
    RES_005("SEC-RES-005", Severity.MED, PodSecurityLevel.RESTRICTED, "namespace ResourceQuota and LimitRange"),
    /** SEC-PRB-001 [MED]: readiness probe on containers serving ports (an error at restricted). */
    PRB_001("SEC-PRB-001", Severity.MED, PodSecurityLevel.RESTRICTED, "readiness probe on containers serving ports"),
    /** SEC-PRB-002 [LOW]: liveness probe present and not identical to readiness (always a warning). */
    PRB_002("SEC-PRB-002", Severity.LOW, null, "liveness probe present and not identical to readiness"),
    /** SEC-PRB-003 [MED]: probes target a declared port (an error at restricted). */
    PRB_003("SEC-PRB-003", Severity.MED, PodSecurityLevel.RESTRICTED, "probes target a declared port"),
    /** SEC-IMG-001 [HIGH]: image has a fixed tag or digest, never latest (an error at baseline and restricted). */
    IMG_001("SEC-IMG-001", Severity.HIGH, PodSecurityLevel.BASELINE, "image has a fixed tag or digest, never latest"),
    /** SEC-IMG-002 [MED]: image pinned by digest where the ImagePolicy asks for it (an error at every level, in the stages of {@link ImagePolicy#digestsIn}). */
    IMG_002("SEC-IMG-002", Severity.MED, PodSecurityLevel.PRIVILEGED, "image pinned by digest where the ImagePolicy asks for it"),
    /** SEC-IMG-003 [LOW]: imagePullPolicy Always unless pinned by digest (always a warning). */
    IMG_003("SEC-IMG-003", Severity.LOW, null, "imagePullPolicy Always unless pinned by digest"),
    /** SEC-IMG-004 [HIGH]: image from a registry of the ImagePolicy (an error at every level). */
    IMG_004("SEC-IMG-004", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "image from a registry of the ImagePolicy"),
    /** SEC-IMG-005 [MED]: pod pulls with the ImagePolicy's pull Secret (an error at every level). */
    IMG_005("SEC-IMG-005", Severity.MED, PodSecurityLevel.PRIVILEGED, "pod pulls with the ImagePolicy's pull Secret"),
    /** SEC-NET-001 [HIGH]: every pod isolated for ingress and egress (an error at baseline and restricted). */
    NET_001("SEC-NET-001", Severity.HIGH, PodSecurityLevel.BASELINE, "every pod isolated for ingress and egress"),
    /** SEC-NET-002 [HIGH]: namespace default-deny NetworkPolicy (an error at baseline and restricted). */
    NET_002("SEC-NET-002", Severity.HIGH, PodSecurityLevel.BASELINE, "namespace default-deny NetworkPolicy"),
    /** SEC-NET-003 [HIGH]: DNS egress on UDP and TCP 53 (an error at baseline and restricted). */
    NET_003("SEC-NET-003", Severity.HIGH, PodSecurityLevel.BASELINE, "DNS egress on UDP and TCP 53"),
    /** SEC-NET-004 [LOW]: NetworkPolicies select pods (always a warning). */
    NET_004("SEC-NET-004", Severity.LOW, null, "NetworkPolicies select pods"),
    /** SEC-NET-005 [MED]: no NodePort or LoadBalancer Services (an error at restricted). */
    NET_005("SEC-NET-005", Severity.MED, PodSecurityLevel.RESTRICTED, "no NodePort or LoadBalancer Services"),
    /** SEC-NET-006 [MED]: Services select pods and target declared ports (an error at restricted). */
    NET_006("SEC-NET-006", Severity.MED, PodSecurityLevel.RESTRICTED, "Services select pods and target declared ports"),
    /** SEC-NET-007 [MED]: Ingress has TLS and an existing backend (an error at restricted). */
    NET_007("SEC-NET-007", Severity.MED, PodSecurityLevel.RESTRICTED, "Ingress has TLS and an existing backend"),
    /** SEC-NET-008 [MED]: no NGINX snippet annotations (an error at restricted). */
    NET_008("SEC-NET-008", Severity.MED, PodSecurityLevel.RESTRICTED, "no NGINX snippet annotations"),
    /** SEC-NET-009 [MED]: cloud metadata address blocked (an error at restricted). */
    NET_009("SEC-NET-009", Severity.MED, PodSecurityLevel.RESTRICTED, "cloud metadata address blocked"),
    /** SEC-NET-010 [HIGH]: NetworkPolicies allow every declared flow (an error at baseline and restricted). */
    NET_010("SEC-NET-010", Severity.HIGH, PodSecurityLevel.BASELINE, "NetworkPolicies allow every declared flow"),
    /** SEC-NET-011 [HIGH]: NetworkPolicies allow only declared flows (an error at baseline and restricted). */
    NET_011("SEC-NET-011", Severity.HIGH, PodSecurityLevel.BASELINE, "NetworkPolicies allow only declared flows"),
    /** SEC-NET-012 [HIGH]: mesh authorization allows every declared flow (an error at baseline and restricted). */
    NET_012("SEC-NET-012", Severity.HIGH, PodSecurityLevel.BASELINE, "mesh authorization allows every declared flow"),
    /** SEC-NET-013 [HIGH]: mesh authorization allows only declared flows (an error at baseline and restricted). */
    NET_013("SEC-NET-013", Severity.HIGH, PodSecurityLevel.BASELINE, "mesh authorization allows only declared flows"),
    /** SEC-RBAC-001 [HIGH]: no wildcards in RBAC rules (always an error). */
    RBAC_001("SEC-RBAC-001", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no wildcards in RBAC rules"),
    /** SEC-RBAC-002 [CRIT]: no binding to cluster-admin (always an error). */
    RBAC_002("SEC-RBAC-002", Severity.CRIT, PodSecurityLevel.PRIVILEGED, "no binding to cluster-admin"),
    /** SEC-RBAC-003 [HIGH]: no pods/exec, pods/attach, nodes/proxy (always an error). */
    RBAC_003("SEC-RBAC-003", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no pods/exec, pods/attach, nodes/proxy"),
    /** SEC-RBAC-004 [HIGH]: no reading secrets without resourceNames (always an error). */
    RBAC_004("SEC-RBAC-004", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no reading secrets without resourceNames"),
    /** SEC-RBAC-005 [MED]: no creating pods or workloads (an error at restricted). */
    RBAC_005("SEC-RBAC-005", Severity.MED, PodSecurityLevel.RESTRICTED, "no creating pods or workloads"),
    /** SEC-RBAC-006 [HIGH]: no escalate, bind, impersonate or admission writes (always an error). */
    RBAC_006("SEC-RBAC-006", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no escalate, bind, impersonate or admission writes"),
    /** SEC-RBAC-007 [CRIT]: no anonymous subjects (always an error). */
    RBAC_007("SEC-RBAC-007", Severity.CRIT, PodSecurityLevel.PRIVILEGED, "no anonymous subjects"),
    /** SEC-RBAC-008 [MED]: namespaced Roles, not ClusterRoles (an error at restricted). */
    RBAC_008("SEC-RBAC-008", Severity.MED, PodSecurityLevel.RESTRICTED, "namespaced Roles, not ClusterRoles"),
    /** SEC-AVL-001 [MED]: at least 2 replicas in production (an error at restricted). */
    AVL_001("SEC-AVL-001", Severity.MED, PodSecurityLevel.RESTRICTED, "at least 2 replicas in production"),
    /** SEC-AVL-002 [MED]: a PodDisruptionBudget for replicated workloads (always a warning). */
    AVL_002("SEC-AVL-002", Severity.MED, null, "a PodDisruptionBudget for replicated workloads"),
    /** SEC-AVL-003 [HIGH]: a PodDisruptionBudget allows a disruption (an error at baseline and restricted). */
    AVL_003("SEC-AVL-003", Severity.HIGH, PodSecurityLevel.BASELINE, "a PodDisruptionBudget allows a disruption"),
    /** SEC-AVL-004 [LOW]: PodDisruptionBudget evicts unhealthy pods (always a warning). */
    AVL_004("SEC-AVL-004", Severity.LOW, null, "PodDisruptionBudget evicts unhealthy pods"),
    /** SEC-AVL-006 [MED]: pods spread over nodes (always a warning). */
    AVL_006("SEC-AVL-006", Severity.MED, null, "pods spread over nodes"),
    /** SEC-AVL-007 [LOW]: RollingUpdate strategy (always a warning). */
    AVL_007("SEC-AVL-007", Severity.LOW, null, "RollingUpdate strategy"),
    /** SEC-AVL-008 [HIGH]: selector matches the pod template's labels (an error at baseline and restricted). */
    AVL_008("SEC-AVL-008", Severity.HIGH, PodSecurityLevel.BASELINE, "selector matches the pod template's labels"),
    /** SEC-AVL-010 [MED]: only stable API versions (an error at restricted). */
    AVL_010("SEC-AVL-010", Severity.MED, PodSecurityLevel.RESTRICTED, "only stable API versions"),
    /** SEC-AVL-011 [LOW]: recommended labels, instance matching the name (always a warning). */
    AVL_011("SEC-AVL-011", Severity.LOW, null, "recommended labels, instance matching the name"),
    /** SEC-AVL-012 [LOW]: Jobs clean up; CronJobs have a deadline (always a warning). */
    AVL_012("SEC-AVL-012", Severity.LOW, null, "Jobs clean up; CronJobs have a deadline");

    /**
     * The security checklist's severity scale, most severe first. Messages and docs show the name
     * ({@code [CRIT]}). Whether a finding fails synthesis is {@link #enforcedAt()}'s to say, not this.
     */
    public enum Severity {
        /** Critical: privilege escape or cluster takeover. */
        CRIT,
        /** High. */
        HIGH,
        /** Medium. */
        MED,
        /** Low. */
        LOW
    }

    private static final Map<String, SecurityRule> BY_ID = new HashMap<>();

    static {
        for (SecurityRule r : values()) {
            BY_ID.put(r.id, r);
        }
    }

    private final String id;
    private final Severity severity;
    private final @Nullable PodSecurityLevel enforcedAt;
    private final String title;

    SecurityRule(String id, Severity severity, @Nullable PodSecurityLevel enforcedAt, String title) {
        this.id = id;
        this.severity = severity;
        this.enforcedAt = enforcedAt;
        this.title = title;
    }

    /** The stable ID, e.g. {@code SEC-PSS-002}. */
    public String id() {
        return id;
    }

    /** CRIT, HIGH, MED or LOW, from the checklist. */
    public Severity severity() {
        return severity;
    }

    /** The least strict level at which a finding is an error; {@code null}: always a warning. */
    public @Nullable PodSecurityLevel enforcedAt() {
        return enforcedAt;
    }

    /** What the rule asks for. */
    public String title() {
        return title;
    }

    /** Whether a finding fails synthesis under {@code level}. */
    public boolean enforcedUnder(PodSecurityLevel level) {
        Require.nonNull(level, "level");
        return enforcedAt != null && level.atLeast(enforcedAt);
    }

    /** The rule with ID {@code id}, e.g. {@code SEC-POD-001}, or {@code null} when there is none. */
    public static @Nullable SecurityRule byId(String id) {
        Require.nonNull(id, "id");
        return BY_ID.get(id);
    }
}
