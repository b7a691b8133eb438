package dev.keelson.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.keelson.autoscaling.Keda;
import dev.keelson.autoscaling.KedaTrigger;
import dev.keelson.autoscaling.ScalingProfile;
import dev.keelson.autoscaling.VerticalScaling;
import dev.keelson.core.Connection;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Exposure;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Probe;
import dev.keelson.core.Stage;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import dev.keelson.mesh.AbTest;
import dev.keelson.mesh.BlueGreen;
import dev.keelson.mesh.Canary;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.mesh.Mirror;
import dev.keelson.mesh.Traffic;
import dev.keelson.observability.Observability;
import dev.keelson.observability.Tracing;
import dev.keelson.security.KubernetesApi;
import dev.keelson.security.SecurityBaseline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every tier feature with names at and around the limits: either {@code build()} refuses the
 * platform with a problem at the tier's path, or every object name and label value of every
 * environment is within what the API server accepts (checked here with the API server's own rules,
 * written out independently of Keelson's). Seeded; the seed is in every failure message.
 */
@DisplayName("Names at the limits: build() refuses what would overflow, or every derived name and label value fits")
class NameLimitsTest {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    // IsDNS1123Subdomain: 253 in all, no limit per label
    private static final Pattern SUBDOMAIN = Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile(
            "((?=[^/]{1,253}/)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]");

    private static final String IMAGE = "ghcr.io/acme/app:1.0.0";
    private static final String NEW_IMAGE = "ghcr.io/acme/app:2.0.0";

    /** A tier feature (with what it needs on the platform), and the suffix it derives from the tier's name, if any. */
    record Feature(String name, BiFunction<Tier.Builder, String, Tier.Builder> apply, boolean mesh, String splitVersion) {
    }

    static final List<Feature> FEATURES = List.of(
            new Feature("canary", (t, n) -> t.with(Canary.of(NEW_IMAGE, 10)), true, "canary"),
            new Feature("blueGreen", (t, n) -> t.with(BlueGreen.green(NEW_IMAGE)), true, "green"),
            new Feature("abTest", (t, n) -> t.with(AbTest.header("x-variant", "b", NEW_IMAGE)), true, "b"),
            new Feature("mirror", (t, n) -> t.with(Mirror.of(NEW_IMAGE, 50)), true, "mirror"),
            new Feature("traffic", (t, n) -> t.with(Traffic.defaults().timeout(Duration.ofSeconds(5))), true, null),
            new Feature("hpa", (t, n) -> t.with(ScalingProfile.standard()), false, null),
            new Feature("hpa+vpa", (t, n) -> t.with(ScalingProfile.standard().vertical(VerticalScaling.recommendOnly())), false, null),
            new Feature("keda", (t, n) -> t.with(ScalingProfile.standard().keda(Keda.with(KedaTrigger.prometheus(
                    "http://prometheus.monitoring:9090", "sum(rate(http_requests_total[1m]))", 100)))), false, null),
            new Feature("kubernetesApi", (t, n) -> t.with(KubernetesApi.access("configmaps").verbs("get", "list")), false, null),
            new Feature("exposure", (t, n) -> t.exposedAt(Exposure.host(n + ".example.com")), false, null),
            new Feature("config", (t, n) -> t.config("MODE", "fast"), false, null),
            new Feature("dependency", (t, n) -> t.dependsOn(Dependency.postgres(("db-" + n.substring(0, Math.min(n.length(), 60))).replaceAll("-+$", ""))), false, null),
            new Feature("external", (t, n) -> t.dependsOn(Dependency.external("ext").host("api.example.com")), false, null),
            new Feature("secretFiles", (t, n) -> t.secretFiles(n + "-secret", "/var/run/secrets/app"), false, null));

    @Test
    @DisplayName("every tier feature, 600 platforms with names of 50 to 63 characters (platform, environments and tiers)")
    void everyFeatureAtTheLimits() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int refused = 0;
        int synthesized = 0;
        for (int round = 0; round < 600; round++) {
            Case c = generate(random, round);
            String context = "seed " + seed + ", round " + round + ": " + c.description;
            Platform platform;
            try {
                platform = c.builder.build();
            } catch (ValidationException e) {
                List<Problem> errors = e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
                assertThat(c.expectedRefusals).as("build() refused an expected-valid platform (%s): %s", context, errors).isNotEmpty();
                Set<String> paths = new LinkedHashSet<>();
                for (Problem p : errors) {
                    assertThat(p.rule()).as("%s: %s", context, p).isEqualTo("KEE-NAME-001");
                    assertThat(p.fix()).as("%s: %s", context, p).startsWith("shorten the tier name to at most ");
                    paths.add(p.path());
                }
                assertThat(paths).as(context).containsExactlyInAnyOrderElementsOf(c.expectedRefusals);
                refused++;
                continue;
            }
            assertThat(c.expectedRefusals).as("build() accepted a platform whose derived names overflow (%s)", context).isEmpty();
            List<Manifest> manifests;
            try {
                manifests = Keelson.synth(platform).manifests();
            } catch (ValidationException e) {
                fail("build() passed but synthesis failed (%s): %s", context,
                        e.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList());
                return;
            }
            for (Manifest m : manifests) {
                for (HasMetadata o : m.objects()) {
                    checkObject(o, context + ", " + m.environment());
                }
            }
            synthesized++;
        }
        assertThat(refused).as("seed %d: the generator reaches refusals", seed).isGreaterThan(30);
        assertThat(synthesized).as("seed %d: the generator reaches synthesis", seed).isGreaterThan(100);
    }

    /** The API server's rules for one object, written here independently. */
    static void checkObject(HasMetadata o, String context) {
        ObjectMeta meta = o.getMetadata();
        String name = meta.getName();
        String what = o.getKind() + " '" + name + "' (" + (name == null ? 0 : name.length()) + " characters, " + context + ")";
        assertThat(name).as(what).isNotNull();
        switch (o.getKind()) {
            case "Service" -> assertThat(DNS_1035.matcher(name).matches()).as("a Service name is a DNS-1035 label: " + what).isTrue();
            case "Namespace" -> assertThat(DNS_LABEL.matcher(name).matches()).as("a Namespace name is a DNS label: " + what).isTrue();
            default -> {
                if (o instanceof GenericKubernetesResource || o.getKind().startsWith("Role") || o.getKind().startsWith("ClusterRole")) {
                    assertThat(name.length()).as(what).isLessThanOrEqualTo(253);
                    assertThat(name).as(what).doesNotContain("/", "%");
                } else {
                    assertThat(SUBDOMAIN.matcher(name).matches()).as("a DNS subdomain: " + what).isTrue();
                }
            }
        }
        labels(meta.getLabels(), what + " metadata.labels");
        if (o instanceof Deployment d) {
            PodTemplateSpec t = d.getSpec().getTemplate();
            labels(t.getMetadata().getLabels(), what + " pod labels");
            labels(d.getSpec().getSelector().getMatchLabels(), what + " selector");
        }
        if (meta.getAnnotations() != null) {
            meta.getAnnotations().keySet().forEach(k -> assertThat(LABEL_KEY.matcher(k).matches()).as(what + " annotation key " + k).isTrue());
        }
    }

    private static void labels(Map<String, String> labels, String what) {
        if (labels == null) {
            return;
        }
        labels.forEach((k, v) -> {
            assertThat(LABEL_KEY.matcher(k).matches()).as("label key '%s' of %s", k, what).isTrue();
            assertThat(LABEL_VALUE.matcher(v).matches()).as("label %s='%s' (%d characters) of %s", k, v, v.length(), what).isTrue();
        });
    }

    record Case(Platform.Builder builder, Set<String> expectedRefusals, String description) {
    }

    private static Case generate(Random r, int round) {
        // platform + "-" + environment is the namespace, at most 63
        String env = name(r, 1 + r.nextInt(12));
        String platformName = name(r, 63 - 1 - env.length() - (r.nextInt(3) == 0 ? 0 : r.nextInt(10)));
        Platform.Builder p = Platform.named(platformName).environments(Environment.named(env, Stage.DEVELOPMENT));
        boolean mesh = false;
        Set<String> refusals = new LinkedHashSet<>();
        List<String> description = new ArrayList<>();
        int tiers = 1 + r.nextInt(3);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tiers; i++) {
            String tierName;
            do {
                tierName = name(r, r.nextInt(4) == 0 ? 50 + r.nextInt(14) : 63 - r.nextInt(8));
            } while (names.contains(tierName));
            names.add(tierName);
            Tier.Builder t = Tier.named(tierName).image(IMAGE).port(Port.http(8080)).readiness(Probe.http("/ready"));
            List<Feature> chosen = new ArrayList<>();
            chosen.add(FEATURES.get((round + i) % FEATURES.size()));
            for (Feature f : FEATURES) {
                if (r.nextInt(4) == 0 && !chosen.contains(f)) {
                    chosen.add(f);
                }
            }
            // one traffic split per tier, one scaling profile per tier
            boolean split = false;
            boolean scaling = false;
            for (Feature f : chosen) {
                boolean isSplit = f.splitVersion != null;
                boolean isScaling = f.name.startsWith("hpa") || f.name.equals("keda");
                if (isSplit && split || isScaling && scaling) {
                    continue;
                }
                split |= isSplit;
                scaling |= isScaling;
                t = f.apply.apply(t, tierName);
                mesh |= f.mesh;
                description.add(tierName.length() + ":" + f.name);
                if (isSplit && tierName.length() + 1 + f.splitVersion.length() > 63) {
                    refusals.add(platformName + "/tiers/" + tierName);
                }
            }
            if (i > 0) {
                t = t.talksTo(Connection.to(names.get(0)));
            }
            p = p.tier(t);
        }
        if (mesh || r.nextBoolean()) {
            p = p.with(MeshPolicy.strictMtls().withCni());
        }
        if (r.nextBoolean()) {
            p = p.with(SecurityBaseline.restricted());
        }
        if (r.nextBoolean()) {
            p = p.with(Observability.prometheus());
        }
        if (r.nextInt(4) == 0) {
            p = p.with(Tracing.otlp("otel-collector.observability:4317"));
        }
        return new Case(p, refusals, platformName.length() + "/" + env.length() + " " + description);
    }

    /** A name of {@code length} lower-case letters, digits and inner dashes, starting with a letter. */
    private static String name(Random r, int length) {
        int n = Math.max(1, length);
        StringBuilder b = new StringBuilder(n);
        b.append((char) ('a' + r.nextInt(26)));
        for (int i = 1; i < n; i++) {
            int k = r.nextInt(37);
            char c = k < 26 ? (char) ('a' + k) : k < 36 ? (char) ('0' + k - 26) : '-';
            if (c == '-' && (i == n - 1 || b.charAt(i - 1) == '-')) {
                c = 'x';
            }
            b.append(c);
        }
        return b.toString();
    }
}
