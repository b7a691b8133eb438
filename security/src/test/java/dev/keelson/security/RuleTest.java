package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One failing and one passing case per rule of the policy check. */
class RuleTest {

    /** A rule, a change that breaks it, and the exact path of the finding. */
    record Case(String rule, UnaryOperator<SecurityBaseline> baseline, UnaryOperator<Platform.Builder> change, String path) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static final String P = "shop/environments/prod/";
    private static final String WEB = P + "Deployment/web/";
    private static final String POD = WEB + "spec.template.spec.";
    private static final String C = POD + "containers[web].";
    private static final String SC = C + "securityContext.";

    static Case pod(String rule, Consumer<PodSpec> change, String path) {
        return new Case(rule, b -> b, p -> p.customize(Deployment.class, "web",
                d -> change.accept(d.getSpec().getTemplate().getSpec())), path);
    }

    static Case container(String rule, Consumer<Container> change, String path) {
        return pod(rule, s -> change.accept(s.getContainers().get(0)), path);
    }

    static <T extends HasMetadata> Case object(String rule, Class<T> kind, String name, Consumer<T> change, String path) {
        return new Case(rule, b -> b, p -> p.customize(kind, name, change), path);
    }

    static Case raw(String rule, HasMetadata object, String path) {
        return new Case(rule, b -> b, p -> p.add(env -> object), path);
    }

