package dev.keelson.autoscaling;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Manifest;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Tier;
import dev.keelson.core.ValidationException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small platforms for the tests. */
final class Fixtures {

    static final Set<String> SCALING_KINDS = Set.of("HorizontalPodAutoscaler", "VerticalPodAutoscaler",
            "PodDisruptionBudget", "ScaledObject");

    private Fixtures() {
    }

    static Tier.Builder api() {
        return Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080));
    }

    static Platform shop(Tier.Builder tier) {
        return shop(tier, UnaryOperator.identity());
    }

    static Platform shop(Tier.Builder tier, UnaryOperator<Platform.Builder> more) {
        return more.apply(Platform.named("shop")
                .environments(Environment.dev(), Environment.staging(), Environment.prod())
                .tier(tier)).build();
    }

    static Manifest prod(Platform platform) {
        return Keelson.synth(platform).manifest("prod");
    }

    /** The tier's Deployment and its scaling objects as YAML, in manifest order. */
    static String scalingYaml(Manifest manifest) {
        StringBuilder out = new StringBuilder();
        for (HasMetadata o : manifest.objects()) {
            if (o instanceof Deployment || SCALING_KINDS.contains(o.getKind())) {
                out.append("---\n").append(Manifest.toYaml(o));
            }
        }
        return out.toString();
    }

    /** The problems the building of {@code platform} fails with. */
    static List<Problem> buildProblems(Runnable build) {
        ValidationException[] caught = new ValidationException[1];
        assertThatThrownBy(() -> {
            try {
                build.run();
            } catch (ValidationException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(ValidationException.class);
        return caught[0].problems();
    }
}
