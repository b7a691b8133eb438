package dev.keelson.security.internal;

import dev.keelson.security.PodSecurityLevel;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules the policy check runs, with the IDs and severities of the security checklist
 * ({@code SEC-...}). A finding is an error when the environment's level is at least the rule's
 * {@link #enforcedAt()} level, and a warning otherwise ({@code null}: always a warning). Internal.
 */
public enum Rule {
    PSS_001("SEC-PSS-001", Severity.CRIT, PodSecurityLevel.BASELINE, "no host namespaces (hostNetwork, hostPID, hostIPC)"),
    PSS_002("SEC-PSS-002", Severity.CRIT, PodSecurityLevel.BASELINE, "no privileged containers"),
    PSS_003("SEC-PSS-003", Severity.HIGH, PodSecurityLevel.BASELINE, "only baseline capabilities added"),
    PSS_004("SEC-PSS-004", Severity.HIGH, PodSecurityLevel.BASELINE, "no hostPath volumes"),
    PSS_005("SEC-PSS-005", Severity.HIGH, PodSecurityLevel.BASELINE, "no host ports"),
    PSS_006("SEC-PSS-006", Severity.MED, PodSecurityLevel.BASELINE, "AppArmor not Unconfined"),
    PSS_007("SEC-PSS-007", Severity.MED, PodSecurityLevel.BASELINE, "only container SELinux types, no user or role"),
    PSS_008("SEC-PSS-008", Severity.MED, PodSecurityLevel.BASELINE, "default /proc mount"),
    PSS_009("SEC-PSS-009", Severity.HIGH, PodSecurityLevel.BASELINE, "seccomp not Unconfined"),
    PSS_010("SEC-PSS-010", Severity.MED, PodSecurityLevel.BASELINE, "only safe sysctls"),
    PSS_011("SEC-PSS-011", Severity.HIGH, PodSecurityLevel.BASELINE, "no Windows HostProcess"),
    PSS_012("SEC-PSS-012", Severity.MED, PodSecurityLevel.BASELINE, "probes and lifecycle hooks do not name a host"),
    PSS_101("SEC-PSS-101", Severity.MED, PodSecurityLevel.RESTRICTED, "only restricted volume types"),
    PSS_102("SEC-PSS-102", Severity.HIGH, PodSecurityLevel.RESTRICTED, "allowPrivilegeEscalation: false on every container"),
    PSS_103("SEC-PSS-103", Severity.HIGH, PodSecurityLevel.RESTRICTED, "runAsNonRoot: true"),
    PSS_104("SEC-PSS-104", Severity.HIGH, PodSecurityLevel.RESTRICTED, "runAsUser is never 0"),
    PSS_105("SEC-PSS-105", Severity.HIGH, PodSecurityLevel.RESTRICTED, "drop ALL capabilities, add at most NET_BIND_SERVICE"),
    PSS_106("SEC-PSS-106", Severity.HIGH, PodSecurityLevel.RESTRICTED, "seccomp RuntimeDefault or Localhost set"),
    NS_001("SEC-NS-001", Severity.HIGH, PodSecurityLevel.BASELINE, "namespace enforces the chosen Pod Security level"),
    POD_001("SEC-POD-001", Severity.MED, PodSecurityLevel.RESTRICTED, "read-only root filesystem"),
    POD_002("SEC-POD-002", Severity.LOW, null, "numeric runAsUser and runAsGroup of at least 10000"),
    POD_003("SEC-POD-003", Severity.LOW, null, "no root group (runAsGroup, fsGroup, supplementalGroups)"),
    POD_004("SEC-POD-004", Severity.MED, PodSecurityLevel.RESTRICTED, "no ServiceAccount token unless the API is used"),
    POD_005("SEC-POD-005", Severity.MED, PodSecurityLevel.RESTRICTED, "a dedicated ServiceAccount"),
    POD_006("SEC-POD-006", Severity.MED, null, "secrets mounted as files, not environment variables"),
    POD_007("SEC-POD-007", Severity.MED, null, "no secret-like ConfigMap entries"),
    POD_009("SEC-POD-009", Severity.LOW, null, "no hostAliases"),
    POD_010("SEC-POD-010", Severity.LOW, null, "not in the default namespace"),
    POD_011("SEC-POD-011", Severity.LOW, null, "no SSH port 22"),
    POD_012("SEC-POD-012", Severity.LOW, null, "no duplicate environment variables"),
    POD_013("SEC-POD-013", Severity.LOW, null, "container ports of 1024 or more"),
    RES_001("SEC-RES-001", Severity.HIGH, PodSecurityLevel.BASELINE, "CPU and memory requests on every container"),
    RES_002("SEC-RES-002", Severity.MED, PodSecurityLevel.RESTRICTED, "a memory limit on every container"),
    RES_005("SEC-RES-005", Severity.MED, PodSecurityLevel.RESTRICTED, "namespace ResourceQuota and LimitRange"),
    PRB_001("SEC-PRB-001", Severity.MED, PodSecurityLevel.RESTRICTED, "readiness probe on containers serving ports"),
    PRB_002("SEC-PRB-002", Severity.LOW, null, "liveness probe present and not identical to readiness"),
    PRB_003("SEC-PRB-003", Severity.MED, PodSecurityLevel.RESTRICTED, "probes target a declared port"),
    IMG_001("SEC-IMG-001", Severity.HIGH, PodSecurityLevel.BASELINE, "image has a fixed tag or digest, never latest"),
    IMG_003("SEC-IMG-003", Severity.LOW, null, "imagePullPolicy Always unless pinned by digest"),
    NET_001("SEC-NET-001", Severity.HIGH, PodSecurityLevel.BASELINE, "every pod isolated for ingress and egress"),
    NET_002("SEC-NET-002", Severity.HIGH, PodSecurityLevel.BASELINE, "namespace default-deny NetworkPolicy"),
    NET_003("SEC-NET-003", Severity.HIGH, PodSecurityLevel.BASELINE, "DNS egress on UDP and TCP 53"),
    NET_004("SEC-NET-004", Severity.LOW, null, "NetworkPolicies select pods"),
    NET_005("SEC-NET-005", Severity.MED, PodSecurityLevel.RESTRICTED, "no NodePort or LoadBalancer Services"),
    NET_006("SEC-NET-006", Severity.MED, PodSecurityLevel.RESTRICTED, "Services select pods and target declared ports"),
    NET_007("SEC-NET-007", Severity.MED, PodSecurityLevel.RESTRICTED, "Ingress has TLS and an existing backend"),
    NET_008("SEC-NET-008", Severity.MED, PodSecurityLevel.RESTRICTED, "no NGINX snippet annotations"),
    NET_009("SEC-NET-009", Severity.MED, PodSecurityLevel.RESTRICTED, "cloud metadata address blocked"),
    NET_010("SEC-NET-010", Severity.HIGH, PodSecurityLevel.BASELINE, "NetworkPolicies allow every declared flow"),
    NET_011("SEC-NET-011", Severity.HIGH, PodSecurityLevel.BASELINE, "NetworkPolicies allow only declared flows"),
    NET_012("SEC-NET-012", Severity.HIGH, PodSecurityLevel.BASELINE, "mesh authorization allows every declared flow"),
    NET_013("SEC-NET-013", Severity.HIGH, PodSecurityLevel.BASELINE, "mesh authorization allows only declared flows"),
    RBAC_001("SEC-RBAC-001", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no wildcards in RBAC rules"),
    RBAC_002("SEC-RBAC-002", Severity.CRIT, PodSecurityLevel.PRIVILEGED, "no binding to cluster-admin"),
    RBAC_003("SEC-RBAC-003", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no pods/exec, pods/attach, nodes/proxy"),
    RBAC_004("SEC-RBAC-004", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no reading secrets without resourceNames"),
    RBAC_005("SEC-RBAC-005", Severity.MED, PodSecurityLevel.RESTRICTED, "no creating pods or workloads"),
    RBAC_006("SEC-RBAC-006", Severity.HIGH, PodSecurityLevel.PRIVILEGED, "no escalate, bind, impersonate or admission writes"),
    RBAC_007("SEC-RBAC-007", Severity.CRIT, PodSecurityLevel.PRIVILEGED, "no anonymous subjects"),
    RBAC_008("SEC-RBAC-008", Severity.MED, PodSecurityLevel.RESTRICTED, "namespaced Roles, not ClusterRoles"),
    AVL_001("SEC-AVL-001", Severity.MED, PodSecurityLevel.RESTRICTED, "at least 2 replicas in production"),
    AVL_002("SEC-AVL-002", Severity.MED, null, "a PodDisruptionBudget for replicated workloads"),
    AVL_003("SEC-AVL-003", Severity.HIGH, PodSecurityLevel.BASELINE, "a PodDisruptionBudget allows a disruption"),
    AVL_004("SEC-AVL-004", Severity.LOW, null, "PodDisruptionBudget evicts unhealthy pods"),
    AVL_006("SEC-AVL-006", Severity.MED, null, "pods spread over nodes"),
    AVL_007("SEC-AVL-007", Severity.LOW, null, "RollingUpdate strategy"),
    AVL_008("SEC-AVL-008", Severity.HIGH, PodSecurityLevel.BASELINE, "selector matches the pod template's labels"),
    AVL_010("SEC-AVL-010", Severity.MED, PodSecurityLevel.RESTRICTED, "only stable API versions"),
    AVL_011("SEC-AVL-011", Severity.LOW, null, "recommended labels, instance matching the name"),
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

    private static final Map<String, Rule> BY_ID = new HashMap<>();

    static {
        for (Rule r : values()) {
            BY_ID.put(r.id, r);
        }
    }

    private final String id;
    private final Severity severity;
    private final PodSecurityLevel enforcedAt;
    private final String title;

    Rule(String id, Severity severity, PodSecurityLevel enforcedAt, String title) {
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
    public PodSecurityLevel enforcedAt() {
        return enforcedAt;
    }

    /** What the rule asks for. */
    public String title() {
        return title;
    }

    /** Whether a finding fails synthesis under {@code level}. */
    public boolean enforcedUnder(PodSecurityLevel level) {
        return enforcedAt != null && level.atLeast(enforcedAt);
    }

    /** The rule with ID {@code id}, or {@code null}. */
    public static Rule byId(String id) {
        return BY_ID.get(id);
    }
}