    static Stream<Case> cases() {
        return Stream.of(
                pod("SEC-PSS-001", s -> s.setHostNetwork(true), POD + "hostNetwork"),
                container("SEC-PSS-002", c -> c.getSecurityContext().setPrivileged(true), SC + "privileged"),
                container("SEC-PSS-003", c -> c.getSecurityContext().getCapabilities().setAdd(List.of("SYS_ADMIN")), SC + "capabilities.add"),
                pod("SEC-PSS-004", s -> s.getVolumes().add(new VolumeBuilder().withName("docker").withNewHostPath()
                        .withPath("/var/run/docker.sock").endHostPath().build()), POD + "volumes[docker].hostPath"),
                container("SEC-PSS-005", c -> c.getPorts().get(0).setHostPort(8080), C + "ports[8080].hostPort"),
                pod("SEC-PSS-006", s -> s.getSecurityContext().setAppArmorProfile(new AppArmorProfile(null, "Unconfined")),
                        POD + "securityContext.appArmorProfile.type"),
                pod("SEC-PSS-007", s -> s.getSecurityContext().setSeLinuxOptions(new SELinuxOptions(null, null, null, "system_u")),
                        POD + "securityContext.seLinuxOptions"),
                container("SEC-PSS-008", c -> c.getSecurityContext().setProcMount("Unmasked"), SC + "procMount"),
                container("SEC-PSS-009", c -> c.getSecurityContext().setSeccompProfile(new SeccompProfile(null, "Unconfined")),
                        SC + "seccompProfile.type"),
                pod("SEC-PSS-010", s -> s.getSecurityContext().setSysctls(List.of(new Sysctl("kernel.msgmax", "65536"))),
                        POD + "securityContext.sysctls[kernel.msgmax]"),
                container("SEC-PSS-011", c -> c.getSecurityContext().setWindowsOptions(
                        new WindowsSecurityContextOptions(null, null, true, null)), SC + "windowsOptions.hostProcess"),
                container("SEC-PSS-012", c -> c.getReadinessProbe().getHttpGet().setHost("10.0.0.1"), C + "readinessProbe.httpGet.host"),
                pod("SEC-PSS-101", s -> s.getVolumes().add(new VolumeBuilder().withName("share").withNewNfs()
                        .withServer("nfs.local").withPath("/x").endNfs().build()), POD + "volumes[share].nfs"),
                container("SEC-PSS-102", c -> c.getSecurityContext().setAllowPrivilegeEscalation(null), SC + "allowPrivilegeEscalation"),
                container("SEC-PSS-103", c -> c.getSecurityContext().setRunAsNonRoot(false), SC + "runAsNonRoot"),
                container("SEC-PSS-104", c -> c.getSecurityContext().setRunAsUser(0L), SC + "runAsUser"),
                container("SEC-PSS-105", c -> c.getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW")), SC + "capabilities.drop"),
                pod("SEC-PSS-106", s -> s.getSecurityContext().setSeccompProfile(null), SC + "seccompProfile"),
                object("SEC-NS-001", Namespace.class, "shop-prod", n -> n.getMetadata().getLabels().remove("pod-security.kubernetes.io/enforce"),
                        P + "Namespace/shop-prod/metadata.labels[pod-security.kubernetes.io/enforce]"),
                container("SEC-POD-001", c -> c.getSecurityContext().setReadOnlyRootFilesystem(false), SC + "readOnlyRootFilesystem"),
                pod("SEC-POD-002", s -> s.getSecurityContext().setRunAsUser(1000L), SC + "runAsUser"),
                pod("SEC-POD-003", s -> s.getSecurityContext().setFsGroup(0L), POD + "securityContext"),
                pod("SEC-POD-004", s -> s.setAutomountServiceAccountToken(true), POD + "automountServiceAccountToken"),
                pod("SEC-POD-005", s -> s.setServiceAccountName("default"), POD + "serviceAccountName"),
                container("SEC-POD-006", c -> c.getEnv().add(new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom()
                        .withNewSecretKeyRef("password", "db", false).endValueFrom().build()), C + "env[DB_PASSWORD]"),
                raw("SEC-POD-007", new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
                        .addToData("db-password", "hunter2").build(), P + "ConfigMap/settings/data[db-password]"),
                pod("SEC-POD-009", s -> s.setHostAliases(List.of(new HostAlias(List.of("db"), "10.0.0.5"))), POD + "hostAliases"),
                object("SEC-POD-010", Deployment.class, "web", d -> d.getMetadata().setNamespace("default"), WEB + "metadata.namespace"),
                container("SEC-POD-011", c -> c.getPorts().add(new ContainerPort(22, null, null, "ssh", "TCP")), C + "ports[22]"),
                container("SEC-POD-012", c -> {
                    c.getEnv().add(new EnvVar("MODE", "a", null));
                    c.getEnv().add(new EnvVar("MODE", "b", null));
                }, C + "env[MODE]"),
                container("SEC-POD-013", c -> c.getPorts().add(new ContainerPort(80, null, null, "legacy", "TCP")), C + "ports[80]"),
                container("SEC-RES-001", c -> c.getResources().setRequests(null), C + "resources.requests"),
                container("SEC-RES-002", c -> c.getResources().setLimits(null), C + "resources.limits.memory"),
                new Case("SEC-RES-005", b -> b.quota(Quota.none()), p -> p, P + "Namespace/shop-prod/ResourceQuota"),
                container("SEC-PRB-001", c -> c.setReadinessProbe(null), C + "readinessProbe"),
                container("SEC-PRB-002", c -> c.setLivenessProbe(null), C + "livenessProbe"),
                container("SEC-PRB-003", c -> c.getReadinessProbe().getHttpGet().setPort(new IntOrString("admin")), C + "readinessProbe.port"),
                container("SEC-IMG-001", c -> c.setImage("ghcr.io/acme/web:latest"), C + "image"),
                new Case("SEC-IMG-002", b -> b.images(ImagePolicy.registries("ghcr.io/acme")), p -> p, C + "image"),
                container("SEC-IMG-003", c -> c.setImagePullPolicy("IfNotPresent"), C + "imagePullPolicy"),
                new Case("SEC-IMG-004", b -> b.images(ImagePolicy.registries("ghcr.io/acme").digestsIn()),
                        p -> p.customize(Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                                .setImage("docker.io/acme/web:1.4.2")), C + "image"),
                new Case("SEC-IMG-005", b -> b.images(ImagePolicy.registries("ghcr.io/acme").digestsIn().pullSecret("ghcr-pull")),
                        p -> p.customize(Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec().setImagePullSecrets(null)),
                        POD + "imagePullSecrets"),
                new Case("SEC-NET-001", b -> b, p -> p
                        .customize(NetworkPolicy.class, "default-deny", n -> n.getSpec().setPolicyTypes(List.of("Ingress")))
                        .customize(NetworkPolicy.class, "web", n -> n.getSpec().getPodSelector().setMatchLabels(Map.of("app", "none"))),
                        WEB + "spec.template.metadata.labels"),
                object("SEC-NET-002", NetworkPolicy.class, "default-deny", n -> n.getSpec().setPolicyTypes(List.of("Ingress")),
                        P + "Namespace/shop-prod/NetworkPolicy"),
                object("SEC-NET-003", NetworkPolicy.class, "all-pods-dns", n -> n.getSpec().getEgress().get(0).getPorts().remove(1),
                        P + "Namespace/shop-prod/NetworkPolicy"),
                raw("SEC-NET-004", new NetworkPolicyBuilder().withNewMetadata().withName("ghost").endMetadata().withNewSpec()
                        .withNewPodSelector().withMatchLabels(Map.of("app", "ghost")).endPodSelector()
                        .withPolicyTypes("Ingress").endSpec().build(), P + "NetworkPolicy/ghost/spec.podSelector"),
                object("SEC-NET-005", Service.class, "web", s -> s.getSpec().setType("NodePort"), P + "Service/web/spec.type"),
                object("SEC-NET-006", Service.class, "web", s -> s.getSpec().getPorts().get(0).setTargetPort(new IntOrString("www")),
                        P + "Service/web/spec.ports[http].targetPort"),
                object("SEC-NET-007", Ingress.class, "web", i -> i.getSpec().setTls(null), P + "Ingress/web/spec.tls"),
                object("SEC-NET-008", Ingress.class, "web", i -> i.getMetadata().getAnnotations()
                        .put("nginx.ingress.kubernetes.io/configuration-snippet", "more_set_headers x"),
                        P + "Ingress/web/metadata.annotations[nginx.ingress.kubernetes.io/configuration-snippet]"),
                object("SEC-NET-009", NetworkPolicy.class, "api", n -> n.getSpec().getEgress().get(1).getTo().get(0).getIpBlock().setExcept(null),
                        P + "NetworkPolicy/api/spec.egress[1].to.ipBlock"),
                object("SEC-NET-010", NetworkPolicy.class, "api", n -> n.getSpec().getIngress().clear(),
                        P + "Namespace/shop-prod/NetworkPolicy"),
                raw("SEC-NET-011", new NetworkPolicyBuilder().withNewMetadata().withName("allow-all").endMetadata()
                        .withNewSpec().withNewPodSelector().endPodSelector().addNewIngress().endIngress()
                        .withPolicyTypes("Ingress").endSpec().build(), P + "NetworkPolicy/allow-all/spec.ingress[0]"),
                new Case("SEC-NET-012", b -> b, p -> meshed(p).add(env -> authorization("allow-nothing", Map.of())),
                        P + "Namespace/shop-prod/AuthorizationPolicy"),
                new Case("SEC-NET-013", b -> b, p -> meshed(p).add(env -> authorization("open", Map.of(
                        "selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "web")),
                        "rules", List.of(Map.of("from", List.of(Map.of("source", Map.of("namespaces", List.of("*"))))))))),
                        P + "AuthorizationPolicy/open/spec.rules[0]"),
                raw("SEC-RBAC-001", role("everything", "", "configmaps", "*"), P + "Role/everything/rules[0]"),
                raw("SEC-RBAC-002", new RoleBindingBuilder().withNewMetadata().withName("admin").endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                        .addNewSubject().withKind("ServiceAccount").withName("web").endSubject().build(),
                        P + "RoleBinding/admin/roleRef.name"),
                raw("SEC-RBAC-003", role("debug", "", "pods/exec", "create"), P + "Role/debug/rules[0]"),
                raw("SEC-RBAC-004", role("reader", "", "secrets", "get", "list"), P + "Role/reader/rules[0]"),
                raw("SEC-RBAC-005", role("deployer", "apps", "deployments", "create"), P + "Role/deployer/rules[0]"),
                raw("SEC-RBAC-006", role("binder", "rbac.authorization.k8s.io", "roles", "bind"), P + "Role/binder/rules[0]"),
                raw("SEC-RBAC-007", new RoleBindingBuilder().withNewMetadata().withName("open").endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "viewer")
                        .addNewSubject().withKind("Group").withName("system:anonymous").endSubject().build(),
                        P + "RoleBinding/open/subjects[system:anonymous]"),
                raw("SEC-RBAC-008", new ClusterRoleBuilder().withNewMetadata().withName("viewer").endMetadata()
                        .addNewRule().withApiGroups("").withResources("configmaps").withVerbs("get").endRule().build(),
                        P + "ClusterRole/viewer/kind"),
                object("SEC-AVL-001", Deployment.class, "web", d -> d.getSpec().setReplicas(1), WEB + "spec.replicas"),
                object("SEC-AVL-002", PodDisruptionBudget.class, "web", b -> b.getSpec().getSelector().setMatchLabels(Map.of("app", "none")),
                        WEB + "metadata.name"),
                object("SEC-AVL-003", PodDisruptionBudget.class, "web", b -> b.getSpec().setMaxUnavailable(new IntOrString(0)),
                        P + "PodDisruptionBudget/web/spec.maxUnavailable"),
                object("SEC-AVL-004", PodDisruptionBudget.class, "web", b -> b.getSpec().setUnhealthyPodEvictionPolicy(null),
                        P + "PodDisruptionBudget/web/spec.unhealthyPodEvictionPolicy"),
                pod("SEC-AVL-006", s -> s.setTopologySpreadConstraints(null), POD + "topologySpreadConstraints"),
                object("SEC-AVL-007", Deployment.class, "web", d -> {
                    d.getSpec().getStrategy().setType("Recreate");
                    d.getSpec().getStrategy().setRollingUpdate(null);
                }, WEB + "spec.strategy.type"),
                object("SEC-AVL-008", Deployment.class, "web", d -> d.getSpec().getSelector().getMatchLabels().put("tier", "front"),
                        WEB + "spec.selector.matchLabels[tier]"),
                raw("SEC-AVL-010", legacy(), P + "PodDisruptionBudget/old/apiVersion"),
                object("SEC-AVL-011", Deployment.class, "web", d -> d.getMetadata().getLabels().put("app.kubernetes.io/instance", "shop"),
                        WEB + "metadata.labels[app.kubernetes.io/instance]"),
                raw("SEC-AVL-012", job(), P + "Job/migrate/spec.ttlSecondsAfterFinished"));
    }

