package dev.keelson.security.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.KubernetesVersion;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.security.ImagePolicy;
import dev.keelson.security.PodSecurityLevel;
import dev.keelson.security.SecurityRule;
import dev.keelson.security.Signature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * What the image policy and the admission settings of a SecurityBaseline render into one
 * environment: pull secrets on the tiers' pods, the namespace's opt-in label and a
 * {@code ClusterImagePolicy} for Sigstore's policy-controller, the ValidatingAdmissionPolicies
 * (and bindings) that make the cluster refuse what the policy check refuses, and the deployer's
 * Role. Internal.
 *
 * <p>The admission objects are {@link GenericKubernetesResource}s: fabric8 7.5 models only
 * {@code admissionregistration.k8s.io/v1}, and a 1.28 or 1.29 target needs {@code v1beta1}, whose
 * fields are the same.
 */
public final class SupplyChain {

    /** The namespace label that makes policy-controller enforce ClusterImagePolicies there. */
    public static final String SIGSTORE_INCLUDE = "policy.sigstore.dev/include";
    /** The name of the deployer's Role and RoleBinding in each namespace. */
    public static final String DEPLOYER_ROLE = "keelson-deployer";

    /** Namespaced kinds Keelson writes: {@code group:plural}. Secrets, pods and controller-made kinds stay out. */
    static final List<String> PLATFORM_KINDS = List.of(
            ":configmaps", ":serviceaccounts", ":services", ":resourcequotas", ":limitranges",
            "apps:deployments", "apps:statefulsets", "apps:daemonsets", "batch:jobs", "batch:cronjobs",
            "autoscaling:horizontalpodautoscalers", "policy:poddisruptionbudgets",
            "networking.k8s.io:networkpolicies", "networking.k8s.io:ingresses",
            "rbac.authorization.k8s.io:roles", "rbac.authorization.k8s.io:rolebindings");

    /**
     * Requests the platform's own policies let through: the control plane's controllers (the
     * namespace, service account, garbage collector and root CA publisher run as
     * {@code kube-system} service accounts or as the controller manager) and the CA bundles
     * that kube-controller-manager and istiod write into every namespace.
     */
    static final String NOT_SYSTEM = "!request.userInfo.username.startsWith('system:serviceaccount:kube-system:')"
            + " && request.userInfo.username != 'system:kube-controller-manager'"
            + " && !(request.resource.resource == 'configmaps' && request.name in ['kube-root-ca.crt', 'istio-ca-root-cert'])";

    /**
     * Pods, ReplicaSets and Jobs a controller made: their template was checked on the Deployment,
     * StatefulSet, DaemonSet, Job or CronJob (with that object's waivers), and a sidecar injected
     * into them (Istio's proxy) is not the platform's. Pod Security Admission still checks every pod.
     */
    static final String NOT_CONTROLLER_MADE = "!(object.kind in ['Pod', 'ReplicaSet', 'Job']"
            + " && has(object.metadata.ownerReferences) && size(object.metadata.ownerReferences) > 0)";

    private SupplyChain() {
    }

    /** One CEL validation: the rule it enforces, the expression that must hold, the message when it does not. */
    public record Check(@Nullable SecurityRule rule, String expression, String message) {
    }

    /** The deployer identity: a ServiceAccount. */
    public record Deployer(String namespace, String serviceAccount) {

        /** The username the API server gives it. */
        public String username() {
            return "system:serviceaccount:" + namespace + ":" + serviceAccount;
        }
    }

    /** Puts the pull secret on every pod of every tier, and labels the namespace for policy-controller. */
    public static void contribute(FeatureContext s, @Nullable ImagePolicy images) {
        if (images == null) {
            return;
        }
        String secret = images.pullSecretName();
        if (secret != null) {
            for (TierObjects t : s.tiers()) {
                for (PodTemplateSpec template : t.podTemplates()) {
                    PodSpec pod = template.getSpec();
                    List<LocalObjectReference> refs = pod.getImagePullSecrets() == null ? new ArrayList<>()
                            : new ArrayList<>(pod.getImagePullSecrets());
                    if (refs.stream().noneMatch(r -> secret.equals(r.getName()))) {
                        refs.add(new LocalObjectReference(secret));
                    }
                    pod.setImagePullSecrets(refs);
                }
            }
        }
        if (!images.signatures().isEmpty()) {
            s.namespace().getMetadata().getLabels().put(SIGSTORE_INCLUDE, "true");
        }
    }

