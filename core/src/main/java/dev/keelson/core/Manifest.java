package dev.keelson.core;

import dev.keelson.core.internal.yaml.Yaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The synthesized objects of one environment, in the stable order they are written and applied:
 * Namespace, quotas, ServiceAccounts, RBAC, config, Services, workloads, autoscaling, network
 * policies, Ingress, Istio, everything else.
 *
 * <pre>{@code
 * Manifest prod = Keelson.synth(platform).manifest("prod");
 * prod.get(Deployment.class, "api").orElseThrow();
 * System.out.println(prod.toYaml());
 * }</pre>
 *
 * @param environment the environment's name
 * @param namespace the environment's namespace
 * @param objects the objects, in order
 * @param warnings what validation and the features' checks reported without failing
 * @param flows the final graph of allowed flows
 */
public record Manifest(String environment, String namespace, List<HasMetadata> objects, List<Problem> warnings,
                       List<Flow> flows) {

    /**
     * Checks {@code environment}, {@code namespace}, {@code objects}, {@code warnings} and {@code flows} at once,
     * naming the argument and the call when one is invalid. Copies the collections, so the value stays immutable.
     *
     * @param environment the environment's name
     * @param namespace the environment's namespace
     * @param objects the objects, in order
     * @param warnings what validation and the features' checks reported without failing
     * @param flows the final graph of allowed flows
     */
    public Manifest {
        Require.nonNull(environment, "environment");
        Require.nonNull(namespace, "namespace");
        Require.noNulls(objects, "objects");
        Require.noNulls(warnings, "warnings");
        Require.noNulls(flows, "flows");
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
        flows = List.copyOf(flows);
    }

    /** The objects of one kind, in order. */
    public <T extends HasMetadata> List<T> objects(Class<T> kind) {
        Require.nonNull(kind, "kind");
        List<T> found = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (kind.isInstance(o)) {
                found.add(kind.cast(o));
            }
        }
        return found;
    }

    /** The object of one kind with this name. */
    public <T extends HasMetadata> Optional<T> get(Class<T> kind, String name) {
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        for (HasMetadata o : objects) {
            if (kind.isInstance(o) && name.equals(o.getMetadata().getName())) {
                return Optional.of(kind.cast(o));
            }
        }
        return Optional.empty();
    }

    /** How many objects there are. */
    public int size() {
        return objects.size();
    }

    /** All objects as one YAML stream, documents separated by {@code ---}. */
    public String toYaml() {
        StringBuilder out = new StringBuilder(objects.size() * 1024);
        Yaml.writeDocuments(objects, out);
        return out.toString();
    }

    /**
     * Streams the YAML of {@link #toYaml()} to {@code out} without holding it in memory (what {@code print} does, one
     * stream per environment as {@code helm template} writes); flushes {@code out} and leaves it open.
     *
     * <pre>{@code
     * try (Writer out = Files.newBufferedWriter(Path.of("prod.yaml"))) {
     *     Keelson.synth(platform).manifest("prod").writeYaml(out);
     * }
     * }</pre>
     *
     * @throws IOException when {@code out} fails
     */
    public void writeYaml(Writer out) throws IOException {
        Require.nonNull(out, "out");
        Yaml.writeDocuments(objects, out);
    }

    /** One object as YAML. */
    public static String toYaml(HasMetadata object) {
        Require.nonNull(object, "object");
        return Yaml.toYaml(object);
    }
}
