package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.ValidationException;
import dev.keelson.core.conformance.SchemaConformance;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the image policy: registries, digests, pull Secret and signatures, from one declaration")
class SupplyChainTest {

    private static List<Problem> buildProblems(Platform.Builder builder) {
        try {
            builder.build();
        } catch (ValidationException e) {
            return e.problems();
        }
        throw new AssertionError("the platform built");
    }

    private static final String TAGGED = "ghcr.io/acme/web:1.4.2";

    @Test
    @DisplayName("SEC-IMG-002: a tag in production fails check, with the digest form as the fix; dev keeps its tag")
    void digestInProduction() {
        Platform p = Platforms.shop(SecurityBaseline.byStage().images(ImagePolicy.registries("ghcr.io/acme"))).build();
        assertThat(Platforms.problems(p, "prod")).filteredOn(x -> x.rule().equals("SEC-IMG-002"))
                .extracting(Problem::severity, Problem::path, Problem::message, Problem::fix)
                .containsExactly(tuple(Problem.Severity.ERROR,
                        "shop/environments/prod/Deployment/web/spec.template.spec.containers[web].image",
                        "in prod: [MED] Deployment/web: in prod (production) container 'web' uses image '" + TAGGED
                                + "', a tag that can be moved to other code; images here must be pinned by digest",
                        "pin it: image(\"ghcr.io/acme/web:1.4.2@sha256:<digest>\") (crane digest " + TAGGED
                                + " prints the digest)"));
        assertThat(Platforms.problems(p, "dev")).extracting(Problem::rule).doesNotContain("SEC-IMG-002");
        Platform staging = Platforms.shop(SecurityBaseline.byStage().images(ImagePolicy.registries("ghcr.io/acme")
                .digestsIn(Stage.DEVELOPMENT))).build();
        assertThat(Platforms.problems(staging, "dev")).extracting(Problem::rule).contains("SEC-IMG-002");
        assertThat(Platforms.problems(staging, "prod")).extracting(Problem::rule).doesNotContain("SEC-IMG-002");
    }

    @Test
    @DisplayName("SEC-IMG-004: an image from another registry fails at every level; a prefix matches whole path segments")
    void registries() {
        Platform p = Platforms.shop(SecurityBaseline.privileged().images(ImagePolicy.registries("ghcr.io/ac")
                .digestsIn())).build();
        assertThat(Platforms.problems(p, "dev")).filteredOn(x -> x.rule().equals("SEC-IMG-004"))
                .extracting(Problem::severity, Problem::path, Problem::message, Problem::fix)
                .containsExactly(
                        tuple(Problem.Severity.ERROR, "shop/environments/dev/Deployment/web/spec.template.spec.containers[web].image",
                                "in dev: [HIGH] Deployment/web: container 'web' uses image '" + TAGGED
                                        + "', which is not from ghcr.io/ac",
                                "push the image to ghcr.io/ac and use it from there, e.g. 'ghcr.io/ac/web:1.4.2', or add its "
                                        + "registry to ImagePolicy.registries(...)"),
                        tuple(Problem.Severity.ERROR, "shop/environments/dev/Deployment/api/spec.template.spec.containers[api].image",
                                "in dev: [HIGH] Deployment/api: container 'api' uses image 'ghcr.io/acme/api@sha256:"
                                        + "a".repeat(64) + "', which is not from ghcr.io/ac",
                                "push the image to ghcr.io/ac and use it from there, e.g. 'ghcr.io/ac/api@sha256:"
                                        + "a".repeat(64) + "', or add its registry to ImagePolicy.registries(...)"));
    }

    @Test
    @DisplayName("SEC-IMG-005: tiers pull with the named Secret; a pod a customization strips of it fails")
    void pullSecret() {
        Platform ok = SupplyChainPlatforms.shop();
        assertThat(Keelson.synth(ok).manifest("prod").get(Deployment.class, "web").orElseThrow()
                .getSpec().getTemplate().getSpec().getImagePullSecrets()).extracting(r -> r.getName()).containsExactly("ghcr-pull");
        Platform stripped = SupplyChainPlatforms.shop(SupplyChainPlatforms.baseline(), "1.28")
                .customize(Deployment.class, "api", d -> d.getSpec().getTemplate().getSpec().setImagePullSecrets(null)).build();
        assertThat(Platforms.problems(stripped, "prod")).filteredOn(x -> x.rule().equals("SEC-IMG-005"))
                .extracting(Problem::path, Problem::message, Problem::fix)
                .containsExactly(tuple("shop/environments/prod/Deployment/api/spec.template.spec.imagePullSecrets",
                        "in prod: [MED] Deployment/api: the pod does not pull with the Secret 'ghcr-pull' the ImagePolicy names",
                        "add imagePullSecrets: [{name: ghcr-pull}] (tiers get it)"));
    }