    /**
     * Renders the environment's ClusterImagePolicy (when signatures are asked for), its admission
     * policies (when {@code admission}) and the deployer's Role, binding and policy (when a
     * deployer is named).
     *
     * @param waived whether a rule is waived for an object ({@code Kind}, {@code name}) in this environment
     */
    public static void render(FeatureContext s, PodSecurityLevel level, @Nullable ImagePolicy images, boolean admission,
                              @Nullable Deployer deployer, Map<SecurityRule, List<String>> waived) {
        String ns = s.namespaceName();
        if (images != null && !images.signatures().isEmpty()) {
            s.add(clusterImagePolicy(s, images));
        }
        if (admission) {
            String apiVersion = apiVersion(s.platform().kubernetes());
            List<Check> checks = workloadChecks(level, images, s.environment(), waived);
            if (!checks.isEmpty()) {
                addPolicy(s, apiVersion, "keelson-" + ns + "-workloads", workloadRules(), workloadVariables(),
                        List.of(NOT_CONTROLLER_MADE), checks);
            }
            addPolicy(s, apiVersion, "keelson-" + ns + "-labels", platformRules(List.of("CREATE", "UPDATE")), List.of(),
                    List.of(NOT_SYSTEM), List.of(labelCheck(s.platform().name(), s.environment().name())));
        }
        if (deployer != null) {
            s.add(deployerRole());
            s.add(deployerBinding(deployer));
            if (admission) {
                addPolicy(s, apiVersion(s.platform().kubernetes()), "keelson-" + ns + "-deployer",
                        platformRules(List.of("CREATE", "UPDATE", "DELETE")), List.of(), List.of(NOT_SYSTEM),
                        List.of(new Check(null, "request.userInfo.username == '" + deployer.username() + "'",
                                "only " + deployer.username() + " changes the platform's objects in " + ns
                                        + "; deploy through it (the platform's GitOps or CI identity)")));
            }
        }
    }

    /** {@code admissionregistration.k8s.io/v1} from Kubernetes 1.30, {@code v1beta1} before. */
    public static String apiVersion(KubernetesVersion target) {
        return target.minor() >= 30 ? "admissionregistration.k8s.io/v1" : "admissionregistration.k8s.io/v1beta1";
    }

    /** The pod spec of any workload kind, and every container of it (init containers included). */
    static List<Map<String, Object>> workloadVariables() {
        return List.of(
                entry("name", "pod", "expression", "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob'"
                        + " ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec"),
                entry("name", "containers", "expression", "variables.pod.containers + (has(variables.pod.initContainers)"
                        + " ? variables.pod.initContainers : [])"));
    }

