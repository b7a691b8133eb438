package dev.keelson.core;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierExtension;
import dev.keelson.core.spi.TierObjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One test per validation rule: each builds a platform that breaks exactly that rule and asserts
 * the path, the message and (a telling part of) the fix of the one error reported.
 */
@DisplayName("Validation rules: every problem has a stable path, a precise message and a fix")
class ValidationRulesTest {

    static final String IMAGE = "ghcr.io/acme/api:1.0.0";
    static final String DIGEST = "sha256:" + "4f6c".repeat(16);

    static Tier.Builder api() {
        return Tier.named("api").image(IMAGE).port(Port.http(8080));
    }

    static Platform.Builder shop(Tier.Builder... tiers) {
        Platform.Builder b = Platform.named("shop");
        for (Tier.Builder t : tiers) {
            b.tier(t);
        }
        return b;
    }

    /** Builds, expects a ValidationException and returns its errors. */
    static List<Problem> errors(Platform.Builder platform) {
        ValidationException e = catchThrowableOfType(ValidationException.class, platform::build);
        assertThat(e).as("build() must throw ValidationException").isNotNull();
        return e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
    }

    /** Asserts that building fails with exactly one error, of rule {@code id}, at {@code path}, saying {@code message}. */
    static Problem rule(String id, Platform.Builder platform, String path, String message, String fixContains) {
        List<Problem> errors = errors(platform);
        assertThat(errors).as("errors of %s", errors).hasSize(1);
        Problem p = errors.get(0);
        assertThat(p.rule()).as("rule of [%s] %s", path, message).isEqualTo(id);
        assertThat(p.path()).isEqualTo(path);
        assertThat(p.message()).isEqualTo(message);
        assertThat(p.fix()).as("fix of [%s] %s", path, message).isNotBlank().contains(fixContains);
        return p;
    }

    static List<Problem> warnings(Platform platform) {
        return Keelson.synth(platform).manifest(platform.environments().get(0).name()).warnings();
    }

    @Test
    @DisplayName("a correct platform builds without problems")
    void validPlatformBuilds() {
        assertThatCode(() -> shop(api()).build()).doesNotThrowAnyException();
    }

    @Nested
    @DisplayName("platform and environments")
    class PlatformAndEnvironments {

        @Test
        @DisplayName("the platform name must be a DNS-1123 label")
        void platformName() {
            rule("KEE-PLAT-001", Platform.named("Shop_1").environments(Environment.prod().namespace("shop-prod")).tier(api()),
                    "Shop_1", "platform name 'Shop_1' is not a DNS label", "e.g. 'nexus-v3'");
        }

        @Test
        @DisplayName("the platform name has at most 63 characters")
        void platformNameLength() {
            String name = "s".repeat(64);
            rule("KEE-PLAT-001", Platform.named(name).environments(Environment.prod().namespace("shop-prod")).tier(api()),
                    name, "platform name '" + name + "' is not a DNS label", "at most 63");
        }

        @Test
        @DisplayName("an environment name must be a DNS-1123 label")
        void environmentName() {
            rule("KEE-PLAT-002", shop(api()).environments(Environment.named("Prod", Stage.PRODUCTION).namespace("shop-prod")),
                    "shop/environments/Prod", "environment name 'Prod' is not a DNS label", "e.g. 'prod'");
        }

        @Test
        @DisplayName("an environment is declared once")
        void environmentTwice() {
            rule("KEE-PLAT-003", shop(api()).environments(Environment.prod(), Environment.prod().namespace("other")),
                    "shop/environments/prod", "environment 'prod' is declared twice", "declare each environment once");
        }

        @Test
        @DisplayName("the derived namespace <platform>-<env> has at most 63 characters")
        void derivedNamespaceLength() {
            String name = "p".repeat(58);
            rule("KEE-PLAT-004", Platform.named(name).environments(Environment.staging()).tier(api()),
                    name + "/environments/staging/namespace",
                    "namespace '" + name + "-staging' is not a DNS label (66 characters, at most 63)",
                    "set Environment.namespace(...)");
        }

        @Test
        @DisplayName("an explicit namespace must be a DNS-1123 label")
        void explicitNamespace() {
            rule("KEE-PLAT-004", shop(api()).environments(Environment.prod().namespace("Shop")),
                    "shop/environments/prod/namespace", "namespace 'Shop' is not a DNS label", "lower-case");
        }

        @Test
        @DisplayName("a platform never deploys into Kubernetes' own namespaces")
        void reservedNamespace() {
            rule("KEE-PLAT-006", shop(api()).environments(Environment.prod().namespace("kube-system")),
                    "shop/environments/prod/namespace", "namespace 'kube-system' belongs to the cluster, not to a platform",
                    "'<platform>-<environment>'");
            rule("KEE-PLAT-006", shop(api()).environments(Environment.prod().namespace("default")),
                    "shop/environments/prod/namespace", "namespace 'default' belongs to the cluster, not to a platform",
                    "a namespace of its own");
        }

        @Test
        @DisplayName("a platform never deploys into istio-system, where mesh policies apply mesh-wide")
        void istioRootNamespace() {
            rule("KEE-PLAT-005", shop(api()).environments(Environment.prod().namespace("istio-system")),
                    "shop/environments/prod/namespace", "namespace 'istio-system' is Istio's root namespace: an allow-nothing "
                            + "AuthorizationPolicy, a PeerAuthentication or a Sidecar there applies to the whole mesh, not to a platform",
                    "a namespace of its own");
        }

        @Test
        @DisplayName("a probe whose timeout is not below its period is a warning whose fix makes it go away")
        void probeTimeoutNotBelowPeriod() {
            Platform slow = shop(api().liveness(Probe.http("/healthz").every(10).timeout(10))).build();
            assertThat(warnings(slow)).extracting(Problem::rule, Problem::path, Problem::message, Problem::fix).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("KEE-PROBE-009", "shop/tiers/api/liveness",
                            "probe timeout 10 s is not below its period 10 s: a slow answer delays the next probe, so failures "
                                    + "are noticed later than the period says",
                            "use a timeout below the period, e.g. .timeout(9) or .every(11)"));
            assertThat(warnings(shop(api().liveness(Probe.http("/healthz").every(10).timeout(9))).build())).isEmpty();
            assertThat(warnings(shop(api().liveness(Probe.http("/healthz").every(11).timeout(10))).build())).isEmpty();
        }

        @Test
        @DisplayName("a platform never deploys into the namespace of the cluster's ingress, monitoring or DNS")
        void clusterServiceNamespace() {
            rule("KEE-PLAT-006", shop(api()).environments(Environment.prod().namespace("ingress-nginx")),
                    "shop/environments/prod/namespace",
                    "namespace 'ingress-nginx' belongs to the cluster's shared services, not to a platform", "a namespace of its own");
        }

        @Test
        @DisplayName("two environments never share a namespace")
        void sharedNamespace() {
            rule("KEE-PLAT-007", shop(api()).environments(Environment.dev().namespace("shared"), Environment.prod().namespace("shared")),
                    "shop/environments/prod/namespace", "namespace 'shared' is used by two environments",
                    "its own namespace");
        }

        @Test
        @DisplayName("an override names an existing tier")
        void overrideOfUnknownTier() {
            rule("KEE-PLAT-008", shop(api()).environments(Environment.prod().override("cart", TierOverride.replicas(3))),
                    "shop/environments/prod/overrides/cart", "override names tier 'cart', which does not exist",
                    "name one of the tiers: api");
        }

        @Test
        @DisplayName("an override's replicas are not negative")
        void overrideReplicas() {
            rule("KEE-TIER-005", shop(api()).environments(Environment.prod().override("api", TierOverride.replicas(-1))),
                    "shop/environments/prod/overrides/api/replicas", "replicas -1 is negative", "0 or more");
        }

