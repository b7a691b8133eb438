package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ValidatingAdmissionPolicies SecurityBaseline renders, evaluated with cel-java on the
 * platform's own objects (all admitted) and on objects that break one rule each (each refused with
 * that rule's ID). See {@link Admission} for what the evaluation covers.
 */
@DisplayName("admission policies: the cluster refuses what the policy check refuses")
class AdmissionPoliciesTest {

    private static final String DEPLOYER = "system:serviceaccount:argocd:argocd-application-controller";
    private static final String HUMAN = "jane@example.com";

    private static Manifest prod() {
        return Keelson.synth(SupplyChainPlatforms.shop()).manifest("prod");
    }

    private static GenericKubernetesResource policy(Manifest m, String suffix) {
        return Admission.ofKind(m.objects(), "ValidatingAdmissionPolicy").stream()
                .filter(p -> p.getMetadata().getName().endsWith("-" + suffix)).findFirst().orElseThrow();
    }

    /** Every denial of every policy of the manifest for this request. */
    private static List<String> denials(Manifest m, String operation, Map<String, Object> object, String user) {
        List<String> out = new ArrayList<>();
        for (GenericKubernetesResource p : Admission.ofKind(m.objects(), "ValidatingAdmissionPolicy")) {
            out.addAll(Admission.denials(p, operation, object, user));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> web(Manifest m, Consumer<Map<String, Object>> change) {
        Map<String, Object> d = Admission.json(m.get(Deployment.class, "web").orElseThrow());
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) d.get("spec"))
                .get("template")).get("spec");
        change.accept(pod);
        return d;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> pod) {
        return ((List<Map<String, Object>>) pod.get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> securityContext(Map<String, Object> pod) {
        return (Map<String, Object>) container(pod).get("securityContext");
    }

    @Test
    @DisplayName("every object of dev and prod is admitted by every policy of its environment, created by the deployer")
    void ownOutputIsAdmitted() {
        Platform platform = SupplyChainPlatforms.shop();
        int checked = 0;
        for (String env : List.of("dev", "prod")) {
            Manifest m = Keelson.synth(platform).manifest(env);
            assertThat(Admission.ofKind(m.objects(), "ValidatingAdmissionPolicy")).extracting(p -> p.getMetadata().getName())
                    .containsExactly("keelson-shop-" + env + "-workloads", "keelson-shop-" + env + "-labels",
                            "keelson-shop-" + env + "-deployer");
            for (HasMetadata o : m.objects()) {
                if (o.getMetadata().getNamespace() == null) {
                    continue; // cluster-scoped: no namespaced rule matches it
                }
                assertThat(denials(m, "CREATE", Admission.json(o), DEPLOYER)).as(env + " " + o.getKind() + "/"
                        + o.getMetadata().getName()).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    @DisplayName("every expression compiles with cel-java's parser and checker")
    void compiles() {
        Manifest m = prod();
        int n = 0;
        for (GenericKubernetesResource p : Admission.ofKind(m.objects(), "ValidatingAdmissionPolicy")) {
            n += Admission.compileAll(p);
        }
        assertThat(n).isEqualTo(1 + 2 + 11 + 1 + 1 + 1 + 1); // workloads: condition, variables, validations; labels and deployer: condition, validation
    }

    @Test
    @DisplayName("a Deployment that breaks one rule is refused with exactly that rule's ID, for each rule of prod")
    @SuppressWarnings("unchecked")
    void eachRuleRefuses() {
        Manifest m = prod();
        GenericKubernetesResource workloads = policy(m, "workloads");
        Map<String, Consumer<Map<String, Object>>> breaks = new java.util.LinkedHashMap<>();
        breaks.put("SEC-PSS-103", pod -> securityContext(pod).put("runAsNonRoot", false));
        breaks.put("SEC-PSS-104", pod -> securityContext(pod).put("runAsUser", 0L));
        breaks.put("SEC-POD-001", pod -> securityContext(pod).put("readOnlyRootFilesystem", false));
        breaks.put("SEC-PSS-105", pod -> ((Map<String, Object>) securityContext(pod).get("capabilities"))
                .put("add", List.of("NET_ADMIN")));
        breaks.put("SEC-PSS-102", pod -> securityContext(pod).remove("allowPrivilegeEscalation"));
        breaks.put("SEC-RES-001", pod -> ((Map<String, Object>) container(pod).get("resources")).remove("requests"));
        breaks.put("SEC-RES-002", pod -> ((Map<String, Object>) ((Map<String, Object>) container(pod).get("resources"))
                .get("limits")).remove("memory"));
        breaks.put("SEC-IMG-001", pod -> container(pod).put("image", "ghcr.io/acme/web:latest"));
        breaks.put("SEC-IMG-002", pod -> container(pod).put("image", "ghcr.io/acme/web:1.4.2"));
        breaks.put("SEC-IMG-004", pod -> container(pod).put("image", "docker.io/acme/web@" + SupplyChainPlatforms.DIGEST));
        breaks.put("SEC-IMG-005", pod -> pod.remove("imagePullSecrets"));
        assertThat(Admission.denials(workloads, "CREATE", web(m, pod -> { }), DEPLOYER)).isEmpty();
        for (var e : breaks.entrySet()) {
            List<String> denied = Admission.denials(workloads, "UPDATE", web(m, e.getValue()), DEPLOYER);
            if (e.getKey().equals("SEC-IMG-001")) {
                // latest is not a digest either
                assertThat(denied).as(e.getKey()).extracting(s -> s.substring(0, 11)).containsExactly("SEC-IMG-001", "SEC-IMG-002");
            } else {
                assertThat(denied).as(e.getKey()).extracting(s -> s.substring(0, 11)).containsExactly(e.getKey());
            }
        }
        // the pod's runAsNonRoot covers a container that sets none; a container's false wins over the pod's true
        Map<String, Object> podLevel = web(m, pod -> securityContext(pod).remove("runAsNonRoot"));
        assertThat(Admission.denials(workloads, "CREATE", podLevel, DEPLOYER)).isEmpty();
        Map<String, Object> noneAtAll = web(m, pod -> {
            securityContext(pod).remove("runAsNonRoot");
            ((Map<String, Object>) pod.get("securityContext")).remove("runAsNonRoot");
        });
        assertThat(Admission.denials(workloads, "CREATE", noneAtAll, DEPLOYER)).extracting(s -> s.substring(0, 11))
                .containsExactly("SEC-PSS-103");
    }

    @Test
    @DisplayName("the rules reach init containers, CronJobs and bare Pods; what a controller made is not matched")
    @SuppressWarnings("unchecked")
    void kindsAndInitContainers() {
        Manifest m = prod();
        GenericKubernetesResource workloads = policy(m, "workloads");
        Map<String, Object> withInit = web(m, pod -> {
            Map<String, Object> init = new java.util.LinkedHashMap<>(container(pod));
            init.put("name", "migrate");
            init.put("securityContext", Map.of("runAsUser", 0L));
            pod.put("initContainers", List.of(init));
        });
        assertThat(Admission.denials(workloads, "CREATE", withInit, DEPLOYER)).extracting(s -> s.substring(0, 11))
                .containsExactly("SEC-PSS-104", "SEC-POD-001", "SEC-PSS-105", "SEC-PSS-102");

        Map<String, Object> podSpec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                web(m, pod -> container(pod).put("image", "docker.io/library/busybox:1.36")).get("spec")).get("template")).get("spec");
        Map<String, Object> bare = new java.util.LinkedHashMap<>();
        bare.put("apiVersion", "v1");
        bare.put("kind", "Pod");
        bare.put("metadata", new java.util.LinkedHashMap<>(Map.of("name", "debug", "namespace", "shop-prod")));
        bare.put("spec", podSpec);
        assertThat(Admission.denials(workloads, "CREATE", bare, HUMAN)).extracting(s -> s.substring(0, 11))
                .containsExactly("SEC-IMG-002", "SEC-IMG-004");
        ((Map<String, Object>) bare.get("metadata")).put("ownerReferences", List.of(Map.of("kind", "ReplicaSet", "name", "web-1")));
        assertThat(Admission.matches(workloads, "CREATE", bare, HUMAN)).isFalse();
        ((Map<String, Object>) bare.get("metadata")).put("ownerReferences", List.of());
        assertThat(Admission.matches(workloads, "CREATE", bare, HUMAN)).isTrue();

        Map<String, Object> cron = new java.util.LinkedHashMap<>();
        cron.put("apiVersion", "batch/v1");
        cron.put("kind", "CronJob");
        cron.put("metadata", Map.of("name", "nightly", "namespace", "shop-prod"));
        cron.put("spec", Map.of("jobTemplate", Map.of("spec", Map.of("template", Map.of("spec", podSpec)))));
        assertThat(Admission.denials(workloads, "CREATE", cron, DEPLOYER)).extracting(s -> s.substring(0, 11))
                .containsExactly("SEC-IMG-002", "SEC-IMG-004");
    }

    @Test
    @DisplayName("dev (baseline) refuses only what baseline enforces, plus the image policy's registries and pull Secret")
    void devIsBaseline() {
        Manifest dev = Keelson.synth(SupplyChainPlatforms.shop()).manifest("dev");
        assertThat(policy(dev, "workloads").getAdditionalProperties().toString())
                .doesNotContain("SEC-PSS-103", "SEC-POD-001", "SEC-RES-002", "SEC-IMG-002")
                .contains("SEC-RES-001", "SEC-IMG-001", "SEC-IMG-004", "SEC-IMG-005");
        assertThat(Admission.denials(policy(dev, "workloads"), "CREATE",
                web(dev, pod -> securityContext(pod).put("readOnlyRootFilesystem", false)), DEPLOYER)).isEmpty();
    }

    @Test
    @DisplayName("a waiver lets its object through that rule's validation, and only that object")
    void waiverExempts() {
        Platform p = SupplyChainPlatforms.shop(SupplyChainPlatforms.baseline()
                .waive(SecurityRule.POD_001, Deployment.class, "web", "writes to /var/cache, ticket OPS-7"), "1.28").build();
        Manifest m = Keelson.synth(p).manifest("prod");
        Map<String, Object> writable = web(m, pod -> securityContext(pod).put("readOnlyRootFilesystem", false));
        assertThat(Admission.denials(policy(m, "workloads"), "CREATE", writable, DEPLOYER)).isEmpty();
        Map<String, Object> replicaSet = new java.util.LinkedHashMap<>(writable);
        replicaSet.put("kind", "ReplicaSet");
        replicaSet.put("metadata", Map.of("name", "web-7d9f", "namespace", "shop-prod",
                "ownerReferences", List.of(Map.of("kind", "Deployment", "name", "web"))));
        assertThat(Admission.matches(policy(m, "workloads"), "CREATE", replicaSet, "system:serviceaccount:kube-system:deployment-controller"))
                .as("the waived Deployment's ReplicaSet").isFalse();
        writable.put("metadata", Map.of("name", "web2", "namespace", "shop-prod"));
        assertThat(Admission.denials(policy(m, "workloads"), "CREATE", writable, DEPLOYER)).extracting(s -> s.substring(0, 11))
                .containsExactly("SEC-POD-001");
    }

    @Test
    @DisplayName("the platform's labels are required on its kinds; the control plane's CA bundles and controllers are let through")
    void labels() {
        Manifest m = prod();
        GenericKubernetesResource labels = policy(m, "labels");
        Map<String, Object> bare = Admission.json(new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("shop-prod")
                .endMetadata().build());
        assertThat(Admission.denials(labels, "CREATE", bare, DEPLOYER)).containsExactly("objects here carry the platform's labels "
                + "app.kubernetes.io/part-of: shop and keelson.dev/environment: prod (policy keelson-shop-prod-labels)");
        Map<String, Object> otherEnv = Admission.json(new ConfigMapBuilder().withNewMetadata().withName("x").withNamespace("shop-prod")
                .withLabels(Map.of("app.kubernetes.io/part-of", "shop", "keelson.dev/environment", "dev")).endMetadata().build());
        assertThat(Admission.denials(labels, "CREATE", otherEnv, DEPLOYER)).hasSize(1);
        Map<String, Object> rootCa = Admission.json(new ConfigMapBuilder().withNewMetadata().withName("kube-root-ca.crt")
                .withNamespace("shop-prod").endMetadata().build());
        assertThat(Admission.denials(labels, "CREATE", rootCa, "system:serviceaccount:kube-system:root-ca-cert-publisher")).isEmpty();
        assertThat(Admission.denials(labels, "CREATE", rootCa, HUMAN)).isEmpty();
        Map<String, Object> secret = Admission.json(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                .withName("web-tls").withNamespace("shop-prod").endMetadata().build());
        assertThat(Admission.matches(labels, "CREATE", secret, HUMAN)).as("Secrets are cert-manager's").isFalse();
    }

    @Test
    @DisplayName("only the deployer changes the platform's kinds; others are refused, kube-system's controllers are not matched")
    void deployerOnly() {
        Manifest m = prod();
        GenericKubernetesResource deployer = policy(m, "deployer");
        Map<String, Object> web = Admission.json(m.get(Deployment.class, "web").orElseThrow());
        assertThat(Admission.denials(deployer, "UPDATE", web, DEPLOYER)).isEmpty();
        assertThat(Admission.denials(deployer, "DELETE", web, DEPLOYER)).isEmpty();
        assertThat(Admission.denials(deployer, "UPDATE", web, HUMAN)).containsExactly("only " + DEPLOYER
                + " changes the platform's objects in shop-prod; deploy through it (the platform's GitOps or CI identity)"
                + " (policy keelson-shop-prod-deployer)");
        assertThat(Admission.denials(deployer, "DELETE", web, "system:serviceaccount:argocd:argocd-server")).hasSize(1);
        assertThat(Admission.matches(deployer, "DELETE", web, "system:serviceaccount:kube-system:namespace-controller")).isFalse();
    }

    @ParameterizedTest(name = "Kubernetes {0}")
    @ValueSource(strings = {"1.28", "1.29", "1.30", "1.36"})
    @DisplayName("admissionregistration.k8s.io/v1beta1 on 1.28 and 1.29, v1 from 1.30; every object conforms to the schema of its target")
    void apiVersionByTarget(String version) {
        Platform p = SupplyChainPlatforms.shop(SupplyChainPlatforms.baseline(), version).build();
        String expected = version.equals("1.28") || version.equals("1.29")
                ? "admissionregistration.k8s.io/v1beta1" : "admissionregistration.k8s.io/v1";
        for (String env : List.of("dev", "prod")) {
            Manifest m = Keelson.synth(p).manifest(env);
            assertThat(m.objects()).filteredOn(o -> o.getKind().startsWith("ValidatingAdmissionPolicy"))
                    .hasSize(6).allSatisfy(o -> assertThat(o.getApiVersion()).isEqualTo(expected));
            if (SchemaConformance.kubernetesVersions().contains(version)) {
                SchemaConformance.assertConforms(m, version);
            }
        }
    }
}