    /**
     * The checks of the workloads policy in an environment at {@code level}: the hardening rules the
     * level enforces, and the image rules of the policy, each skipping the objects waived from it.
     * The policy skips what a controller made ({@link #NOT_CONTROLLER_MADE}).
     */
    public static List<Check> workloadChecks(PodSecurityLevel level, @Nullable ImagePolicy images, Environment env,
                                             Map<SecurityRule, List<String>> waived) {
        List<Check> out = new ArrayList<>();
        String all = "variables.containers.all(c, ";
        String sc = "has(c.securityContext) && ";
        String podSc = "has(variables.pod.securityContext) && ";
        BiPredicate<SecurityRule, Boolean> on = (rule, extra) -> extra && rule.enforcedUnder(level);
        if (on.test(SecurityRule.PSS_103, true)) {
            out.add(new Check(SecurityRule.PSS_103, all + sc + "has(c.securityContext.runAsNonRoot)"
                    + " ? c.securityContext.runAsNonRoot : " + podSc + "has(variables.pod.securityContext.runAsNonRoot)"
                    + " && variables.pod.securityContext.runAsNonRoot)", "every container runs as non-root (runAsNonRoot: true)"));
        }
        if (on.test(SecurityRule.PSS_104, true)) {
            out.add(new Check(SecurityRule.PSS_104, all + sc + "has(c.securityContext.runAsUser)"
                    + " ? c.securityContext.runAsUser != 0 : !(" + podSc + "has(variables.pod.securityContext.runAsUser)"
                    + " && variables.pod.securityContext.runAsUser == 0))", "no container runs as user 0"));
        }
        if (on.test(SecurityRule.POD_001, true)) {
            out.add(new Check(SecurityRule.POD_001, all + sc + "has(c.securityContext.readOnlyRootFilesystem)"
                    + " && c.securityContext.readOnlyRootFilesystem)",
                    "every container has a read-only root filesystem (readOnlyRootFilesystem: true; write to emptyDirs)"));
        }
        if (on.test(SecurityRule.PSS_105, true)) {
            out.add(new Check(SecurityRule.PSS_105, all + sc + "has(c.securityContext.capabilities)"
                    + " && has(c.securityContext.capabilities.drop) && c.securityContext.capabilities.drop.exists(d, d == 'ALL')"
                    + " && (!has(c.securityContext.capabilities.add)"
                    + " || c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE')))",
                    "every container drops ALL capabilities and adds at most NET_BIND_SERVICE"));
        }
        if (on.test(SecurityRule.PSS_102, true)) {
            out.add(new Check(SecurityRule.PSS_102, all + sc + "has(c.securityContext.allowPrivilegeEscalation)"
                    + " && c.securityContext.allowPrivilegeEscalation == false)",
                    "every container sets allowPrivilegeEscalation: false"));
        }
        if (on.test(SecurityRule.RES_001, true)) {
            out.add(new Check(SecurityRule.RES_001, all + "has(c.resources) && has(c.resources.requests)"
                    + " && 'cpu' in c.resources.requests && 'memory' in c.resources.requests)",
                    "every container requests CPU and memory"));
        }
        if (on.test(SecurityRule.RES_002, true)) {
            out.add(new Check(SecurityRule.RES_002, all + "has(c.resources) && has(c.resources.limits)"
                    + " && 'memory' in c.resources.limits)", "every container has a memory limit"));
        }
        if (on.test(SecurityRule.IMG_001, true)) {
            out.add(new Check(SecurityRule.IMG_001, all + "c.image.contains('@sha256:')"
                    + " || c.image.matches(':[^/:@]+$') && !c.image.endsWith(':latest'))",
                    "every image has a fixed tag or a digest, never latest"));
        }
        if (images != null) {
            if (images.digestStages().contains(env.stage())) {
                out.add(new Check(SecurityRule.IMG_002, all + "c.image.contains('@sha256:'))",
                        "every image is pinned by digest (image@sha256:...) in " + env.name()));
            }
            List<String> prefixes = new ArrayList<>();
            for (String r : images.registries()) {
                prefixes.add("c.image.startsWith(" + quote(r + "/") + ")");
            }
            out.add(new Check(SecurityRule.IMG_004, all + String.join(" || ", prefixes) + ")",
                    "every image comes from " + String.join(", ", images.registries())));
            if (images.pullSecretName() != null) {
                out.add(new Check(SecurityRule.IMG_005, "has(variables.pod.imagePullSecrets)"
                        + " && variables.pod.imagePullSecrets.exists(s, s.name == " + quote(images.pullSecretName()) + ")",
                        "every pod pulls with the Secret " + images.pullSecretName() + " (imagePullSecrets)"));
            }
        }
        List<Check> waivedOut = new ArrayList<>();
        for (Check c : out) {
            List<String> targets = waived.getOrDefault(c.rule(), List.of());
            String expression = c.expression();
            if (!targets.isEmpty()) {
                List<String> alts = new ArrayList<>();
                for (String t : targets) {
                    int slash = t.indexOf('/');
                    alts.add("object.kind == " + quote(t.substring(0, slash)) + " && object.metadata.name == "
                            + quote(t.substring(slash + 1)));
                }
                expression = "(" + String.join(") || (", alts) + ") || " + expression;
            }
            waivedOut.add(new Check(c.rule(), expression, c.message()));
        }
        return waivedOut;
    }

    /** The platform's labels on every object of the kinds it writes. */
    static Check labelCheck(String platform, String environment) {
        return new Check(null, "has(object.metadata.labels)"
                + " && 'app.kubernetes.io/part-of' in object.metadata.labels"
                + " && object.metadata.labels['app.kubernetes.io/part-of'] == " + quote(platform)
                + " && 'keelson.dev/environment' in object.metadata.labels"
                + " && object.metadata.labels['keelson.dev/environment'] == " + quote(environment),
                "objects here carry the platform's labels app.kubernetes.io/part-of: " + platform
                        + " and keelson.dev/environment: " + environment);
    }