    /** The namespace labelled for sidecar injection, as the mesh module would (this module does not know it). */
    static Platform.Builder meshed(Platform.Builder p) {
        return p.customize(Namespace.class, "shop-prod", n -> n.getMetadata().getLabels().put("istio-injection", "enabled"));
    }

    /** An Istio AuthorizationPolicy as a raw object. */
    static HasMetadata authorization(String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("security.istio.io/v1");
        r.setKind("AuthorizationPolicy");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        r.setMetadata(meta);
        r.setAdditionalProperty("spec", new java.util.LinkedHashMap<>(spec));
        return r;
    }

    static HasMetadata role(String name, String group, String resource, String... verbs) {
        return new RoleBuilder().withNewMetadata().withName(name).endMetadata()
                .addNewRule().withApiGroups(group).withResources(resource).withVerbs(verbs).endRule().build();
    }

    /** A Job that passes every other rule under restricted, without ttlSecondsAfterFinished. */
    static HasMetadata job() {
        var job = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder()
                .withNewMetadata().withName("migrate").addToLabels("app.kubernetes.io/name", "migrate").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65532L).withRunAsGroup(65532L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("migrate").withImage("ghcr.io/acme/migrate:1.0.0")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true).withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("128Mi"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("128Mi")).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build();
        return job;
    }

    static HasMetadata legacy() {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("policy/v1beta1");
        r.setKind("PodDisruptionBudget");
        ObjectMeta meta = new ObjectMeta();
        meta.setName("old");
        r.setMetadata(meta);
        return r;
    }

    @ParameterizedTest(name = "{0} reports the broken object and field")
    @MethodSource("cases")
    @DisplayName("a change that breaks a rule is reported with the rule ID, object, field, severity and fix")
    void failing(Case c) {
        Platform platform = c.change().apply(Platforms.shop(c.baseline().apply(SecurityBaseline.restricted()))).build();
        List<Problem> found = Platforms.problems(platform, "prod").stream().filter(p -> c.rule().equals(p.rule())).toList();
        assertThat(found).extracting(Problem::path).contains(c.path());
        SecurityRule rule = SecurityRule.byId(c.rule());
        Problem p = found.stream().filter(x -> x.path().equals(c.path())).findFirst().orElseThrow();
        assertThat(p.message()).startsWith("in prod: [" + rule.severity() + "] ");
        assertThat(p.fix()).isNotBlank();
        assertThat(p.severity()).isEqualTo(rule.enforcedUnder(PodSecurityLevel.RESTRICTED)
                ? Problem.Severity.ERROR : Problem.Severity.WARNING);
    }

    @ParameterizedTest(name = "{0} passes on the reference shop")
    @MethodSource("cases")
    @DisplayName("the reference shop passes every rule, in dev (baseline) and prod (restricted)")
    void passing(Case c) {
        Platform platform = Platforms.shop(SecurityBaseline.byStage()).build();
        assertThat(Platforms.problems(platform, "prod")).filteredOn(p -> c.rule().equals(p.rule())).isEmpty();
        assertThat(Platforms.problems(platform, "dev")).filteredOn(p -> c.rule().equals(p.rule())).isEmpty();
    }

    @Test
    @DisplayName("every rule of the catalogue has a failing case")
    void everyRuleIsCovered() {
        Set<String> covered = cases().map(Case::rule).collect(Collectors.toCollection(TreeSet::new));
        Set<String> all = Arrays.stream(SecurityRule.values()).map(SecurityRule::id).collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).isEqualTo(all);
    }

    @Test
    @DisplayName("a restricted-only finding fails a restricted environment and only warns in a baseline one")
    void levelsDecideSeverity() {
        Platform platform = Platforms.shop(SecurityBaseline.byStage())
                .customize(Deployment.class, "web", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .getSecurityContext().setAllowPrivilegeEscalation(true))
                .build();
        List<Problem> dev = new ArrayList<>(Platforms.problems(platform, "dev"));
        assertThat(dev).filteredOn(p -> "SEC-PSS-102".equals(p.rule())).extracting(Problem::severity)
                .containsExactly(Problem.Severity.WARNING);
        assertThat(Platforms.problems(platform, "prod")).filteredOn(p -> "SEC-PSS-102".equals(p.rule()))
                .extracting(Problem::severity).containsExactly(Problem.Severity.ERROR);
        assertThat(Environment.dev().name()).isEqualTo("dev");
    }
}
