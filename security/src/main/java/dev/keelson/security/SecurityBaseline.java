package dev.keelson.security;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.security.internal.NetworkRenderer;
import dev.keelson.security.internal.PodSecurityRules;
import dev.keelson.security.internal.PolicyCheck;
import dev.keelson.security.internal.QuotaCheck;
import dev.keelson.security.internal.QuotaRenderer;
import dev.keelson.security.internal.SupplyChain;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The platform's security baseline: the design card's security noun. Given to a platform with
 * {@code .with(...)}, it
 * <ul>
 *   <li>labels every namespace for Pod Security Admission ({@code enforce} at the environment's
 *       level, {@code audit} and {@code warn} at {@link #auditAndWarn} level, each with a pinned
 *       {@code -version}). PodSecurityPolicy was removed in Kubernetes 1.25; these labels replace it;</li>
 *   <li>hardens the tiers' pods where a secure default would break them: the PSS-safe sysctl
 *       {@code net.ipv4.ip_unprivileged_port_start} for a tier that declares a port below 1024
 *       (non-root, all capabilities dropped), and {@code fsGroupChangePolicy: OnRootMismatch} on a
 *       pod with an fsGroup but no policy (core already sets it on the tiers' own pods);</li>
 *   <li>renders the environment's graph of flows as NetworkPolicies: a default-deny for ingress and
 *       egress, then exactly one allow per flow (and, with {@link #ciliumL7()}, Cilium L7 rules);</li>
 *   <li>adds a ResourceQuota and LimitRange derived from the tiers ({@link Quota}), and fails synthesis
 *       when any quota of the namespace is below what the final workloads need (KEE-SEC-030);</li>
 *   <li>runs the policy check over the final objects of every environment (after customizations),
 *       failing synthesis with every finding. Rules and waivers: docs/security-rules.md.</li>
 * </ul>
 *
 * <pre>{@code
 * SecurityBaseline.byStage()                                  // dev baseline, staging and prod restricted
 * SecurityBaseline.restricted()                               // restricted everywhere
 * SecurityBaseline.restricted().in(Stage.DEVELOPMENT, PodSecurityLevel.BASELINE)
 * SecurityBaseline.restricted().in("sandbox", PodSecurityLevel.PRIVILEGED)   // explicit, reported
 * SecurityBaseline.restricted()
 *     .waive(SecurityRule.POD_001, Deployment.class, "legacy", "writes to /var/lib/app, ticket OPS-12")
 *     .quota(Quota.derived().headroom(100))
 *     .ciliumL7()
 * }</pre>
 *
 * <p>Defaults: level as chosen by the factory; {@code audit}/{@code warn} at
 * {@link PodSecurityLevel#RESTRICTED}, so a baseline environment shows what restricted would
 * reject; Pod Security version: the platform's target Kubernetes version
 * ({@code Platform.Builder.kubernetes("1.28")} pins {@code v1.28}); {@link Quota#derived()}; no Cilium
 * policies; no waivers.
 *
 * <p>It stays one class, over the ~500 lines a class is held to, because it is the feature users
 * configure: its documented options and the phases of {@code PlatformFeature} ({@code validate},
 * {@code contribute}, {@code render}, {@code check}) all read the same settings (levels, waivers,
 * quota), and the stale-waiver check re-enters this feature's own {@code check} in the other
 * environments; the rendering and the checks themselves are internal classes.
 */
public final class SecurityBaseline implements PlatformFeature {

    private static final Pattern VERSION = Pattern.compile("v1\\.[0-9]{1,2}|latest");
    private static final Pattern TARGET = Pattern.compile("[A-Z][A-Za-z0-9]*/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final String PSA = "pod-security.kubernetes.io/";

    private final PodSecurityLevel level;
    private final Map<Stage, PodSecurityLevel> byStage;
    private final Map<String, PodSecurityLevel> byEnvironment;
    private final PodSecurityLevel auditAndWarn;
    /** The pinned version, or {@code null}: the platform's target Kubernetes version. */
    private final @Nullable String version;
    private final List<Waiver> waivers;
    private final Quota quota;
    private final boolean ciliumL7;
    private final @Nullable ImagePolicy images;
    private final boolean admission;
    private final SupplyChain.@Nullable Deployer deployer;

    private SecurityBaseline(PodSecurityLevel level, Map<Stage, PodSecurityLevel> byStage,
                             Map<String, PodSecurityLevel> byEnvironment, PodSecurityLevel auditAndWarn, @Nullable String version,
                             List<Waiver> waivers, Quota quota, boolean ciliumL7, @Nullable ImagePolicy images, boolean admission,
                             SupplyChain.@Nullable Deployer deployer) {
        this.level = level;
        this.byStage = Collections.unmodifiableMap(byStage.isEmpty() ? new EnumMap<>(Stage.class) : new EnumMap<>(byStage));
        this.byEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(byEnvironment));
        this.auditAndWarn = auditAndWarn;
        this.version = version;
        this.waivers = List.copyOf(waivers);
        this.quota = quota;
        this.ciliumL7 = ciliumL7;
        this.images = images;
        this.admission = admission;
        this.deployer = deployer;
    }

    private static SecurityBaseline of(PodSecurityLevel level) {
        return new SecurityBaseline(level, Map.of(), Map.of(), PodSecurityLevel.RESTRICTED, null,
                List.of(), Quota.derived(), false, null, false, null);
    }

    /** The restricted level in every environment: the Pod Security Standards' hardened profile. */
    public static SecurityBaseline restricted() {
        return of(PodSecurityLevel.RESTRICTED);
    }

    /** The baseline level in every environment: known privilege escalations are refused. */
    public static SecurityBaseline baseline() {
        return of(PodSecurityLevel.BASELINE);
    }

    /**
     * The privileged level in every environment: explicitly unsafe. Pod security findings only warn
     * (RBAC findings still fail), namespaces enforce nothing, and building the platform warns.
     */
    public static SecurityBaseline privileged() {
        return of(PodSecurityLevel.PRIVILEGED);
    }

    /** The platform report's choice: baseline in development, restricted in staging and production. */
    public static SecurityBaseline byStage() {
        return restricted().in(Stage.DEVELOPMENT, PodSecurityLevel.BASELINE);
    }

    /** This baseline with {@code level} in every environment of stage {@code stage}. */
    public SecurityBaseline in(Stage stage, PodSecurityLevel stageLevel) {
        Require.nonNull(stage, "stage");
        Require.nonNull(stageLevel, "stageLevel");
        Map<Stage, PodSecurityLevel> copy = new EnumMap<>(Stage.class);
        copy.putAll(byStage);
        copy.put(stage, stageLevel);
        return new SecurityBaseline(level, copy, byEnvironment, auditAndWarn, version, waivers, quota, ciliumL7, images, admission, deployer);
    }

    /** This baseline with {@code level} in the environment named {@code environment} (wins over a stage's). */
    public SecurityBaseline in(String environment, PodSecurityLevel environmentLevel) {
        Require.nonNull(environment, "environment");
        Require.nonNull(environmentLevel, "environmentLevel");
        Map<String, PodSecurityLevel> copy = new LinkedHashMap<>(byEnvironment);
        copy.put(environment, environmentLevel);
        return new SecurityBaseline(level, byStage, copy, auditAndWarn, version, waivers, quota, ciliumL7, images, admission, deployer);
    }

    /** This baseline with the {@code audit} and {@code warn} labels at {@code auditLevel}. Default: restricted. */
    public SecurityBaseline auditAndWarn(PodSecurityLevel auditLevel) {
        Require.nonNull(auditLevel, "auditLevel");
        return new SecurityBaseline(level, byStage, byEnvironment, auditLevel, version, waivers, quota, ciliumL7, images, admission, deployer);
    }

    /**
     * This baseline pinning another Pod Security Standards version ({@code v1.<minor>} or
     * {@code latest}). Default: the platform's target Kubernetes version
     * ({@code Platform.Builder.kubernetes}), so the rules are those of the cluster the platform is
     * written for. Pinning keeps a cluster upgrade from tightening the rules under running
     * workloads.
     */
    public SecurityBaseline podSecurityVersion(String newVersion) {
        Require.nonNull(newVersion, "newVersion");
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, newVersion, waivers, quota, ciliumL7, images, admission, deployer);
    }

    /**
     * This baseline waiving rule {@code rule} for the object of type {@code kind} named {@code name}
     * in every environment: the finding becomes a warning and the object is annotated
     * {@code keelson.dev/waived-<rule>: <reason>}. The kind is the fabric8 class's Kubernetes kind,
     * as in {@code Platform.Builder.customize}; the result equals
     * {@link #waive(String, String, String) waive("SEC-POD-001", "Deployment/legacy", reason)}.
     *
     * <pre>{@code
     * .waive(SecurityRule.POD_001, Deployment.class, "legacy", "writes to /var/lib/app, ticket OPS-12")
     * }</pre>
     */
    public SecurityBaseline waive(SecurityRule rule, Class<? extends HasMetadata> kind, String name, String reason) {
        Require.nonNull(rule, "rule");
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        Require.nonNull(reason, "reason");
        return waive(rule.id(), target(kind, name), reason);
    }

    /**
     * This baseline waiving rule {@code rule} for the object of type {@code kind} named {@code name}
     * in the environment named {@code environment} only (a development-only capability, say);
     * elsewhere the rule holds.
     */
    public SecurityBaseline waiveIn(String environment, SecurityRule rule, Class<? extends HasMetadata> kind, String name,
                                    String reason) {
        Require.nonNull(environment, "environment");
        Require.nonNull(rule, "rule");
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        Require.nonNull(reason, "reason");
        return waiveIn(environment, rule.id(), target(kind, name), reason);
    }

    /** The waiver target {@code Kind/name} of the object of fabric8 type {@code kind} named {@code name}. */
    private static String target(Class<? extends HasMetadata> kind, String name) {
        return HasMetadata.getKind(kind) + "/" + name;
    }

    /**
     * This baseline waiving rule {@code rule} (its ID, e.g. {@code SEC-POD-001}) for the object
     * {@code target} ({@code Kind/name}) in every environment. The string form, for kinds without a
     * fabric8 class (custom resources, say); otherwise prefer
     * {@link #waive(SecurityRule, Class, String, String)}, which a typo cannot get past the compiler.
     */
    public SecurityBaseline waive(String rule, String target, String reason) {
        Require.nonNull(rule, "rule");
        Require.nonNull(target, "target");
        Require.nonNull(reason, "reason");
        List<Waiver> copy = new ArrayList<>(waivers);
        copy.add(new Waiver(rule, target, reason));
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, version, copy, quota, ciliumL7, images, admission, deployer);
    }

    /**
     * This baseline waiving rule {@code rule} (its ID) for the object {@code target}
     * ({@code Kind/name}) in the environment named {@code environment} only. The string form, for
     * kinds without a fabric8 class; otherwise prefer
     * {@link #waiveIn(String, SecurityRule, Class, String, String)}.
     */
    public SecurityBaseline waiveIn(String environment, String rule, String target, String reason) {
        Require.nonNull(environment, "environment");
        Require.nonNull(rule, "rule");
        Require.nonNull(target, "target");
        Require.nonNull(reason, "reason");
        List<Waiver> copy = new ArrayList<>(waivers);
        copy.add(new Waiver(rule, target, reason, environment));
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, version, copy, quota, ciliumL7, images, admission, deployer);
    }

    /** This baseline with another namespace quota. Default: {@link Quota#derived()}. */
    public SecurityBaseline quota(Quota newQuota) {
        Require.nonNull(newQuota, "newQuota");
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, version, waivers, newQuota, ciliumL7, images, admission, deployer);
    }

    /**
     * This baseline also rendering a CiliumNetworkPolicy ({@code cilium.io/v2}) with HTTP method and
     * path rules for every {@code talksTo} edge that declares methods or paths. For clusters running
     * Cilium only. Default: off. The edge's ingress is then carried by the Cilium policy alone (Cilium
     * would widen an L7 rule to "any request" if a plain NetworkPolicy allowed the same port).
     */
    public SecurityBaseline ciliumL7() {
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, version, waivers, quota, true, images, admission, deployer);
    }

    /**
     * This baseline with an image policy: allowed registries, digests in production, a pull Secret,
     * signatures ({@link ImagePolicy}). Default: none (images only need a fixed tag, SEC-IMG-001).
     * The policy check refuses every container that breaks it (SEC-IMG-002, 004, 005); with
     * signatures, each environment gets a {@code ClusterImagePolicy} for Sigstore's
     * policy-controller and its namespace the label {@code policy.sigstore.dev/include: "true"}.
     */
    public SecurityBaseline images(ImagePolicy policy) {
        Require.nonNull(policy, "policy");
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, version, waivers, quota, ciliumL7, policy,
                admission, deployer);
    }

    /**
     * This baseline also rendering ValidatingAdmissionPolicies and their bindings per environment,
     * bound to its namespace, so the cluster itself refuses what the policy check refuses, whoever
     * deploys: non-root, user 0, read-only root filesystem, capabilities, privilege escalation,
     * requests and memory limits (where the environment's level enforces them), fixed tags, and the
     * image policy's registries, digests and pull Secret; the platform's labels on the kinds it
     * writes; and, with {@link #deployer}, that only the deployer changes them. API version
     * {@code admissionregistration.k8s.io/v1} from a Kubernetes 1.30 target, {@code v1beta1} on 1.28
     * and 1.29 (where the API must be enabled on the API server); before 1.28 a build error
     * (KEE-SEC-046). Default: off.
     */
    public SecurityBaseline admissionPolicies() {
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, version, waivers, quota, ciliumL7, images,
                true, deployer);
    }

    /**
     * This baseline naming the identity that deploys the platform: the ServiceAccount
     * {@code serviceAccount} of namespace {@code namespace} (e.g. Argo CD's
     * {@code argocd-application-controller} in {@code argocd}, or a CI account). Each environment's
     * namespace gets a Role and RoleBinding {@code keelson-deployer} granting it the kinds Keelson
     * writes, and, with {@link #admissionPolicies()}, a policy that refuses changes to those kinds
     * by anyone else (the control plane's own controllers excepted). Default: none.
     */
    public SecurityBaseline deployer(String namespace, String serviceAccount) {
        Require.nonNull(namespace, "namespace");
        Require.nonNull(serviceAccount, "serviceAccount");
        return new SecurityBaseline(level, byStage, byEnvironment, auditAndWarn, version, waivers, quota, ciliumL7, images,
                admission, new SupplyChain.Deployer(namespace, serviceAccount));
    }

    /** The image policy, if any. */
    public Optional<ImagePolicy> imagePolicy() {
        return Optional.ofNullable(images);
    }

    /** The level of {@code environment}: its own, else its stage's, else this baseline's. */
    public PodSecurityLevel levelFor(Environment environment) {
        Require.nonNull(environment, "environment");
        PodSecurityLevel l = byEnvironment.get(environment.name());
        if (l == null) {
            l = byStage.get(environment.stage());
        }
        return l != null ? l : level;
    }

    /** The waivers, in the order declared. */
    public List<Waiver> waivers() {
        return waivers;
    }

    /** The namespace quota. */
    public Quota quota() {
        return quota;
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public PlatformExtension extension() {
        return new PlatformExtension() {
            @Override
            public void validate(Platform platform, Problems problems) {
                SecurityBaseline.this.validate(platform, problems);
            }

            @Override
            public void contribute(FeatureContext synthesis) {
                SecurityBaseline.this.contribute(synthesis);
            }

            @Override
            public void render(FeatureContext synthesis) {
                SecurityBaseline.this.render(synthesis);
            }

            @Override
            public void check(FeatureContext synthesis) {
                SecurityBaseline.this.check(synthesis);
            }
        };
    }

    private void validate(Platform platform, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(problems, "problems");
        ModelPath path = ModelPath.root(platform.name()).child("securityBaseline");
        if (platform.features(SecurityBaseline.class).size() > 1 && platform.features(SecurityBaseline.class).get(0) == this) {
            problems.error("KEE-SEC-001", path, "the platform is given " + platform.features(SecurityBaseline.class).size()
                    + " SecurityBaselines; each would render its own policies", "give it one, with per-environment levels via in(...)");
        }
        for (String env : byEnvironment.keySet()) {
            if (platform.environment(env).isEmpty()) {
                problems.error("KEE-SEC-002", path.child("in", env), "level set for environment '" + env + "', which does not exist",
                        "name one of: " + String.join(", ", platform.environments().stream().map(Environment::name).toList()));
            }
        }
        if (version != null && !VERSION.matcher(version).matches()) {
            problems.error("KEE-SEC-003", path.child("podSecurityVersion"), "'" + version + "' is not a Pod Security version",
                    "use 'v1.<minor>' matching the cluster, e.g. '" + platform.kubernetes().label() + "', or 'latest'");
        }
        for (Waiver w : waivers) {
            ModelPath wpath = path.child("waivers", w.rule()).key(w.target());
            if (SecurityRule.byId(w.rule()) == null) {
                problems.error("KEE-SEC-010", wpath, "waiver names rule '" + w.rule() + "', which does not exist, so it can match nothing",
                        closeRules(w.rule()));
            }
            if (!TARGET.matcher(w.target()).matches()) {
                problems.error("KEE-SEC-011", wpath, "waiver target '" + w.target() + "' is not Kind/name", "use e.g. 'Deployment/legacy'");
            }
            if (w.reason().isBlank()) {
                problems.error("KEE-SEC-012", wpath, "waiver has no reason", "say why and link a ticket, e.g. 'writes to /var/lib/app, ticket OPS-12'");
            }
            if (w.environment() != null && platform.environment(w.environment()).isEmpty()) {
                problems.error("KEE-SEC-013", wpath, "waiver names environment '" + w.environment() + "', which does not exist",
                        "name one of: " + String.join(", ", platform.environments().stream().map(Environment::name).toList()));
            }
        }
        for (Environment env : platform.environments()) {
            if (levelFor(env) == PodSecurityLevel.PRIVILEGED) {
                problems.warning("KEE-SEC-004", path.key(env.name()), "environment '" + env.name()
                                + "' runs under the privileged level: pod security findings only warn and the namespace enforces nothing",
                        "use SecurityBaseline.baseline() or restricted() unless the workloads truly need the node");
            }
        }
        validateSupplyChain(platform, path, problems);
        for (var tier : platform.tiers()) {
            checkCapabilities(platform, tier, problems);
            if (tier.name().equals(NetworkRenderer.DEFAULT_DENY) || tier.name().startsWith(NetworkRenderer.ALL_PODS)
                    || tier.name().startsWith("ingress-") || tier.name().startsWith("egress-")) {
                problems.error("KEE-SEC-005", ModelPath.root(platform.name()).tier(tier.name()), "tier name '" + tier.name()
                                + "' collides with the NetworkPolicies SecurityBaseline renders",
                        "rename the tier (names 'default-deny', 'all-pods-*', 'ingress-*' and 'egress-*' are taken)");
            }
        }
    }

    private static final Pattern REGISTRY = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*");

    /** KEE-SEC-040..046: the image policy, the signatures, the deployer and the admission policies' target. */
    private void validateSupplyChain(Platform platform, ModelPath path, Problems problems) {
        if (images != null) {
            for (String r : images.registries()) {
                if (!REGISTRY.matcher(r).matches() || !r.contains(".") && !r.startsWith("localhost")) {
                    problems.error("KEE-SEC-040", path.child("images").child("registries", r), "'" + r
                                    + "' is not a registry or repository prefix (host[:port][/path], lower case, no scheme, tag or trailing '/')",
                            "e.g. ImagePolicy.registries(\"harbor.acme.io/nexus\")");
                }
            }
            String secret = images.pullSecretName();
            if (secret != null && !KubernetesSyntax.dnsSubdomain(secret)) {
                problems.error("KEE-SEC-041", path.child("images").child("pullSecret"), "pull Secret name '" + secret
                        + "' is not a DNS subdomain, so no Secret can have it", "name an existing Secret, e.g. pullSecret(\"harbor-pull\")");
            }
            int n = 0;
            for (Signature sig : images.signatures()) {
                n++;
                ModelPath spath = path.child("images").child("signedBy", n);
                switch (sig.mode()) {
                    case KEYLESS -> {
                        if (!sig.value().startsWith("https://") || sig.value().length() <= "https://".length()) {
                            problems.error("KEE-SEC-042", spath, "keyless issuer '" + sig.value() + "' is not an https URL",
                                    "use the OIDC issuer's URL, e.g. https://token.actions.githubusercontent.com");
                        }
                        if (sig.subject() == null || sig.subject().isBlank()) {
                            problems.error("KEE-SEC-042", spath, "keyless signature has no subject, so it would match no identity",
                                    "name the signer, e.g. https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main");
                        }
                        if (!sig.fulcioUrl().startsWith("https://")) {
                            problems.error("KEE-SEC-042", spath, "Fulcio URL '" + sig.fulcioUrl() + "' is not an https URL",
                                    "use https, e.g. " + Signature.PUBLIC_FULCIO);
                        }
                    }
                    case PUBLIC_KEY -> {
                        String pem = sig.value().strip();
                        if (!pem.startsWith("-----BEGIN PUBLIC KEY-----") || !pem.endsWith("-----END PUBLIC KEY-----")) {
                            problems.error("KEE-SEC-043", spath, "the public key is not a PEM public key",
                                    "paste cosign.pub as written by cosign generate-key-pair, from -----BEGIN PUBLIC KEY----- "
                                            + "to -----END PUBLIC KEY-----");
                        }
                    }
                    case KEY_SECRET -> {
                        if (!KubernetesSyntax.dnsSubdomain(sig.value())) {
                            problems.error("KEE-SEC-043", spath, "Secret name '" + sig.value() + "' is not a DNS subdomain",
                                    "name the Secret that holds cosign.pub in the policy-controller's namespace");
                        }
                    }
                }
                if (sig.mode() != Signature.Mode.KEYLESS && !sig.fulcioUrl().equals(Signature.PUBLIC_FULCIO)) {
                    problems.error("KEE-SEC-044", spath, "a Fulcio URL is set on a key-based signature, which has no certificate",
                            "drop fulcio(...), or use Signature.keyless(issuer, subject).fulcio(url)");
                }
            }
        }
        if (deployer != null) {
            if (!KubernetesSyntax.dnsLabel(deployer.namespace())) {
                problems.error("KEE-SEC-045", path.child("deployer"), "deployer namespace '" + deployer.namespace()
                        + "' is not a DNS label", "name the namespace of the deployer's ServiceAccount, e.g. argocd");
            }
            if (!KubernetesSyntax.dnsSubdomain(deployer.serviceAccount())) {
                problems.error("KEE-SEC-045", path.child("deployer"), "deployer ServiceAccount '" + deployer.serviceAccount()
                        + "' is not a DNS subdomain", "name the ServiceAccount, e.g. argocd-application-controller");
            }
        }
        if (admission && platform.kubernetes().minor() < 28) {
            problems.error("KEE-SEC-046", path.child("admissionPolicies"), "ValidatingAdmissionPolicy is not served by Kubernetes "
                    + platform.kubernetes().label().substring(1) + " (beta from 1.28, GA from 1.30)",
                    "target Kubernetes 1.28 or later (Platform.Builder.kubernetes(\"1.30\")), or drop admissionPolicies()");
        }
    }

    /** The fix for a waiver of an unknown rule: the rule IDs closest to {@code id}, else its family's. */
    static String closeRules(String id) {
        String wanted = id.trim().toUpperCase(java.util.Locale.ROOT);
        List<String> close = new ArrayList<>();
        for (int d = 0; d <= 2 && close.isEmpty(); d++) {
            for (SecurityRule r : SecurityRule.values()) {
                if (distance(wanted, r.id()) == d) {
                    close.add(r.id());
                }
            }
        }
        if (close.isEmpty()) {
            int dash = wanted.lastIndexOf('-');
            String family = dash > 0 ? wanted.substring(0, dash + 1) : wanted;
            for (SecurityRule r : SecurityRule.values()) {
                if (!family.isEmpty() && r.id().startsWith(family)) {
                    close.add(r.id());
                }
            }
        }
        if (close.isEmpty()) {
            return "use a rule ID of the policy check (SEC-PSS-*, SEC-POD-*, SEC-RES-*, SEC-PRB-*, SEC-IMG-*, SEC-NET-*, "
                    + "SEC-RBAC-*, SEC-AVL-*, SEC-NS-*), listed in docs/security-rules.md";
        }
        return "use one of the close rule IDs: " + String.join(", ", close) + " (all rules: docs/security-rules.md)";
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Refuses, when the platform is built, capabilities some environment's level forbids (unless waived). */
    private void checkCapabilities(Platform platform, dev.keelson.core.Tier tier, Problems problems) {
        PodSecurityLevel strictest = PodSecurityLevel.PRIVILEGED;
        String where = null;
        for (Environment env : platform.environments()) {
            if (levelFor(env).compareTo(strictest) > 0) {
                strictest = levelFor(env);
                where = env.name();
            }
        }
        for (String cap : tier.addedCapabilities()) {
            SecurityRule rule = null;
            if (strictest.atLeast(PodSecurityLevel.BASELINE) && !PodSecurityRules.BASELINE_CAPS.contains(cap)) {
                rule = SecurityRule.PSS_003;
            } else if (strictest == PodSecurityLevel.RESTRICTED && !cap.equals("NET_BIND_SERVICE")) {
                rule = SecurityRule.PSS_105;
            }
            String id = rule == null ? null : rule.id();
            String strictestEnv = where;
            if (rule != null && waivers.stream().noneMatch(w -> w.covers(id, "Deployment", tier.name())
                    && w.appliesIn(strictestEnv))) {
                problems.error(id, ModelPath.root(platform.name()).tier(tier.name()).child("capabilities"), "capability " + cap
                                + " is not allowed at the " + strictest.label() + " level of environment '" + where + "'",
                        strictest == PodSecurityLevel.RESTRICTED ? "add at most NET_BIND_SERVICE" : "remove " + cap);
            }
        }
    }

    private void contribute(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        FeatureContext s = synthesis;
        PodSecurityLevel l = levelFor(s.environment());
        if (s.namespace().getMetadata().getLabels() == null) {
            s.namespace().getMetadata().setLabels(new LinkedHashMap<>());
        }
        Map<String, String> labels = s.namespace().getMetadata().getLabels();
        String version = this.version != null ? this.version : s.platform().kubernetes().label();
        labels.put(PSA + "enforce", l.label());
        labels.put(PSA + "enforce-version", version);
        labels.put(PSA + "audit", auditAndWarn.label());
        labels.put(PSA + "audit-version", version);
        labels.put(PSA + "warn", auditAndWarn.label());
        labels.put(PSA + "warn-version", version);
        for (TierObjects t : s.tiers()) {
            harden(t);
        }
        SupplyChain.contribute(s, images);
    }

    /** Hardens every pod of the tier, a canary's too (whether the mesh copied it before or after). */
    private static void harden(TierObjects t) {
        for (PodTemplateSpec template : t.podTemplates()) {
            harden(template.getSpec(), t.tier());
        }
    }

    private static void harden(PodSpec pod, Tier tier) {
        PodSecurityContext psc = pod.getSecurityContext();
        if (psc == null) {
            return;
        }
        if (psc.getFsGroup() != null && psc.getFsGroupChangePolicy() == null) {
            psc.setFsGroupChangePolicy("OnRootMismatch");
        }
        int lowest = Integer.MAX_VALUE;
        for (Port p : tier.ports()) {
            lowest = Math.min(lowest, p.number());
        }
        if (lowest < 1024) {
            // non-root with drop ALL cannot bind below 1024 (G-06); this PSS-safe sysctl lowers the bar only as far as needed
            List<Sysctl> sysctls = psc.getSysctls() == null ? new ArrayList<>() : new ArrayList<>(psc.getSysctls());
            if (sysctls.stream().noneMatch(x -> "net.ipv4.ip_unprivileged_port_start".equals(x.getName()))) {
                sysctls.add(new Sysctl("net.ipv4.ip_unprivileged_port_start", String.valueOf(lowest)));
            }
            psc.setSysctls(sysctls);
        }
    }

    private void render(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        FeatureContext s = synthesis;
        NetworkRenderer.render(s, ciliumL7);
        QuotaRenderer.render(s, quota);
        SupplyChain.render(s, levelFor(s.environment()), images, admission, deployer, waived(s.environment().name()));
    }

    /** The targets ({@code Kind/name}) of the waivers that apply in {@code environment}, by rule. */
    private Map<SecurityRule, List<String>> waived(String environment) {
        Map<SecurityRule, List<String>> out = new LinkedHashMap<>();
        for (Waiver w : waivers) {
            SecurityRule rule = SecurityRule.byId(w.rule());
            if (rule != null && w.appliesIn(environment)) {
                out.computeIfAbsent(rule, r -> new ArrayList<>()).add(w.target());
            }
        }
        return out;
    }

    private void check(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        FeatureContext s = synthesis;
        Map<String, Set<String>> probe = PROBE.get();
        if (probe != null) {
            probe.put(s.environment().name(), keys(s.objects())); // another environment's waiver check asks
            return;
        }
        PodSecurityLevel l = levelFor(s.environment());
        ModelPath base = ModelPath.root(s.platform().name()).environment(s.environment().name());
        String envName = s.environment().name();
        Set<Waiver> used = new HashSet<>();
        for (PolicyCheck.Finding f : PolicyCheck.run(s, l, images)) {
            HasMetadata o = f.object();
            String kind = o.getKind();
            String name = o.getMetadata().getName();
            SecurityRule rule = f.rule();
            if (deployer != null && rule == SecurityRule.RBAC_005 && kind.equals("Role")
                    && SupplyChain.DEPLOYER_ROLE.equals(name)) {
                continue; // creating the platform's workloads is what the deployer's Role is for
            }
            Waiver waiver = null;
            for (Waiver w : waivers) {
                if (w.appliesIn(envName) && w.covers(rule.id(), kind, name)) {
                    waiver = w;
                }
            }
            if (waiver != null) {
                used.add(waiver);
            }
            String message = "[" + rule.severity().name() + "] " + kind + "/" + name + ": " + f.message();
            Problem.Severity severity = rule.enforcedUnder(l) ? Problem.Severity.ERROR : Problem.Severity.WARNING;
            if (waiver != null) {
                message += " (waived: " + waiver.reason() + ")";
                severity = Problem.Severity.WARNING;
                if (o.getMetadata().getAnnotations() == null) {
                    o.getMetadata().setAnnotations(new LinkedHashMap<>());
                }
                o.getMetadata().getAnnotations().put(waiver.annotation(), waiver.reason());
            }
            // a raw object may lack its kind or name (KEE-RAW-001 reports it): the path then shows "null", as the message does
            s.report(new Problem(base.key(String.valueOf(kind)).key(String.valueOf(name)).key(f.field()), message, f.fix(), severity, rule.id()));
        }
        staleWaivers(s, used);
        QuotaCheck.check(s, quota);
    }

    /**
     * Warns of a waiver that covers nothing here. Its object is here but breaks its rule nowhere
     * (KEE-SEC-014): it would silently cover a future regression. Its object is in no environment the
     * waiver applies in (KEE-SEC-015): a misspelt or deleted target, which would waive a future
     * object of that name unseen. A waiver for every environment whose object only some environments
     * write (a prod-only canary) is quiet where the object is absent.
     *
     * <p>The check runs per environment, and only synthesis knows which objects an environment
     * writes (features, raw objects and customizations decide). So for a waiver whose object is
     * absent here, the other environments are synthesized to see whether any writes it: with
     * {@link #PROBE} set, this feature's check there only records the final objects and returns. This
     * costs a synthesis per other environment, and only for waivers whose object is absent here.
     */
    private void staleWaivers(FeatureContext s, Set<Waiver> used) {
        String envName = s.environment().name();
        Set<String> here = null; // only when a waiver is left over: most environments have none
        Map<String, Set<String>> elsewhere = null;
        for (Waiver w : waivers) {
            if (!w.appliesIn(envName) || used.contains(w)) {
                continue;
            }
            if (here == null) {
                here = keys(s.objects());
            }
            ModelPath wpath = ModelPath.root(s.platform().name()).child("securityBaseline").child("waivers", w.rule()).key(w.target());
            if (here.contains(w.target())) {
                s.report(Problem.warning(wpath, "waiver of " + w.rule() + " for " + w.target() + " covers no finding in " + envName,
                        w.environment() == null
                                ? "remove it, or keep it to the environments that need it with waiveIn(...)"
                                : "remove it").withRule("KEE-SEC-014"));
                continue;
            }
            if (elsewhere == null) {
                elsewhere = otherEnvironments(s);
            }
            List<String> writers = new ArrayList<>();
            for (Map.Entry<String, Set<String>> e : elsewhere.entrySet()) {
                if (e.getValue().contains(w.target())) {
                    writers.add(e.getKey());
                }
            }
            if (w.environment() == null && !writers.isEmpty()) {
                continue; // the object of another environment, e.g. a prod-only canary
            }
            String kind = w.target().substring(0, Math.max(0, w.target().indexOf('/')));
            Set<String> sameKind = new java.util.TreeSet<>();
            for (Set<String> objects : List.of(here, union(elsewhere))) {
                for (String key : objects) {
                    if (key.startsWith(kind + "/")) {
                        sameKind.add(key);
                    }
                }
            }
            String message;
            String fix;
            if (w.environment() != null) {
                message = "waiver of " + w.rule() + " for " + w.target() + " matches nothing: it applies in " + envName
                        + " only, which writes no " + w.target()
                        + (writers.isEmpty() ? "" : " (" + String.join(", ", writers) + " does)");
                fix = !writers.isEmpty()
                        ? "waive it where the object is: waiveIn(\"" + writers.get(0) + "\", \"" + w.rule() + "\", \""
                                + w.target() + "\", ...), or remove it"
                        : candidates(sameKind, kind);
            } else {
                message = "waiver of " + w.rule() + " for " + w.target() + " matches nothing: no environment of the platform writes "
                        + w.target();
                fix = candidates(sameKind, kind);
            }
            s.report(Problem.warning(wpath, message, fix).withRule("KEE-SEC-015"));
        }
    }

    private static String candidates(Set<String> sameKind, String kind) {
        if (sameKind.isEmpty()) {
            return "name an object the platform writes, as Kind/name (no environment writes a " + kind
                    + "; kinds are spelt as in the output, e.g. Deployment, StatefulSet, Service), or remove the waiver";
        }
        return "name an object the platform writes, e.g. " + String.join(", ", sameKind.stream().limit(8).toList())
                + ", or remove the waiver";
    }

    /** While set, this thread synthesizes environments only to learn which objects they write. */
    private static final ThreadLocal<Map<String, Set<String>>> PROBE = new ThreadLocal<>();

    /** The {@code Kind/name} of the final objects of every other environment that gets as far as the checks. */
    private static Map<String, Set<String>> otherEnvironments(FeatureContext s) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        PROBE.set(found);
        try {
            for (Environment other : s.platform().environments()) {
                if (other.name().equals(s.environment().name())) {
                    continue;
                }
                try {
                    Keelson.synth(s.platform()).manifest(other.name());
                } catch (ValidationException e) {
                    // that environment fails for its own reasons; what it wrote was recorded at its check
                }
            }
        } finally {
            PROBE.remove();
        }
        return found;
    }

    private static Set<String> keys(List<HasMetadata> objects) {
        Set<String> keys = new HashSet<>();
        for (HasMetadata o : objects) {
            if (o.getMetadata() != null) {
                keys.add(o.getKind() + "/" + o.getMetadata().getName());
            }
        }
        return keys;
    }

    private static Set<String> union(Map<String, Set<String>> byEnvironment) {
        Set<String> all = new HashSet<>();
        byEnvironment.values().forEach(all::addAll);
        return all;
    }

    @Override
    public String toString() {
        return "SecurityBaseline[" + level.label() + ", byStage=" + byStage + ", byEnvironment=" + byEnvironment + "]";
    }
}