        @Test
        @DisplayName("an override's resources are quantities")
        void overrideResources() {
            rule("KEE-RES-001", shop(api()).environments(Environment.prod().override("api",
                            TierOverride.resources(Resources.requests("lots", "1Gi")))),
                    "shop/environments/prod/overrides/api/resources/cpuRequest", "'lots' is not a resource quantity",
                    "'250m'");
        }

        @Test
        @DisplayName("an override's image tag is not 'latest'")
        void overrideImageTag() {
            rule("KEE-TIER-004", shop(api()).environments(Environment.prod().override("api", TierOverride.imageTag("latest"))),
                    "shop/environments/prod/overrides/api/imageTag",
                    "image 'ghcr.io/acme/api:latest' uses the tag 'latest', so every pull may run different code",
                    "fixed version tag");
        }

        @Test
        @DisplayName("an override's image tag is a valid tag")
        void overrideImageTagMalformed() {
            rule("KEE-TIER-004", shop(api()).environments(Environment.prod().override("api", TierOverride.imageTag("1.0/beta"))),
                    "shop/environments/prod/overrides/api/imageTag",
                    "image reference 'ghcr.io/acme/api:1.0/beta' has an invalid tag '1.0/beta'", "fixed version tag");
        }

        @Test
        @DisplayName("a tag override that unpins a digest is reported as a warning")
        void overrideUnpinsDigest() {
            Platform p = shop(Tier.named("api").image("ghcr.io/acme/api@" + DIGEST).port(Port.http(8080)))
                    .environments(Environment.prod().override("api", TierOverride.imageTag("1.1.0"))).build();
            assertThat(warnings(p)).extracting(Problem::rule, Problem::path, Problem::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("KEE-PLAT-009", "shop/environments/prod/overrides/api/imageTag",
                            "the tag override '1.1.0' replaces the pinned digest of 'ghcr.io/acme/api@" + DIGEST
                                    + "', so this environment runs an unpinned image"));
        }

        @Test
        @DisplayName("a host override needs an exposed tier")
        void hostOverrideOfUnexposedTier() {
            rule("KEE-EXPO-010", shop(api()).environments(Environment.prod().override("api", TierOverride.host("api.example.com"))),
                    "shop/environments/prod/overrides/api/host",
                    "host override 'api.example.com' for tier 'api', which is not exposed", "exposedAt(");
        }

        @Test
        @DisplayName("a host override is a host name")
        void hostOverrideIsAHostName() {
            rule("KEE-EXPO-001", shop(api().exposedAt("api.example.com"))
                            .environments(Environment.prod().override("api", TierOverride.host("10.0.0.1"))),
                    "shop/environments/prod/overrides/api/host",
                    "host '10.0.0.1' is an IP address, but an Ingress routes by host name", "DNS name");
            rule("KEE-EXPO-002", shop(api().exposedAt("api.example.com"))
                            .environments(Environment.prod().override("api", TierOverride.host("API_example"))),
                    "shop/environments/prod/overrides/api/host", "host 'API_example' is not a valid host name",
                    "DNS name");
        }

        @Test
        @DisplayName("a host override does not land on another tier's host and path in that environment")
        void hostOverrideCollides() {
            Tier.Builder web = Tier.named("web").image(IMAGE).port(Port.http(8080)).exposedAt("shop.example.com");
            rule("KEE-EXPO-009", shop(api().exposedAt("api.example.com"), web)
                            .environments(Environment.dev(), Environment.prod()
                                    .override("api", TierOverride.host("shop.example.com"))),
                    "shop/environments/prod/overrides/api/host",
                    "host 'shop.example.com' path '/' is also exposed by tier 'web' in this environment",
                    "own host or path");
        }

