package dev.keelson.core.gitops;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierOverride;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;

/** Platforms whose strings look like Go templates, for the Helm chart's escaping. */
final class GitOpsPlatforms {

    private GitOpsPlatforms() {
    }

    /** Environments named like the templates' variables ($ns, $env) and a word of the output (http). */
    static Platform variableNames() {
        return Platform.named("vars")
                .environments(Environment.named("ns", Stage.DEVELOPMENT), Environment.named("env", Stage.STAGING),
                        Environment.named("http", Stage.PRODUCTION))
                .tier(Tier.named("web").image("ghcr.io/acme/vars:1.0.0").port(Port.http(8080)).exposedAt("vars.example.com")
                        .env("MODE", "ns env http"))
                .build();
    }

    /** A platform that builds but fails synthesis: its customization matches no object. */
    static Platform failsSynthesis() {
        return Platform.named("broken")
                .tier(Tier.named("web").image("ghcr.io/acme/web:1.0.0").port(Port.http(8080)))
                .customize(Deployment.class, "no-such-tier", d -> d.getSpec().setMinReadySeconds(5))
                .build();
    }

    /** Braces of Go templates and Helm's own syntax in config, annotations and a raw ConfigMap. */
    static Platform braces() {
        return Platform.named("braces")
                .environments(Environment.dev().override("web", TierOverride.host("braces.dev.example.com")),
                        Environment.prod().override("web", TierOverride.replicas(3).withImageTag("2.0.0")))
                .tier(Tier.named("web").image("ghcr.io/acme/braces@sha256:" + "a".repeat(64)).port(Port.http(8080))
                        .exposedAt("braces.example.com")
                        .config("GREETING", "{{ .Values.greeting }} and {{- trimmed -}} and }} and {{{triple}}}")
                        .config("LEGEND", "{{pod}}")
                        .env("PATH_IN_DEV", "/dev/shm"))
                .customize(Deployment.class, "web", d -> d.getMetadata().setAnnotations(
                        Map.of("example.com/template", "{{ include \"x\" . }}")))
                .add(env -> new ConfigMapBuilder().withNewMetadata().withName("rules").endMetadata()
                        .addToData("alert", "sum(rate(x{job=\"{{ $labels.job }}\"}[5m]))")
                        .addToData("environment", env.name())
                        .build())
                .build();
    }
}
