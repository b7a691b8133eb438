package dev.keelson.security;

import dev.keelson.core.Flow;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.security.internal.RbacRules;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Access to the Kubernetes API for one tier: its pods get their ServiceAccount token, a namespaced
 * Role grants exactly the declared verbs on the declared resources, a RoleBinding binds it to the
 * tier's ServiceAccount, and a {@code KUBERNETES_API} flow lets network policies allow egress to
 * the API server. Without this feature a tier's token is not mounted at all.
 *
 * <pre>{@code
 * Tier.named("operator").image("ghcr.io/acme/operator:1.2.0")
 *     .with(KubernetesApi.access("configmaps").verbs("get", "list", "watch")
 *         .and("leases").inGroup("coordination.k8s.io").verbs("get", "create", "update")
 *         .and("secrets").verbs("get").resourceNames("operator-tls")
 *         .named("operator")
 *         .apiServer("10.0.0.1/32", 443))
 * }</pre>
 *
 * <p>Refused when the platform is built, each problem carrying the rule ID ({@code Problem.rule()}): wildcards
 * (SEC-RBAC-001), {@code pods/exec}, {@code pods/attach}, {@code pods/portforward},
 * {@code nodes/proxy} (SEC-RBAC-003), reading Secrets without {@code resourceNames} or listing
 * them (SEC-RBAC-004), {@code escalate}, {@code bind}, {@code impersonate}, writes to admission
 * objects (SEC-RBAC-006), unknown verbs (KEE-SEC-024). Creating pods or workloads (SEC-RBAC-005) is reported by
 * the policy check. There is no way to name a ClusterRole or {@code cluster-admin}: the Role is
 * always namespaced.
 *
 * @param name the Role's and RoleBinding's name; {@code null} (default) for {@code <tier>-api}
 * @param rules the rules, in order
 * @param apiServerCidr where the API server's endpoints are; default {@value #ANYWHERE} (with the
 *     cloud metadata address excepted). Name the control plane's range to narrow egress.
 * @param apiServerPort the API server endpoints' port; default {@value #DEFAULT_PORT}
 */