        @Test
        @DisplayName("a host override changes the Ingress of that environment only")
        void hostOverrideApplies() {
            Platform p = shop(api().exposedAt(Exposure.host("api.example.com").path("/v1")))
                    .environments(Environment.staging().override("api", TierOverride.host("api.staging.example.com")),
                            Environment.prod())
                    .build();
            var synth = Keelson.synth(p);
            var staging = synth.manifest("staging").get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "api")
                    .orElseThrow();
            var prod = synth.manifest("prod").get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "api")
                    .orElseThrow();
            assertThat(staging.getSpec().getRules().get(0).getHost()).isEqualTo("api.staging.example.com");
            assertThat(staging.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath()).isEqualTo("/v1");
            assertThat(staging.getSpec().getTls().get(0).getHosts()).containsExactly("api.staging.example.com");
            assertThat(prod.getSpec().getRules().get(0).getHost()).isEqualTo("api.example.com");
        }

        @Test
        @DisplayName("an environment's certificate issuer is a DNS name")
        void environmentIssuerIsADnsName() {
            rule("KEE-EXPO-011", shop(api().exposedAt("api.example.com"))
                            .environments(Environment.dev().certificateIssuer(Tls.clusterIssuer("Lets Encrypt")), Environment.prod()),
                    "shop/environments/dev/certificateIssuer", "issuer name 'Lets Encrypt' is not a DNS name",
                    "existing cert-manager issuer");
        }

        @Test
        @DisplayName("an environment's certificate issuer annotates the Ingresses of that environment only; a tier's own TLS wins")
        void environmentIssuerApplies() {
            Platform p = shop(api().exposedAt("api.example.com"),
                    Tier.named("web").image(IMAGE).port(Port.http(8080))
                            .exposedAt(Exposure.host("shop.example.com").tls(Tls.issuer("shop-ca"))))
                    .environments(Environment.staging().certificateIssuer(Tls.clusterIssuer("letsencrypt-staging")),
                            Environment.prod())
                    .build();
            var synth = Keelson.synth(p);
            java.util.function.BiFunction<String, String, Map<String, String>> annotations = (env, tier) -> synth.manifest(env)
                    .get(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, tier).orElseThrow()
                    .getMetadata().getAnnotations();
            assertThat(annotations.apply("staging", "api")).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt-staging");
            assertThat(annotations.apply("prod", "api")).containsEntry("cert-manager.io/cluster-issuer", p.certificateIssuer().issuerName());
            assertThat(annotations.apply("staging", "web")).containsEntry("cert-manager.io/issuer", "shop-ca")
                    .doesNotContainKey("cert-manager.io/cluster-issuer");
        }

        @Test
        @DisplayName("a customization names an existing environment")
        void customizationOfUnknownEnvironment() {
            rule("KEE-CUST-001", shop(api()).environments(Environment.dev(), Environment.prod())
                            .customize("qa", io.fabric8.kubernetes.api.model.apps.Deployment.class, "api", d -> { }),
                    "shop/customize/Deployment/api", "customization names environment 'qa', which does not exist",
                    "name one of the environments: dev, prod");
        }
    }

    @Nested
    @DisplayName("raw objects")
    class RawObjects {

        @Test
        @DisplayName("add(environment, ...) names an existing environment")
        void addToUnknownEnvironment() {
            rule("KEE-RAW-004", shop(api()).environments(Environment.dev(), Environment.prod())
                            .add("qa", env -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                                    .withName("banner").endMetadata().build()),
                    "shop/add/qa", "add(...) names environment 'qa', which does not exist",
                    "name one of the environments: dev, prod");
        }
    }

    @Nested
    @DisplayName("cluster services and certificates")
    class ClusterAndTls {

        @Test
        @DisplayName("NodeLocal DNS is an IPv4 address")
        void nodeLocalDns() {
            rule("KEE-CLUSTER-001", shop(api()).cluster(ClusterServices.DEFAULT.nodeLocalDns("node-local")),
                    "shop/cluster/nodeLocalDns", "'node-local' is not an IPv4 address", "169.254.20.10");
        }

        @Test
        @DisplayName("a cluster service's namespace is a DNS label")
        void serviceNamespace() {
            rule("KEE-CLUSTER-003", shop(api()).cluster(ClusterServices.DEFAULT.monitoring("Monitoring", Map.of("app", "prometheus"))),
                    "shop/cluster/monitoring/namespace", "namespace 'Monitoring' is not a DNS label", "lower-case");
        }

        @Test
        @DisplayName("a cluster service has a namespace")
        void serviceWithoutNamespace() {
            var d = ClusterServices.DEFAULT;
            rule("KEE-CLUSTER-002", shop(api()).cluster(new ClusterServices(new Peer.Workloads(null, Map.of(), null), d.monitoring(), d.dns(), null)),
                    "shop/cluster/ingressController/namespace", "no namespace is given", "'ingress-nginx'");
        }

        @Test
        @DisplayName("pod label keys are qualified names")
        void labelKey() {
            rule("KEE-LABEL-001", shop(api()).cluster(ClusterServices.DEFAULT.dns("kube-system", Map.of("k8s app", "kube-dns"))),
                    "shop/cluster/dns/podLabels/k8s app", "label key 'k8s app' is not valid", "DNS prefix");
        }

        @Test
        @DisplayName("pod label values are alphanumeric at both ends")
        void labelValue() {
            rule("KEE-LABEL-002", shop(api()).cluster(ClusterServices.DEFAULT.dns("kube-system", Map.of("k8s-app", "-kube-dns"))),
                    "shop/cluster/dns/podLabels/k8s-app", "label value '-kube-dns' is not valid", "alphanumeric at both ends");
        }

        @Test
        @DisplayName("pod label values have at most 63 characters")
        void labelValueLength() {
            String value = "v".repeat(64);
            rule("KEE-LABEL-002", shop(api()).cluster(ClusterServices.DEFAULT.dns("kube-system", Map.of("k8s-app", value))),
                    "shop/cluster/dns/podLabels/k8s-app", "label value '" + value + "' is not valid", "at most 63");
        }

        @Test
        @DisplayName("the certificate issuer's name is a DNS name")
        void issuerName() {
            rule("KEE-EXPO-011", shop(api()).certificateIssuer(Tls.clusterIssuer("Lets Encrypt")),
                    "shop/certificateIssuer", "issuer name 'Lets Encrypt' is not a DNS name", "Tls.clusterIssuer");
        }
    }

    @Nested
    @DisplayName("tiers, images and ports")
    class TiersImagesPorts {

        @Test
        @DisplayName("tier names are unique")
        void duplicateTier() {
            rule("KEE-TIER-001", shop(api(), api()), "shop/tiers/api", "tier name 'api' is used twice", "its own name");
        }

        @Test
        @DisplayName("a tier name is a DNS-1035 label (it names a Service)")
        void tierName() {
            rule("KEE-TIER-002", shop(Tier.named("1api").image(IMAGE).port(Port.http(8080))),
                    "shop/tiers/1api", "tier name '1api' is not a DNS-1035 label", "start with a letter");
        }

        @Test
        @DisplayName("a tier name has at most 63 characters")
        void tierNameLength() {
            String name = "a".repeat(64);
            rule("KEE-TIER-002", shop(Tier.named(name).image(IMAGE).port(Port.http(8080))),
                    "shop/tiers/" + name, "tier name '" + name + "' is not a DNS-1035 label", "at most 63");
        }

        @Test
        @DisplayName("a tier has an image")
        void noImage() {
            rule("KEE-TIER-003", shop(Tier.named("api").port(Port.http(8080))), "shop/tiers/api/image", "tier has no image",
                    "image(\"registry/repository:tag\")");
        }

        @Test
        @DisplayName("an image without tag or digest is refused")
        void imageWithoutTag() {
            rule("KEE-TIER-004", shop(api().image("ghcr.io/acme/api")), "shop/tiers/api/image",
                    "image 'ghcr.io/acme/api' has no tag and no digest, so every pull may run different code",
                    "'ghcr.io/acme/web:1.4.2'");
        }

        @Test
        @DisplayName("an image with the tag 'latest' is refused")
        void imageLatest() {
            rule("KEE-TIER-004", shop(api().image("ghcr.io/acme/api:latest")), "shop/tiers/api/image",
                    "image 'ghcr.io/acme/api:latest' uses the tag 'latest', so every pull may run different code",
                    "@sha256:");
        }

        @Test
        @DisplayName("an image pinned by digest is accepted, with or without a tag")
        void imageDigest() {
            assertThatCode(() -> shop(api().image("ghcr.io/acme/api@" + DIGEST)).build()).doesNotThrowAnyException();
            assertThatCode(() -> shop(api().image("ghcr.io/acme/api:latest@" + DIGEST)).build()).doesNotThrowAnyException();
            assertThatCode(() -> shop(api().image("localhost:5000/api:1.0")).build()).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("an image digest is sha256 and 64 hex digits")
        void imageBadDigest() {
            rule("KEE-TIER-004", shop(api().image("ghcr.io/acme/api@sha256:abc")), "shop/tiers/api/image",
                    "image reference 'ghcr.io/acme/api@sha256:abc' has an invalid digest 'sha256:abc' (expected sha256: and 64 hex digits)",
                    "@sha256:");
        }

        @Test
        @DisplayName("an image repository is lower-case")
        void imageUpperCase() {
            rule("KEE-TIER-004", shop(api().image("ghcr.io/Acme/api:1.0")), "shop/tiers/api/image",
                    "image reference 'ghcr.io/Acme/api:1.0' has an invalid repository part 'Acme' (lower-case letters, digits and separators . _ - only)",
                    "registry/repository:tag");
        }

        @Test
        @DisplayName("a malformed image without a tag is told how to write a reference, not only to add a tag")
        void imageMalformedWithoutTag() {
            Problem p = rule("KEE-TIER-004", shop(api().image("ghcr.io/Acme/api")), "shop/tiers/api/image",
                    "image reference 'ghcr.io/Acme/api' has an invalid repository part 'Acme' (lower-case letters, digits and separators . _ - only)",
                    "write 'registry/repository:tag'");
            assertThat(rule("KEE-TIER-004", shop(api().image("ghcr.io/acme/api")), "shop/tiers/api/image",
                    "image 'ghcr.io/acme/api' has no tag and no digest, so every pull may run different code", "fixed version tag").fix())
                    .isEqualTo("use a fixed version tag (e.g. 'ghcr.io/acme/web:1.4.2') or a digest ('...@sha256:<64 hex>')")
                    .isNotEqualTo(p.fix());
        }

        @Test
        @DisplayName("an image registry is a host name with an optional port")
        void imageRegistry() {
            rule("KEE-TIER-004", shop(api().image("exa_mple.com/acme/api:1.0")), "shop/tiers/api/image",
                    "image reference 'exa_mple.com/acme/api:1.0' has an invalid registry 'exa_mple.com'", "registry/repository:tag");
        }

        @Test
        @DisplayName("an image tag is at most 128 word characters, dots and dashes")
        void imageTag() {
            rule("KEE-TIER-004", shop(api().image("ghcr.io/acme/api:-1")), "shop/tiers/api/image",
                    "image reference 'ghcr.io/acme/api:-1' has an invalid tag '-1'", "registry/repository:tag");
        }

        @Test
        @DisplayName("an image reference has no white space")
        void imageWhiteSpace() {
            rule("KEE-TIER-004", shop(api().image("ghcr.io/acme/api:1.0 ")), "shop/tiers/api/image",
                    "image reference 'ghcr.io/acme/api:1.0 ' contains white space", "registry/repository:tag");
        }

        @Test
        @DisplayName("an image reference is not empty")
        void imageEmpty() {
            rule("KEE-TIER-004", shop(api().image("")), "shop/tiers/api/image", "image reference is empty", "registry/repository:tag");
        }

        @Test
        @DisplayName("an image repository has at most 255 characters")
        void imageRepositoryLength() {
            String repository = "ghcr.io/acme/" + "a".repeat(250);
            rule("KEE-TIER-004", shop(api().image(repository + ":1.0")), "shop/tiers/api/image",
                    "image repository '" + repository.substring(0, 40) + "...' is 263 characters long, at most 255",
                    "registry/repository:tag");
        }

        @Test
        @DisplayName("a port name is an IANA service name")
        void portName() {
            rule("KEE-PORT-001", shop(api().withoutDefaultProbes().port(Port.tcp("Admin", 9000))), "shop/tiers/api/ports/Admin",
                    "port name 'Admin' is not a valid port name", "at most 15 lower-case");
        }

        @Test
        @DisplayName("a port name has at most 15 characters")
        void portNameLength() {
            rule("KEE-PORT-001", shop(api().port(Port.tcp("administration1", 9000)).port(Port.tcp("administration12", 9001))),
                    "shop/tiers/api/ports/administration12", "port name 'administration12' is not a valid port name",
                    "at most 15");
        }

        @Test
        @DisplayName("a port name has a letter")
        void portNameDigits() {
            rule("KEE-PORT-001", shop(api().port(Port.tcp("9000", 9000))), "shop/tiers/api/ports/9000",
                    "port name '9000' is not a valid port name", "at least one letter");
        }

        @Test
        @DisplayName("port names are unique within a tier")
        void duplicatePortName() {
            rule("KEE-PORT-002", shop(api().port(Port.http(8081))), "shop/tiers/api/ports/http", "port name 'http' is used twice",
                    "Port.named(...)");
        }

        @Test
        @DisplayName("a port number is at most 65535")
        void portTooHigh() {
            rule("KEE-PORT-003", shop(api().port(Port.grpc(70000))), "shop/tiers/api/ports/grpc", "port 70000 is not in 1..65535",
                    "from 1 to 65535");
        }

        @Test
        @DisplayName("a port number is at least 1")
        void portZero() {
            rule("KEE-PORT-003", shop(api().port(Port.grpc(0))), "shop/tiers/api/ports/grpc", "port 0 is not in 1..65535", "from 1 to 65535");
        }

        @Test
        @DisplayName("a port number and protocol is declared once")
        void duplicatePortNumber() {
            rule("KEE-PORT-004", shop(api().port(Port.tcp("admin", 8080))), "shop/tiers/api/ports/admin", "port 8080/TCP is declared twice",
                    "declare each port once");
        }

        @Test
        @DisplayName("the same number on TCP and UDP is two ports")
        void sameNumberOtherProtocol() {
            assertThatCode(() -> shop(api().port(Port.tcp("dns-tcp", 53)).port(Port.udp("dns", 53))).build())
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("an appProtocol is a qualified name")
        void appProtocol() {
            rule("KEE-PORT-005", shop(Tier.named("api").image(IMAGE).port(Port.http(8080).withAppProtocol("h t t p"))),
                    "shop/tiers/api/ports/http", "appProtocol 'h t t p' is not valid", "'grpc'");
        }
    }

    @Nested
    @DisplayName("resources, probes, replicas and rollouts")
    class Workload {

        @Test
        @DisplayName("a CPU request is a quantity")
        void cpuQuantity() {
            rule("KEE-RES-001", shop(api().resources(Resources.requests("1 core", "128Mi"))), "shop/tiers/api/resources/cpuRequest",
                    "'1 core' is not a resource quantity", "'250m'");
        }

        @Test
        @DisplayName("a quantity with an absurd exponent is refused, not a crash")
        void quantityHugeExponent() {
            rule("KEE-RES-001", shop(api().resources(Resources.requests("1e9999999999", "128Mi"))), "shop/tiers/api/resources/cpuRequest",
                    "'1e9999999999' is not a resource quantity", "'250m'");
        }

        @Test
        @DisplayName("a memory request is not zero")
        void memoryZero() {
            rule("KEE-RES-002", shop(api().resources(new Resources("100m", "0", null, "128Mi"))), "shop/tiers/api/resources/memoryRequest",
                    "quantity '0' is zero", "positive amount");
        }

        @Test
        @DisplayName("a CPU request is at most the CPU limit")
        void cpuRequestAboveLimit() {
            rule("KEE-RES-003", shop(api().resources(Resources.requests("2", "128Mi").cpuLimit("500m"))), "shop/tiers/api/resources/cpuLimit",
                    "CPU request 2 exceeds the limit 500m", "lower the request or raise the limit");
        }

        @Test
        @DisplayName("a memory request is at most the memory limit, units compared by value")
        void memoryRequestAboveLimit() {
            rule("KEE-RES-003", shop(api().resources(Resources.requests("100m", "1Gi").memoryLimit("1000Mi"))),
                    "shop/tiers/api/resources/memoryLimit", "memory request 1Gi exceeds the limit 1000Mi",
                    "lower the request or raise the limit");
        }

        @Test
        @DisplayName("a missing memory limit is a warning")
        void noMemoryLimit() {
            Platform p = shop(api().resources(Resources.requests("100m", "128Mi").memoryLimit(null))).build();
            assertThat(warnings(p)).extracting(Problem::rule, Problem::path, Problem::message).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("KEE-RES-004", "shop/tiers/api/resources/memoryLimit",
                            "no memory limit: one container can take a node's memory from its neighbours"));
        }

        @Test
        @DisplayName("a probe checks a declared port")
        void probeUndeclaredPort() {
            rule("KEE-PROBE-002", shop(api().readiness(Probe.http("/ready").onPort("admin"))), "shop/tiers/api/readiness",
                    "probe checks port 'admin', which the tier does not declare", "probe one of: http");
        }

        @Test
        @DisplayName("a probe needs a port")
        void probeWithoutPorts() {
            rule("KEE-PROBE-001", shop(Tier.named("worker").image(IMAGE).liveness(Probe.http("/healthz"))), "shop/tiers/worker/liveness",
                    "probe has no port to check: the tier declares none", "remove the probe");
        }

        @Test
        @DisplayName("a worker without ports may have an exec probe, rendered as exec; an exec probe names no port")
        void execProbe() {
            Platform p = shop(Tier.named("worker").image(IMAGE).withoutDefaultProbes()
                    .liveness(Probe.exec("/app/healthcheck", "--live"))).build();
            var container = Keelson.synth(p).manifests().get(0).get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "worker")
                    .orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getLivenessProbe().getExec().getCommand()).containsExactly("/app/healthcheck", "--live");
            rule("KEE-PROBE-004", shop(Tier.named("worker").image(IMAGE).withoutDefaultProbes().liveness(Probe.exec("/app/healthcheck").onPort("http"))),
                    "shop/tiers/worker/liveness", "an exec probe runs a command and checks no port ('http')", "remove onPort(...)");
            assertThatThrownBy(Probe::exec).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a command");
        }

        @Test
        @DisplayName("an exec probe made with the record constructor still needs a command")
        void execProbeWithoutCommand() {
            rule("KEE-PROBE-005", shop(Tier.named("worker").image(IMAGE).withoutDefaultProbes()
                            .liveness(new Probe(Probe.Kind.EXEC, null, null, 0, 10, 1, 3, List.of()))),
                    "shop/tiers/worker/liveness", "exec probe has no command", "Probe.exec(");
        }

        @Test
        @DisplayName("a probe checks a TCP port")
        void probeOnUdp() {
            rule("KEE-PROBE-003", shop(api().port(Port.udp("stats", 8125)).startup(Probe.tcp().onPort("stats"))), "shop/tiers/api/startup",
                    "probe checks UDP port 'stats', but HTTP, TCP and gRPC probes connect over TCP", "onPort(...)");
        }

        @Test
        @DisplayName("default probes go to the first TCP port, so a UDP-first tier is valid")
        void defaultProbesSkipUdp() {
            Platform p = shop(Tier.named("dns").image(IMAGE).port(Port.udp("dns", 5353)).port(Port.tcp("dns-tcp", 5353))).build();
            assertThat(p.tiers().get(0).readiness().port()).isEqualTo("dns-tcp");
        }

        @Test
        @DisplayName("an HTTP probe path starts with '/'")
        void probePath() {
            rule("KEE-PROBE-007", shop(api().liveness(Probe.http("healthz"))), "shop/tiers/api/liveness",
                    "probe path 'healthz' does not start with '/'", "'/healthz'");
        }

        @Test
        @DisplayName("an HTTP probe has a path")
        void probeNullPath() {
            rule("KEE-PROBE-006", shop(api().liveness(new Probe(Probe.Kind.HTTP, null, null, 0, 10, 1, 3))), "shop/tiers/api/liveness",
                    "HTTP probe has no path", "Probe.http(\"/healthz\")");
        }

        @Test
        @DisplayName("probe timings are positive")
        void probeTimings() {
            rule("KEE-PROBE-008", shop(api().liveness(Probe.http("/healthz").every(0))), "shop/tiers/api/liveness",
                    "probe timings must be positive (period 0 s, timeout 1 s, failures 3, initial delay 0 s)",
                    "at least 1");
        }

        @Test
        @DisplayName("liveness is not the same probe as readiness")
        void livenessEqualsReadiness() {
            rule("KEE-PROBE-010", shop(api().liveness(Probe.http("/health")).readiness(Probe.http("/health"))), "shop/tiers/api/liveness",
                    "liveness probe is identical to the readiness probe, so a busy pod is restarted instead of rested",
                    "every(20)");
        }

        @Test
        @DisplayName("replicas are not negative")
        void replicas() {
            rule("KEE-TIER-005", shop(api().replicas(-2)), "shop/tiers/api/replicas", "replicas -2 is negative", "0 or more");
        }

        @Test
        @DisplayName("maxSurge is a count or a percentage")
        void maxSurge() {
            rule("KEE-ROLL-001", shop(api().rollingUpdate(RollingUpdate.of("lots", "0"))), "shop/tiers/api/rollingUpdate/maxSurge",
                    "maxSurge 'lots' is not a count or a percentage", "'25%'");
        }

        @Test
        @DisplayName("maxUnavailable is at most 100%")
        void maxUnavailable() {
            rule("KEE-ROLL-001", shop(api().rollingUpdate(RollingUpdate.of("1", "101%"))), "shop/tiers/api/rollingUpdate/maxUnavailable",
                    "maxUnavailable '101%' is not a count or a percentage", "'25%'");
        }

        @Test
        @DisplayName("a rollout can progress: surge and unavailability are not both zero")
        void rolloutStuck() {
            rule("KEE-ROLL-002", shop(api().rollingUpdate(RollingUpdate.of("0%", "0"))), "shop/tiers/api/rollingUpdate",
                    "maxSurge and maxUnavailable are both zero, so a rollout can never progress", "allow a surge");
        }
    }

    @Nested
    @DisplayName("environment variables, config and secrets")
    class EnvConfigSecrets {

        @Test
        @DisplayName("an environment variable name does not start with a digit")
        void envName() {
            rule("KEE-ENV-001", shop(api().env("1VAR", "x")), "shop/tiers/api/env/1VAR", "environment variable name '1VAR' is not valid",
                    "not starting with a digit");
        }

        @Test
        @DisplayName("an environment variable is set once")
        void envTwice() {
            rule("KEE-ENV-002", shop(api().env("TOKEN", "x").secretEnv("TOKEN", "api-token", "token")), "shop/tiers/api/env/TOKEN",
                    "environment variable 'TOKEN' is set twice", "set each variable once");
        }

        @Test
        @DisplayName("a variable is not set by both env() and config()")
        void envAndConfig() {
            rule("KEE-ENV-003", shop(api().env("LOG_LEVEL", "debug").config("LOG_LEVEL", "info")), "shop/tiers/api/env/LOG_LEVEL",
                    "variable 'LOG_LEVEL' is set by env(...) and by config(...), and env(...) silently wins", "one place");
        }

        @Test
        @DisplayName("a config key is a ConfigMap key")
        void configKey() {
            rule("KEE-ENV-004", shop(api().config("log level", "info")), "shop/tiers/api/config/log level", "config key 'log level' is not valid",
                    "letters, digits");
        }

        @Test
        @DisplayName("config fits in a ConfigMap (1 MiB)")
        void configSize() {
            rule("KEE-ENV-005", shop(api().config("BLOB", "x".repeat(1024 * 1024))), "shop/tiers/api/config",
                    "config holds 1048580 bytes, more than a ConfigMap's 1048576", "in the image or a volume");
        }

        @Test
        @DisplayName("a Secret's name is a DNS name")
        void secretName() {
            rule("KEE-SECRET-001", shop(api().secretEnv("TOKEN", "API_TOKEN", "token")), "shop/tiers/api/secrets/API_TOKEN",
                    "secret name 'API_TOKEN' is not a DNS name", "existing Secret");
        }

        @Test
        @DisplayName("a Secret key is a valid key")
        void secretKey() {
            rule("KEE-SECRET-005", shop(api().secretEnv("TOKEN", "api-token", "the token")), "shop/tiers/api/secrets/api-token",
                    "secret key 'the token' is not valid", "letters, digits");
        }

        @Test
        @DisplayName("a variable from a Secret has a valid name")
        void secretEnvName() {
            rule("KEE-ENV-001", shop(api().secretEnv("9TOKEN", "api-token", "token")), "shop/tiers/api/secrets/api-token",
                    "environment variable name '9TOKEN' is not valid", "not starting with a digit");
        }

        @Test
        @DisplayName("a Secret is mounted at an absolute path")
        void mountRelative() {
            rule("KEE-SECRET-002", shop(api().secretFiles("api-tls", "certs")), "shop/tiers/api/secrets/api-tls",
                    "mount path 'certs' is not absolute", "'/var/run/secrets/api-tls'");
        }

        @Test
        @DisplayName("two Secrets are not mounted in one directory")
        void mountTwice() {
            rule("KEE-SECRET-004", shop(api().secretFiles("a", "/certs").secretFiles("b", "/certs")), "shop/tiers/api/secrets/b",
                    "mount path '/certs' is used twice", "its own directory");
        }

        @Test
        @DisplayName("a Secret is not mounted over a writable path")
        void mountOverWritable() {
            rule("KEE-SECRET-003", shop(api().secretFiles("a", "/tmp")), "shop/tiers/api/secrets/a",
                    "mount path '/tmp' is also a writable path, and a directory holds one volume", "'/var/run/secrets/a'");
        }
    }

    @Nested
    @DisplayName("talksTo and dependencies")
    class Connectivity {

        static Tier.Builder web() {
            return Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080));
        }

        @Test
        @DisplayName("talksTo names an existing tier")
        void unknownTarget() {
            rule("KEE-CALL-002", shop(api(), web().talksTo("cart")), "shop/tiers/web/talksTo/cart",
                    "talksTo names tier 'cart', which does not exist", "name one of the tiers: api, web");
        }

        @Test
        @DisplayName("a call is declared once")
        void talksToTwice() {
            rule("KEE-CALL-001", shop(api(), web().talksTo("api").talksTo("api")), "shop/tiers/web/talksTo/api",
                    "talksTo 'api' is declared twice", "declare each call once");
        }

        @Test
        @DisplayName("two calls to one tier on different ports are fine")
        void talksToTwoPorts() {
            assertThatCode(() -> shop(api().port(Port.grpc(9090)),
                    web().talksTo(Connection.to("api").ports("http")).talksTo(Connection.to("api").ports("grpc"))).build())
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("an in-cluster dependency does not stand for a tier of the platform")
        void dependencyIsATier() {
            rule("KEE-DEP-001", shop(api(), web().dependsOn(Dependency.inCluster("api", Port.http(8080)))), "shop/tiers/web/dependsOn/api",
                    "dependency 'api' selects the pods of tier 'api'", "talksTo(\"api\")");
        }

        @Test
        @DisplayName("a tier may talk to itself: the peers of a cluster call each other through its Service")
        void self() {
            assertThatCode(() -> shop(api().talksTo("api")).build()).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("talksTo targets a tier with ports")
        void targetWithoutPorts() {
            rule("KEE-CALL-003", shop(Tier.named("worker").image(IMAGE), web().talksTo("worker")), "shop/tiers/web/talksTo/worker",
                    "tier 'worker' declares no ports, so nothing can call it", "declare a port on 'worker'");
        }

        @Test
        @DisplayName("talksTo ports are ports of the target")
        void unknownPort() {
            rule("KEE-CALL-004", shop(api(), web().talksTo(Connection.to("api").ports("grpc"))), "shop/tiers/web/talksTo/api",
                    "tier 'api' has no port named 'grpc'", "use one of: http");
        }

        @Test
        @DisplayName("HTTP methods are upper-case tokens")
        void method() {
            rule("KEE-CALL-006", shop(api(), web().talksTo(Connection.to("api").methods("get"))), "shop/tiers/web/talksTo/api",
                    "HTTP method 'get' is not valid", "GET or POST");
        }

        @Test
        @DisplayName("HTTP paths start with '/' or '*'")
        void path() {
            rule("KEE-CALL-007", shop(api(), web().talksTo(Connection.to("api").paths("v1/orders"))), "shop/tiers/web/talksTo/api",
                    "HTTP path 'v1/orders' is not valid", "'/v1/*'");
        }

        @Test
        @DisplayName("methods and paths need an HTTP or gRPC port among the ports called")
        void l7OnTcp() {
            rule("KEE-CALL-005", shop(api().port(Port.tcp("admin", 9000)).port(Port.https(8443)),
                            web().talksTo(Connection.to("api").ports("admin", "https").methods("GET"))),
                    "shop/tiers/web/talksTo/api",
                    "HTTP methods and paths cannot be enforced: no called port of 'api' speaks HTTP or gRPC (admin: tcp, https: https)",
                    "ports(...)");
        }

        @Test
        @DisplayName("methods on a tier with HTTP and TCP ports apply to its HTTP ports")
        void l7OnMixedPorts() {
            assertThatCode(() -> shop(api().port(Port.tcp("admin", 9000)), web().talksTo(Connection.to("api").methods("GET")))
                    .build()).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("methods on the HTTP ports of a tier that also has TCP ports are fine")
        void l7OnHttpPortOnly() {
            assertThatCode(() -> shop(api().port(Port.tcp("admin", 9000)),
                    web().talksTo(Connection.to("api").ports("http").methods("GET").paths("/v1/*"))).build())
                    .doesNotThrowAnyException();
        }

        @Test
        @DisplayName("a dependency name is a DNS label")
        void dependencyName() {
            rule("KEE-DEP-002", shop(api().dependsOn(Dependency.postgres("Orders_DB"))), "shop/tiers/api/dependsOn/Orders_DB",
                    "dependency name 'Orders_DB' is not a DNS label", "'orders-db'");
        }

        @Test
        @DisplayName("a dependency is declared once per tier")
        void dependencyTwice() {
            rule("KEE-DEP-003", shop(api().dependsOn(Dependency.redis("cache")).dependsOn(Dependency.redis("cache"))),
                    "shop/tiers/api/dependsOn/cache", "dependency 'cache' is declared twice", "once per tier");
        }

        @Test
        @DisplayName("a dependency's namespace is a DNS label")
        void dependencyNamespace() {
            rule("KEE-DEP-004", shop(api().dependsOn(Dependency.postgres("db").inNamespace("Data"))), "shop/tiers/api/dependsOn/db",
                    "namespace 'Data' is not a DNS label", "namespace the dependency runs in");
        }

        @Test
        @DisplayName("a dependency has ports")
        void dependencyNoPorts() {
            rule("KEE-DEP-005", shop(api().dependsOn(Dependency.postgres("db").port())), "shop/tiers/api/dependsOn/db",
                    "dependency declares no ports", "port(Port.https(443))");
        }

        @Test
        @DisplayName("a dependency's port is in range")
        void dependencyPortRange() {
            rule("KEE-PORT-003", shop(api().dependsOn(Dependency.postgres("db").port(Port.tcp("postgres", 65536)))),
                    "shop/tiers/api/dependsOn/db/ports/postgres", "port 65536 is not in 1..65535", "from 1 to 65535");
        }

        @Test
        @DisplayName("a dependency's port name is an IANA service name")
        void dependencyPortName() {
            rule("KEE-PORT-001", shop(api().dependsOn(Dependency.postgres("db").port(Port.tcp("Postgres", 5432)))),
                    "shop/tiers/api/dependsOn/db/ports/Postgres", "port name 'Postgres' is not a valid port name", "lower-case");
        }

        @Test
        @DisplayName("an external dependency's address range is a CIDR")
        void dependencyCidr() {
            rule("KEE-DEP-006", shop(api().dependsOn(Dependency.external("ledger").cidr("10.20.0.0/33"))), "shop/tiers/api/dependsOn/ledger",
                    "'10.20.0.0/33' is not a CIDR", "'10.20.0.0/16'");
        }

        @Test
        @DisplayName("an external dependency's host is a DNS name")
        void dependencyHost() {
            rule("KEE-DEP-007", shop(api().dependsOn(Dependency.external("payments").host("api stripe com"))),
                    "shop/tiers/api/dependsOn/payments", "host 'api stripe com' is not a DNS name", "'api.stripe.com'");
        }

        @Test
        @DisplayName("an external dependency names a host or an address range")
        void dependencyExternalNowhere() {
            rule("KEE-DEP-008", shop(api().dependsOn(Dependency.external("payments"))), "shop/tiers/api/dependsOn/payments",
                    "external dependency names no host and no address range", "host(\"api.example.com\")");
        }

        @Test
        @DisplayName("an in-cluster dependency's pod labels are valid")
        void dependencyLabels() {
            rule("KEE-LABEL-002", shop(api().dependsOn(Dependency.postgres("db").selecting(Map.of("app", "db!")))),
                    "shop/tiers/api/dependsOn/db/podLabels/app", "label value 'db!' is not valid", "alphanumeric");
        }
    }

    @Nested
    @DisplayName("exposure and metrics")
    class ExposureAndMetrics {

        @Test
        @DisplayName("an ingress host is a DNS name")
        void host() {
            rule("KEE-EXPO-002", shop(api().exposedAt("Shop.example.com")), "shop/tiers/api/exposure",
                    "host 'Shop.example.com' is not a valid host name", "'shop.example.com'");
        }

        @Test
        @DisplayName("an ingress host may be a wildcard")
        void wildcard() {
            assertThatCode(() -> shop(api().exposedAt("*.example.com")).build()).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("an ingress host is not an IP address")
        void hostIp() {
            rule("KEE-EXPO-001", shop(api().exposedAt("203.0.113.7")), "shop/tiers/api/exposure",
                    "host '203.0.113.7' is an IP address, but an Ingress routes by host name", "DNS name");
        }

        @Test
        @DisplayName("each label of an ingress host has at most 63 characters")
        void hostLabelLength() {
            String host = "a".repeat(64) + ".example.com";
            rule("KEE-EXPO-002", shop(api().exposedAt(host)), "shop/tiers/api/exposure", "host '" + host + "' is not a valid host name",
                    "at most 63");
        }

        @Test
        @DisplayName("an exposure path starts with '/'")
        void path() {
            rule("KEE-EXPO-003", shop(api().exposedAt(Exposure.host("shop.example.com").path("api"))), "shop/tiers/api/exposure",
                    "path 'api' does not start with '/'", "'/api'");
        }

        @Test
        @DisplayName("an exposure path has no white space")
        void pathWhiteSpace() {
            rule("KEE-EXPO-004", shop(api().exposedAt(Exposure.host("shop.example.com").path("/my api"))), "shop/tiers/api/exposure",
                    "path '/my api' contains white space", "%20");
        }

        @Test
        @DisplayName("an exposed tier has ports")
        void noPorts() {
            rule("KEE-EXPO-005", shop(Tier.named("api").image(IMAGE).exposedAt("shop.example.com")), "shop/tiers/api/exposure",
                    "tier is exposed but declares no ports", "port(Port.http(8080))");
        }

        @Test
        @DisplayName("an exposure routes to a declared port")
        void undeclaredPort() {
            rule("KEE-EXPO-006", shop(api().exposedAt(Exposure.host("shop.example.com").port("web"))), "shop/tiers/api/exposure",
                    "exposure routes to port 'web', which the tier does not declare", "use one of: http");
        }

        @Test
        @DisplayName("an exposure routes to a TCP port")
        void udpPort() {
            rule("KEE-EXPO-007", shop(api().port(Port.udp("stats", 8125)).exposedAt(Exposure.host("shop.example.com").port("stats"))),
                    "shop/tiers/api/exposure",
                    "exposure routes to UDP port 'stats', but an Ingress carries HTTP over TCP", "expose a TCP port");
        }

        @Test
        @DisplayName("an ingress class is a DNS name")
        void ingressClass() {
            rule("KEE-EXPO-008", shop(api().exposedAt(Exposure.host("shop.example.com").ingressClass("NGINX"))), "shop/tiers/api/exposure",
                    "ingress class 'NGINX' is not a DNS name", "'nginx'");
        }

        @Test
        @DisplayName("an exposure's issuer is a DNS name")
        void exposureIssuer() {
            rule("KEE-EXPO-011", shop(api().exposedAt(Exposure.host("shop.example.com").tls(Tls.issuer("team ca")))),
                    "shop/tiers/api/exposure/tls", "issuer name 'team ca' is not a DNS name", "Tls.clusterIssuer");
        }

        @Test
        @DisplayName("a host and path is exposed by one tier only")
        void duplicateExposure() {
            rule("KEE-EXPO-009", shop(api().exposedAt("shop.example.com"),
                            Tier.named("web").image(IMAGE).port(Port.http(8080)).exposedAt("shop.example.com")),
                    "shop/tiers/web/exposure", "host 'shop.example.com' path '/' is already exposed by tier 'api'",
                    "its own host or path");
        }

        @Test
        @DisplayName("the metrics port is declared")
        void metricsPort() {
            rule("KEE-METRIC-001", shop(api().metrics("admin")), "shop/tiers/api/metrics", "metrics port 'admin' is not declared",
                    "metrics(Port.metrics(9090))");
        }

        @Test
        @DisplayName("the metrics path starts with '/'")
        void metricsPath() {
            rule("KEE-METRIC-003", shop(api().metrics("http", "metrics")), "shop/tiers/api/metrics",
                    "metrics path 'metrics' does not start with '/'", "'/metrics'");
        }

        @Test
        @DisplayName("the metrics port is a TCP port")
        void metricsUdp() {
            rule("KEE-METRIC-002", shop(api().metrics(Port.udp("stats", 8125))), "shop/tiers/api/metrics",
                    "metrics port 'stats' is not a TCP port, so Prometheus cannot scrape it", "Port.metrics(9090)");
        }
    }

    @Nested
    @DisplayName("security settings")
    class Security {

        @Test
        @DisplayName("the user is not root")
        void rootUser() {
            rule("KEE-RUN-002", shop(api().runAs(0, 65532)), "shop/tiers/api/runAs", "user 0 is root or invalid", "65532");
        }

        @Test
        @DisplayName("the group is not root")
        void rootGroup() {
            rule("KEE-RUN-002", shop(api().runAs(65532, 0)), "shop/tiers/api/runAs", "group 0 is root or invalid", "65532");
        }

        @Test
        @DisplayName("the user ID fits Kubernetes' range")
        void userRange() {
            rule("KEE-RUN-001", shop(api().runAs(3_000_000_000L, 65532)), "shop/tiers/api/runAs", "user 3000000000 is above 2147483647",
                    "from 1 to 2147483647");
        }

        @Test
        @DisplayName("the group ID fits Kubernetes' range")
        void groupRange() {
            rule("KEE-RUN-001", shop(api().runAs(65532, 3_000_000_000L)), "shop/tiers/api/runAs", "group 3000000000 is above 2147483647",
                    "from 1 to 2147483647");
        }

        @Test
        @DisplayName("a writable path is an absolute directory")
        void writablePath() {
            rule("KEE-RUN-003", shop(api().writablePath("cache")), "shop/tiers/api/writablePaths",
                    "writable path 'cache' is not an absolute directory below '/'", "'/var/cache/nginx'");
        }

        @Test
        @DisplayName("the root directory is never writable")
        void writableRoot() {
            rule("KEE-RUN-003", shop(api().writablePath("/")), "shop/tiers/api/writablePaths",
                    "writable path '/' is not an absolute directory below '/'", "'/var/cache/nginx'");
        }

        @Test
        @DisplayName("a writable path is declared once")
        void writableTwice() {
            rule("KEE-RUN-004", shop(api().writablePath("/tmp")), "shop/tiers/api/writablePaths", "writable path '/tmp' is declared twice",
                    "each path once");
        }

        @Test
        @DisplayName("capabilities are named without CAP_")
        void capabilityPrefix() {
            rule("KEE-RUN-005", shop(api().addCapability("CAP_NET_BIND_SERVICE")), "shop/tiers/api/capabilities",
                    "capability 'CAP_NET_BIND_SERVICE' is not a capability name", "without 'CAP_'");
        }

        @Test
        @DisplayName("capabilities are upper-case names")
        void capabilityName() {
            rule("KEE-RUN-005", shop(api().addCapability("net_admin")), "shop/tiers/api/capabilities",
                    "capability 'net_admin' is not a capability name", "'NET_BIND_SERVICE'");
        }

        @Test
        @DisplayName("ALL capabilities are never added")
        void capabilityAll() {
            rule("KEE-RUN-006", shop(api().addCapability("ALL")), "shop/tiers/api/capabilities",
                    "adding ALL capabilities gives the container root's powers", "only the capabilities it needs");
        }

        @Test
        @DisplayName("pod annotation keys are qualified names")
        void annotationKey() {
            rule("KEE-LABEL-003", shop(api().podAnnotation("bad key", "x")), "shop/tiers/api/podAnnotations/bad key",
                    "annotation key 'bad key' is not valid", "DNS prefix");
        }
    }

    @Nested
    @DisplayName("features")
    class Features {

        @Test
        @DisplayName("a feature limited to no stage at all is refused: it would never apply")
        void onlyInNoStage() {
            rule("KEE-FEAT-001", shop(api().with(new TierExtension() { }.onlyIn())), "shop/tiers/api",
                    "a feature is limited to no stage at all, so it never applies", "onlyIn(Stage.PRODUCTION)");
        }
    }

    @Nested
    @DisplayName("a tier at 0 replicas runs no pod: a warning (KEE-TIER-006) unless something else owns the count")
    class ZeroReplicas {

        static final String TIER_FIX = "give the tier replicas (e.g. replicas(2)), scale it with a feature that manages "
                + "replicas, or remove the tier from the platform";

        static List<Problem> zeroReplicaWarnings(Platform platform, String environment) {
            return Keelson.synth(platform).manifest(environment).warnings().stream()
                    .filter(p -> "KEE-TIER-006".equals(p.rule())).toList();
        }

        /** A feature that takes the count over, as a horizontal scaling profile does. */
        static final class TakesOverReplicas implements TierExtension {
            @Override
            public void contribute(FeatureContext synthesis, TierObjects tier) {
                tier.deployment().getSpec().setReplicas(null);
            }
        }

        static io.fabric8.kubernetes.api.model.GenericKubernetesResource scaler(String apiVersion, String kind, String target) {
            var r = new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
            r.setApiVersion(apiVersion);
            r.setKind(kind);
            r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(target).build());
            r.setAdditionalProperty("spec", Map.of("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", target),
                    "maxReplicaCount", 5, "maxReplicas", 5));
            return r;
        }

        @Test
        @DisplayName("replicas(0) on a tier: a warning at the tier's replicas, in every environment, naming its Service")
        void tierReplicasZero() {
            Platform p = shop(api().replicas(0)).environments(Environment.dev(), Environment.prod()).build();
            for (String env : List.of("dev", "prod")) {
                assertThat(zeroReplicaWarnings(p, env)).extracting(Problem::severity, Problem::path, Problem::message, Problem::fix)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(Problem.Severity.WARNING, "shop/tiers/api/replicas",
                                "in " + env + ": replicas(0): no pod of tier 'api' runs and its Service has no endpoints", TIER_FIX));
            }
        }

        @Test
        @DisplayName("a tier without ports at 0 replicas: the message names no Service")
        void workerReplicasZero() {
            Platform p = shop(Tier.named("worker").image(IMAGE).replicas(0)).build();
            assertThat(zeroReplicaWarnings(p, "prod")).extracting(Problem::path, Problem::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("shop/tiers/worker/replicas", "in prod: replicas(0): no pod of tier 'worker' runs"));
        }

        @Test
        @DisplayName("an override of 0 replicas: a warning at the override, in that environment only")
        void overrideReplicasZero() {
            Platform p = shop(api()).environments(Environment.dev().override("api", TierOverride.replicas(0)), Environment.prod()).build();
            assertThat(zeroReplicaWarnings(p, "dev")).extracting(Problem::path, Problem::message, Problem::fix)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("shop/environments/dev/overrides/api/replicas",
                            "in dev: the override sets 0 replicas, so no pod of tier 'api' runs and its Service has no endpoints",
                            "override with at least 1 replica (TierOverride.replicas(1)), or drop the replicas override"));
            assertThat(zeroReplicaWarnings(p, "prod")).isEmpty();
        }

        @Test
        @DisplayName("replicas(0) with an override of 2 in prod: warned in dev only, at the tier; 0 in both: at the override")
        void tierZeroOverridden() {
            Platform p = shop(api().replicas(0))
                    .environments(Environment.dev().override("api", TierOverride.replicas(0)),
                            Environment.prod().override("api", TierOverride.replicas(2)),
                            Environment.staging().override("api", TierOverride.NONE.withResources(Resources.requests("200m", "256Mi"))))
                    .build();
            assertThat(zeroReplicaWarnings(p, "prod")).isEmpty();
            assertThat(zeroReplicaWarnings(p, "dev")).extracting(Problem::path).containsExactly("shop/environments/dev/overrides/api/replicas");
            assertThat(zeroReplicaWarnings(p, "staging")).extracting(Problem::path).containsExactly("shop/tiers/api/replicas");
        }

        @Test
        @DisplayName("no warning when a feature owns the count, a customization sets it, or a scaler starts it from zero")
        void somethingElseOwnsTheCount() {
            assertThat(zeroReplicaWarnings(shop(api().replicas(0).with(new TakesOverReplicas())).build(), "prod")).isEmpty();
            assertThat(zeroReplicaWarnings(shop(api().replicas(0))
                    .customize(io.fabric8.kubernetes.api.model.apps.Deployment.class, "api", d -> d.getSpec().setReplicas(1)).build(), "prod"))
                    .isEmpty();
            assertThat(zeroReplicaWarnings(shop(api().replicas(0)).add(env -> scaler("keda.sh/v1alpha1", "ScaledObject", "api")).build(), "prod"))
                    .isEmpty();
        }

        @Test
        @DisplayName("still a warning beside an HPA (it does not scale a Deployment at 0), a scaler of another Deployment, "
                + "or a feature that leaves the count alone")
        void nothingOwnsTheCount() {
            assertThat(zeroReplicaWarnings(shop(api().replicas(0))
                    .add(env -> scaler("autoscaling/v2", "HorizontalPodAutoscaler", "api")).build(), "prod")).hasSize(1);
            assertThat(zeroReplicaWarnings(shop(api().replicas(0))
                    .add(env -> scaler("keda.sh/v1alpha1", "ScaledObject", "web")).build(), "prod")).hasSize(1);
            assertThat(zeroReplicaWarnings(shop(api().replicas(0).with(new TierExtension() { })).build(), "prod")).hasSize(1);
        }

        @Test
        @DisplayName("one replica or more, by default or by override: no warning")
        void replicasRun() {
            assertThat(zeroReplicaWarnings(shop(api()).build(), "prod")).isEmpty();
            assertThat(zeroReplicaWarnings(shop(api().replicas(1)).build(), "prod")).isEmpty();
            assertThat(zeroReplicaWarnings(shop(api().replicas(0)).environments(Environment.prod().override("api", TierOverride.replicas(1)))
                    .build(), "prod")).isEmpty();
        }
    }

    @Nested
    @DisplayName("the exception")
    class TheException {

        @Test
        @DisplayName("every problem is reported at once, in model order")
        void allAtOnce() {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> shop(
                    api().image("ghcr.io/acme/api:latest").port(Port.grpc(70000)),
                    Tier.named("web").image("ghcr.io/acme/web:1.0").port(Port.http(8080)).talksTo("cart"))
                    .environments(Environment.prod().override("cart", TierOverride.replicas(2)))
                    .build());
            assertThat(e.platform()).isEqualTo("shop");
            assertThat(e.problems()).extracting(Problem::rule, Problem::path).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("KEE-PLAT-008", "shop/environments/prod/overrides/cart"),
                    org.assertj.core.groups.Tuple.tuple("KEE-TIER-004", "shop/tiers/api/image"),
                    org.assertj.core.groups.Tuple.tuple("KEE-PORT-003", "shop/tiers/api/ports/grpc"),
                    org.assertj.core.groups.Tuple.tuple("KEE-CALL-002", "shop/tiers/web/talksTo/cart"));
            assertThat(e.problems()).allSatisfy(p -> {
                assertThat(p.severity()).isEqualTo(Problem.Severity.ERROR);
                assertThat(p.fix()).isNotBlank();
            });
        }

        @Test
        @DisplayName("the message lists every problem as [path] message. Fix: fix (STYLE.md)")
        void messageFormat() {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> shop(
                    api().port(Port.grpc(70000)).replicas(-1)).build());
            assertThat(e.getMessage()).isEqualTo("""
                    platform 'shop' has 2 problems:
                      [shop/tiers/api/ports/grpc] KEE-PORT-003: port 70000 is not in 1..65535. Fix: use a port number from 1 to 65535
                      [shop/tiers/api/replicas] KEE-TIER-005: replicas -1 is negative. Fix: use 0 or more replicas""");
        }

        @Test
        @DisplayName("one problem is singular; warnings are listed but not counted")
        void singularAndWarnings() {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> shop(
                    api().resources(Resources.requests("100m", "128Mi").memoryLimit(null)).replicas(-1)).build());
            assertThat(e.getMessage()).isEqualTo("""
                    platform 'shop' has 1 problem:
                      (warning) [shop/tiers/api/resources/memoryLimit] KEE-RES-004: no memory limit: one container can take a \
                    node's memory from its neighbours. Fix: keep the default limit (equal to the request) or set memoryLimit("...")
                      [shop/tiers/api/replicas] KEE-TIER-005: replicas -1 is negative. Fix: use 0 or more replicas""");
        }

        @Test
        @DisplayName("problems() is immutable data")
        void problemsAreData() {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> shop(api().replicas(-1)).build());
            assertThat(e.problems()).containsExactly(
                    Problem.error(ModelPath.root("shop").tier("api").child("replicas"), "replicas -1 is negative", "use 0 or more replicas").withRule("KEE-TIER-005"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.problems().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