    @Test
    @DisplayName("signatures: one ClusterImagePolicy per environment, keyless and key-based authorities, conforming to the CRD")
    void clusterImagePolicy() {
        Platform p = SupplyChainPlatforms.shop(SecurityBaseline.byStage().images(ImagePolicy.registries("ghcr.io/acme", "harbor.acme.io")
                .signedBy(Signature.keyless(SupplyChainPlatforms.ISSUER, SupplyChainPlatforms.SUBJECT).fulcio("https://fulcio.acme.io"),
                        Signature.publicKey("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"),
                        Signature.publicKeyFromSecret("cosign-pub"))), "1.28").build();
        Manifest prod = Keelson.synth(p).manifest("prod");
        List<GenericKubernetesResource> cips = Admission.ofKind(prod.objects(), "ClusterImagePolicy");
        assertThat(cips).extracting(c -> c.getMetadata().getName()).containsExactly("keelson-shop-prod-signed");
        assertThat(cips.get(0).getMetadata().getNamespace()).isNull();
        assertThat(Manifest.toYaml(cips.get(0))).contains("""
                spec:
                  images:
                  - glob: ghcr.io/acme/**
                  - glob: harbor.acme.io/**
                  authorities:
                  - name: keyless-1
                    keyless:
                      url: https://fulcio.acme.io
                      identities:
                      - issuer: https://token.actions.githubusercontent.com
                        subject: https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main
                  - name: key-2
                    key:
                      data: "-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----\\n"
                  - name: key-3
                    key:
                      secretRef:
                        name: cosign-pub
                  mode: enforce
                """);
        assertThat(prod.namespace()).isEqualTo("shop-prod");
        assertThat(Keelson.synth(p).manifest("prod").objects().get(0).getMetadata().getLabels())
                .containsEntry("policy.sigstore.dev/include", "true");
        SchemaConformance.assertConforms(prod);
        GenericKubernetesResource broken = cips.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) broken.getAdditionalProperties().get("spec");
        spec.put("imagez", List.of());
        assertThat(SchemaConformance.validate(broken)).as("the CRD schema is really consulted").isNotEmpty();
    }

    @Test
    @DisplayName("without an image policy or admission settings nothing new is rendered")
    void offByDefault() {
        Manifest m = Keelson.synth(Platforms.shop(SecurityBaseline.byStage()).build()).manifest("prod");
        assertThat(m.objects()).extracting(o -> o.getKind())
                .doesNotContain("ClusterImagePolicy", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
        assertThat(m.objects().get(0).getMetadata().getLabels()).doesNotContainKey("policy.sigstore.dev/include");
    }

    @Test
    @DisplayName("KEE-SEC-040..046: registries, pull Secret, signatures, deployer and the target version are checked at build()")
    void configurationProblems() {
        SecurityBaseline bad = SecurityBaseline.restricted()
                .images(ImagePolicy.registries("https://ghcr.io/acme/", "acme").pullSecret("Harbor_Pull")
                        .signedBy(Signature.keyless("token.actions.githubusercontent.com", " "),
                                Signature.publicKey("ssh-ed25519 AAAA"),
                                Signature.publicKeyFromSecret("cosign.pub").fulcio("https://fulcio.acme.io")))
                .deployer("Argo CD", "argocd-application-controller")
                .admissionPolicies();
        assertThat(buildProblems(Platforms.shop(bad).kubernetes("1.27")))
                .filteredOn(x -> x.rule().startsWith("KEE-SEC-04"))
                .extracting(Problem::rule, Problem::path, Problem::message)
                .containsExactly(
                        tuple("KEE-SEC-040", "shop/securityBaseline/images/registries/https://ghcr.io/acme/",
                                "'https://ghcr.io/acme/' is not a registry or repository prefix (host[:port][/path], lower case, "
                                        + "no scheme, tag or trailing '/')"),
                        tuple("KEE-SEC-040", "shop/securityBaseline/images/registries/acme",
                                "'acme' is not a registry or repository prefix (host[:port][/path], lower case, no scheme, tag or "
                                        + "trailing '/')"),
                        tuple("KEE-SEC-041", "shop/securityBaseline/images/pullSecret",
                                "pull Secret name 'Harbor_Pull' is not a DNS subdomain, so no Secret can have it"),
                        tuple("KEE-SEC-042", "shop/securityBaseline/images/signedBy/1",
                                "keyless issuer 'token.actions.githubusercontent.com' is not an https URL"),
                        tuple("KEE-SEC-042", "shop/securityBaseline/images/signedBy/1",
                                "keyless signature has no subject, so it would match no identity"),
                        tuple("KEE-SEC-043", "shop/securityBaseline/images/signedBy/2", "the public key is not a PEM public key"),
                        tuple("KEE-SEC-044", "shop/securityBaseline/images/signedBy/3",
                                "a Fulcio URL is set on a key-based signature, which has no certificate"),
                        tuple("KEE-SEC-045", "shop/securityBaseline/deployer", "deployer namespace 'Argo CD' is not a DNS label"),
                        tuple("KEE-SEC-046", "shop/securityBaseline/admissionPolicies",
                                "ValidatingAdmissionPolicy is not served by Kubernetes 1.27 (beta from 1.28, GA from 1.30)"));
    }
}