public record KubernetesApi(@Nullable String name, List<Access> rules, String apiServerCidr, int apiServerPort)
        implements TierFeature {

    /** The default API server range: anywhere (NetworkPolicies cannot name the API server otherwise). */
    public static final String ANYWHERE = "0.0.0.0/0";

    /** The default API server port. */
    public static final int DEFAULT_PORT = 443;

    private static final Pattern RESOURCE = Pattern.compile("[a-z0-9*]+(/[a-z0-9*]+)?");

    /**
     * One rule of the Role.
     *
     * @param apiGroup the API group; {@code ""} (default) for the core group
     * @param resources the resources, e.g. {@code configmaps}
     * @param verbs the verbs, e.g. {@code get}; at least one
     * @param resourceNames the objects the rule is limited to; empty for every object of the resources
     */
    public record Access(String apiGroup, List<String> resources, List<String> verbs, List<String> resourceNames) {
        /**
         * Checks {@code apiGroup}, {@code resources}, {@code verbs} and {@code resourceNames} at once, naming the
         * argument and the call when one is invalid. Copies the collections, so the value stays immutable.
         *
         * @param apiGroup the API group; {@code ""} (default) for the core group
         * @param resources the resources, e.g. {@code configmaps}
         * @param verbs the verbs, e.g. {@code get}; at least one
         * @param resourceNames the objects the rule is limited to; empty for every object of the resources
         */
        public Access {
            Require.nonNull(apiGroup, "apiGroup");
            Require.noNulls(resources, "resources");
            Require.noNulls(verbs, "verbs");
            Require.noNulls(resourceNames, "resourceNames");
            resources = List.copyOf(resources);
            verbs = List.copyOf(verbs);
            resourceNames = List.copyOf(resourceNames);
        }
    }

    /**
     * Checks {@code rules} and {@code apiServerCidr} at once, naming the argument and the call when one is invalid.
     * Copies the collections, so the value stays immutable.
     *
     * @param name the Role's and RoleBinding's name; {@code null} (default) for {@code <tier>-api}
     * @param rules the rules, in order
     * @param apiServerCidr where the API server's endpoints are; default {@value #ANYWHERE} (with the
     *     cloud metadata address excepted). Name the control plane's range to narrow egress.
     * @param apiServerPort the API server endpoints' port; default {@value #DEFAULT_PORT}
     */
    public KubernetesApi {
        Require.noNulls(rules, "rules");
        Require.nonNull(apiServerCidr, "apiServerCidr");
        rules = List.copyOf(rules);
    }

    /** Access to {@code resources} of the core API group; name the verbs next with {@link #verbs}. */
    public static KubernetesApi access(String... resources) {
        Require.noNulls(resources, "resources");
        return new KubernetesApi(null, List.of(rule(resources)), ANYWHERE, DEFAULT_PORT);
    }

    /** This access plus a new rule for {@code resources} of the core API group. */
    public KubernetesApi and(String... resources) {
        Require.noNulls(resources, "resources");
        List<Access> copy = new ArrayList<>(rules);
        copy.add(rule(resources));
        return new KubernetesApi(name, copy, apiServerCidr, apiServerPort);
    }

    /** The last rule's resources in another API group, e.g. {@code apps}. */
    public KubernetesApi inGroup(String apiGroup) {
        Require.nonNull(apiGroup, "apiGroup");
        Access last = last();
        return withLast(new Access(apiGroup, last.resources(), last.verbs(), last.resourceNames()));
    }

    /** The last rule's verbs (replacing any), e.g. {@code get}, {@code list}, {@code watch}. */
    public KubernetesApi verbs(String... verbs) {
        Require.noNulls(verbs, "verbs");
        Access last = last();
        return withLast(new Access(last.apiGroup(), last.resources(), List.of(verbs), last.resourceNames()));
    }

    /** The last rule limited to the objects with these names. */
    public KubernetesApi resourceNames(String... names) {
        Require.noNulls(names, "names");
        Access last = last();
        return withLast(new Access(last.apiGroup(), last.resources(), last.verbs(), List.of(names)));
    }

    /** This access under another Role name (default {@code <tier>-api}). */
    public KubernetesApi named(String roleName) {
        Require.nonNull(roleName, "roleName");
        return new KubernetesApi(roleName, rules, apiServerCidr, apiServerPort);
    }

    /** Where the API server's endpoints are (default {@value #ANYWHERE} on {@value #DEFAULT_PORT}). */
    public KubernetesApi apiServer(String cidr, int port) {
        Require.nonNull(cidr, "cidr");
        return new KubernetesApi(name, rules, cidr, port);
    }

    /** The Role's name for tier {@code tier}. */
    public String roleName(String tier) {
        Require.nonNull(tier, "tier");
        return name != null ? name : tier + "-api";
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public TierExtension extension() {
        return new TierExtension() {
            @Override
            public void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
                KubernetesApi.this.validate(platform, tier, path, problems);
            }

            @Override
            public void contribute(FeatureContext synthesis, TierObjects tier) {
                KubernetesApi.this.contribute(synthesis, tier);
            }
        };
    }

    private void validate(Platform platform, Tier tier, ModelPath path, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(tier, "tier");
        Require.nonNull(path, "path");
        Require.nonNull(problems, "problems");
        ModelPath base = path.child("kubernetesApi");
        String role = roleName(tier.name());
        if (!KubernetesSyntax.dnsSubdomain(role)) {
            problems.error("KEE-SEC-020", base.child("name"), "Role name '" + role + "' is not a DNS name",
                    "use lower-case letters, digits, '-' and '.', e.g. named(\"" + tier.name() + "-reader\")");
        }
        List<KubernetesApi> grants = tier.features(KubernetesApi.class);
        int index = 0;
        while (index < grants.size() && grants.get(index) != this) {
            index++; // by identity: two equal grants are still two calls
        }
        for (int i = 0; i < index; i++) {
            // each grant writes a Role and a RoleBinding of its name; a second one of that name would replace the first
            if (grants.get(i).roleName(tier.name()).equals(role)) {
                problems.report(Problem.error(base.child("name"), "KubernetesApi #" + (i + 1) + " and #" + (index + 1) + " on tier '"
                                + tier.name() + "' both write Role and RoleBinding '" + role + "', so one would replace the other",
                        "grant everything in one KubernetesApi with and(...), or name the second with named(\""
                                + tier.name() + "-" + (index + 1) + "\")").withRule("KEE-DUP-002"));
                break;
            }
        }
        for (Access a : rules) {
            ModelPath rpath = base.key(String.join(",", a.resources()));
            if (a.resources().isEmpty()) {
                problems.error("KEE-SEC-021", rpath, "a rule names no resources", "name them, e.g. access(\"configmaps\")");
            }
            for (String r : a.resources()) {
                if (!RESOURCE.matcher(r).matches()) {
                    problems.error("KEE-SEC-022", rpath, "'" + r + "' is not a resource name",
                            "use the plural lower-case resource, e.g. 'configmaps' or 'deployments/scale'");
                }
            }
            if (a.verbs().isEmpty()) {
                problems.error("KEE-SEC-023", rpath, "no verbs granted on " + a.resources(), "add verbs(\"get\", \"list\", \"watch\") or the ones needed");
            }
            for (String v : a.verbs()) {
                if (!v.equals("*") && !RbacRules.VERBS.contains(v) && !List.of("escalate", "bind", "impersonate", "approve").contains(v)) {
                    problems.error("KEE-SEC-024", rpath, "'" + v + "' is not a verb of the Kubernetes API",
                            "use some of: get, list, watch, create, update, patch, delete, deletecollection");
                }
            }
            for (RbacRules.Issue issue : RbacRules.issues(List.of(a.apiGroup()), a.resources(), a.verbs(), a.resourceNames())) {
                if (issue.rule() != SecurityRule.RBAC_005) {
                    problems.error(issue.rule().id(), rpath, issue.message(), issue.fix());
                }
            }
        }
        int slash = apiServerCidr.indexOf('/');
        if (!KubernetesSyntax.cidr(apiServerCidr) || !KubernetesSyntax.ipv4(apiServerCidr.substring(0, slash))) {
            problems.error("KEE-SEC-025", base.child("apiServer"), "'" + apiServerCidr + "' is not an IPv4 CIDR",
                    "use the control plane's range, e.g. apiServer(\"10.0.0.1/32\", 443)");
        }
        if (apiServerCidr.equals(ANYWHERE)) {
            problems.warning("KEE-SEC-026", base.child("apiServer"), "egress to the Kubernetes API is allowed to " + ANYWHERE + " on port "
                            + apiServerPort + " (any HTTPS endpoint but the cloud metadata address)",
                    "name the control plane's endpoints: apiServer(\"<endpoint-ip>/32\", 443)");
        }
        if (apiServerPort < 1 || apiServerPort > 65535) {
            problems.error("KEE-SEC-027", base.child("apiServer"), "port " + apiServerPort + " is not in 1..65535", "use 443 or 6443");
        }
    }

    private void contribute(FeatureContext synthesis, TierObjects tier) {
        Require.nonNull(synthesis, "synthesis");
        Require.nonNull(tier, "tier");
        String tierName = tier.tier().name();
        String role = roleName(tierName);
        // every pod of the tier calls the API, a canary's too
        tier.podTemplates().forEach(pod -> pod.getSpec().setAutomountServiceAccountToken(true));
        List<PolicyRule> policyRules = new ArrayList<>();
        for (Access a : rules) {
            policyRules.add(new PolicyRuleBuilder()
                    .withApiGroups(a.apiGroup())
                    .withResources(new ArrayList<>(a.resources()))
                    .withResourceNames(a.resourceNames().isEmpty() ? null : new ArrayList<>(a.resourceNames()))
                    .withVerbs(new ArrayList<>(a.verbs()))
                    .build());
        }
        synthesis.add(new RoleBuilder()
                .withNewMetadata().withName(role).withNamespace(synthesis.namespaceName()).withLabels(tier.labels()).endMetadata()
                .withRules(policyRules)
                .build());
        synthesis.add(new RoleBindingBuilder()
                .withNewMetadata().withName(role).withNamespace(synthesis.namespaceName()).withLabels(tier.labels()).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(role).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(tier.serviceAccount().getMetadata().getName())
                .withNamespace(synthesis.namespaceName()).endSubject()
                .build());
        synthesis.flows().add(Flow.of(Flow.Kind.KUBERNETES_API, Peer.tier(tierName),
                Peer.network("kubernetes-api", List.of(apiServerCidr), List.of("kubernetes.default.svc")),
                List.of(Port.https(apiServerPort).named("kube-api"))));
    }

    private static Access rule(String... resources) {
        return new Access("", List.of(resources), List.of(), List.of());
    }

    private Access last() {
        return rules.get(rules.size() - 1);
    }

    private KubernetesApi withLast(Access access) {
        List<Access> copy = new ArrayList<>(rules);
        copy.set(copy.size() - 1, access);
        return new KubernetesApi(name, copy, apiServerCidr, apiServerPort);
    }
}
