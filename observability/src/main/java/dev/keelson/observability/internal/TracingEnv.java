package dev.keelson.observability.internal;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.observability.Tracing;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The OpenTelemetry SDK environment variables of a tier's container. Internal. */
public final class TracingEnv {

    /** The variable holding the pod's name, referenced by {@code OTEL_RESOURCE_ATTRIBUTES}. */
    public static final String POD_NAME = "K8S_POD_NAME";

    private TracingEnv() {
    }

    /**
     * Adds the variables the tier's container does not set itself, after its own, in every pod of the
     * tier (a canary's too). {@code k8s.deployment.name} names the tier's Deployment in each
     * ({@code k8s.statefulset.name}, {@code k8s.daemonset.name}, {@code k8s.job.name}, {@code k8s.cronjob.name}
     * the workload of the other kinds, as OpenTelemetry's semantic conventions name them).
     */
    public static void apply(Tracing tracing, FeatureContext s, TierObjects t) {
        String platform = s.platform().name();
        String environment = s.environment().name();
        String ns = s.namespaceName();
        String tier = t.tier().name();

        StringBuilder attributes = new StringBuilder()
                .append("k8s.namespace.name=").append(ns)
                .append(",k8s.").append(t.kind().apiKind().toLowerCase(java.util.Locale.ROOT)).append(".name=")
                .append(t.workload().getMetadata().getName())
                .append(",k8s.pod.name=$(").append(POD_NAME).append(')')
                .append(",deployment.environment.name=").append(environment)
                .append(",service.namespace=").append(platform);
        tracing.resourceAttributes().forEach((k, v) -> attributes.append(',').append(k).append('=').append(v));

        List<EnvVar> variables = List.of(
                new EnvVar("OTEL_SERVICE_NAME", Templates.fill(tracing.serviceName(), platform, environment, ns, tier), null),
                new EnvVar("OTEL_EXPORTER_OTLP_ENDPOINT", tracing.endpoint(), null),
                new EnvVar("OTEL_EXPORTER_OTLP_PROTOCOL", tracing.protocol().value(), null),
                new EnvVar("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", null),
                new EnvVar("OTEL_TRACES_SAMPLER_ARG",
                        Templates.number(tracing.samplingIn(s.environment()).fraction()), null),
                new EnvVarBuilder().withName(POD_NAME)
                        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build(),
                new EnvVar("OTEL_RESOURCE_ATTRIBUTES", attributes.toString(), null));
        for (PodTemplateSpec template : t.podTemplates()) {
            Container c = template.getSpec().getContainers().get(0);
            List<EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
            Set<String> taken = new HashSet<>();
            env.forEach(e -> taken.add(e.getName()));
            for (EnvVar variable : variables) {
                add(env, taken, new EnvVarBuilder(variable).build());
            }
            c.setEnv(env);
        }
    }

    private static void add(List<EnvVar> env, Set<String> taken, EnvVar variable) {
        if (taken.add(variable.getName())) {
            env.add(variable);
        }
    }
}