    /** A CEL string literal. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static List<Map<String, Object>> workloadRules() {
        return List.of(
                rule("", "pods", List.of("CREATE", "UPDATE")),
                rule("apps", List.of("deployments", "statefulsets", "daemonsets", "replicasets"), List.of("CREATE", "UPDATE")),
                rule("batch", List.of("jobs", "cronjobs"), List.of("CREATE", "UPDATE")));
    }

    private static List<Map<String, Object>> platformRules(List<String> operations) {
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (String k : PLATFORM_KINDS) {
            int colon = k.indexOf(':');
            byGroup.computeIfAbsent(k.substring(0, colon), g -> new ArrayList<>()).add(k.substring(colon + 1));
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        byGroup.forEach((group, resources) -> rules.add(rule(group, resources, operations)));
        return rules;
    }

    private static Map<String, Object> rule(String group, Object resources, List<String> operations) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("apiGroups", List.of(group));
        r.put("apiVersions", List.of("*"));
        r.put("operations", operations);
        r.put("resources", resources instanceof List<?> l ? l : List.of(resources));
        r.put("scope", "Namespaced");
        return r;
    }

    private static void addPolicy(FeatureContext s, String apiVersion, String name, List<Map<String, Object>> rules,
                                  List<Map<String, Object>> variables, List<String> conditions, List<Check> checks) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("failurePolicy", "Fail");
        spec.put("matchConstraints", Map.of("resourceRules", rules));
        if (!conditions.isEmpty()) {
            List<Map<String, Object>> mc = new ArrayList<>();
            for (int i = 0; i < conditions.size(); i++) {
                String c = conditions.get(i);
                mc.add(entry("name", c.equals(NOT_CONTROLLER_MADE) ? "not-made-by-a-controller" : "not-the-control-plane",
                        "expression", c));
            }
            spec.put("matchConditions", mc);
        }
        if (!variables.isEmpty()) {
            spec.put("variables", variables);
        }
        List<Map<String, Object>> validations = new ArrayList<>();
        for (Check c : checks) {
            validations.add(entry("expression", c.expression(), "message",
                    (c.rule() == null ? "" : c.rule().id() + ": ") + c.message() + " (policy " + name + ")"));
        }
        spec.put("validations", validations);
        s.add(generic(apiVersion, "ValidatingAdmissionPolicy", name, spec, s.labels()));
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("policyName", name);
        binding.put("validationActions", List.of("Deny"));
        binding.put("matchResources", Map.of("namespaceSelector",
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", s.namespaceName()))));
        s.add(generic(apiVersion, "ValidatingAdmissionPolicyBinding", name, binding, s.labels()));
    }

    private static GenericKubernetesResource clusterImagePolicy(FeatureContext s, ImagePolicy images) {
        List<Map<String, Object>> globs = new ArrayList<>();
        for (String r : images.registries()) {
            globs.add(Map.of("glob", r + "/**"));
        }
        List<Map<String, Object>> authorities = new ArrayList<>();
        int n = 0;
        for (Signature sig : images.signatures()) {
            n++;
            Map<String, Object> a = new LinkedHashMap<>();
            switch (sig.mode()) {
                case KEYLESS -> {
                    a.put("name", "keyless-" + n);
                    Map<String, Object> keyless = new LinkedHashMap<>();
                    keyless.put("url", sig.fulcioUrl());
                    keyless.put("identities", List.of(entry("issuer", sig.value(), "subject", sig.subject())));
                    a.put("keyless", keyless);
                }
                case PUBLIC_KEY -> {
                    a.put("name", "key-" + n);
                    a.put("key", Map.of("data", sig.value()));
                }
                case KEY_SECRET -> {
                    a.put("name", "key-" + n);
                    a.put("key", Map.of("secretRef", Map.of("name", sig.value())));
                }
            }
            authorities.add(a);
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("images", globs);
        spec.put("authorities", authorities);
        spec.put("mode", "enforce");
        return generic("policy.sigstore.dev/v1beta1", "ClusterImagePolicy", "keelson-" + s.namespaceName() + "-signed",
                spec, s.labels());
    }

    private static Role deployerRole() {
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        for (String k : PLATFORM_KINDS) {
            int colon = k.indexOf(':');
            byGroup.computeIfAbsent(k.substring(0, colon), g -> new ArrayList<>()).add(k.substring(colon + 1));
        }
        RoleBuilder role = new RoleBuilder().withMetadata(new ObjectMetaBuilder().withName(DEPLOYER_ROLE).build());
        byGroup.forEach((group, resources) -> role.addToRules(new PolicyRuleBuilder().withApiGroups(group)
                .withResources(resources)
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete").build()));
        return role.build();
    }

    private static RoleBinding deployerBinding(Deployer deployer) {
        return new RoleBindingBuilder().withMetadata(new ObjectMetaBuilder().withName(DEPLOYER_ROLE).build())
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", DEPLOYER_ROLE)
                .addNewSubject().withKind("ServiceAccount").withName(deployer.serviceAccount())
                .withNamespace(deployer.namespace()).endSubject()
                .build();
    }

    private static GenericKubernetesResource generic(String apiVersion, String kind, String name, Map<String, Object> spec,
                                                     Map<String, String> labels) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion(apiVersion);
        r.setKind(kind);
        r.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    private static Map<String, Object> entry(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
