package dev.keelson.testing;

import dev.keelson.core.Require;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Service. Made by {@link ManifestAssert#service(String)}.
 *
 * <pre>{@code
 * assertThat(prod).service("api")
 *     .exposesPort("grpc", 9090)
 *     .hasType("ClusterIP")
 *     .selectsPodsOf("api");
 * }</pre>
 */
public final class ServiceAssert extends AbstractAssert<ServiceAssert, Service> {

    private final ManifestAssert manifest;

    ServiceAssert(Service actual, ManifestAssert manifest) {
        super(actual, ServiceAssert.class);
        this.manifest = manifest;
    }

    /** Back to the manifest, to assert on another object. */
    public ManifestAssert and() {
        return manifest;
    }

    /** Checks that the Service has a port named {@code name} with number {@code number}. */
    public ServiceAssert exposesPort(String name, int number) {
        Require.nonNull(name, "name");
        for (ServicePort p : ports()) {
            if (name.equals(p.getName()) && Integer.valueOf(number).equals(p.getPort())) {
                return this;
            }
        }
        return fail("to expose port " + name + " " + number, "its ports are " + describe());
    }

    /** Checks that the Service has a port with number {@code number}, whatever its name. */
    public ServiceAssert exposesPort(int number) {
        for (ServicePort p : ports()) {
            if (Integer.valueOf(number).equals(p.getPort())) {
                return this;
            }
        }
        return fail("to expose port " + number, "its ports are " + describe());
    }

    /** Checks that the Service has no port with number {@code number}. */
    public ServiceAssert doesNotExposePort(int number) {
        for (ServicePort p : ports()) {
            if (Integer.valueOf(number).equals(p.getPort())) {
                return fail("not to expose port " + number, "its ports are " + describe());
            }
        }
        return this;
    }

    /** Checks {@code spec.type}, e.g. {@code ClusterIP}. */
    public ServiceAssert hasType(String type) {
        Require.nonNull(type, "type");
        String found = actual.getSpec().getType();
        return type.equals(found) ? this : fail("to be of type " + type, "it is of type " + found);
    }

    /** Checks that the Service's selector matches the pod labels of the Deployment {@code deployment}. */
    public ServiceAssert selectsPodsOf(String deployment) {
        Require.nonNull(deployment, "deployment");
        Deployment d = manifest.manifest().get(Deployment.class, deployment).orElse(null);
        Map<String, String> selector = actual.getSpec().getSelector();
        if (d == null) {
            return fail("to select the pods of Deployment '" + deployment + "'", "there is no such Deployment");
        }
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        if (selector == null || selector.isEmpty() || podLabels == null
                || !podLabels.entrySet().containsAll(selector.entrySet())) {
            return fail("to select the pods of Deployment '" + deployment + "'", "its selector " + selector
                    + " does not match their labels " + podLabels);
        }
        return this;
    }

    private ServiceAssert fail(String expectation, String found) {
        failWithMessage("%s", "Expected Service '" + actual.getMetadata().getName() + "' in environment '"
                + manifest.environment() + "' " + expectation + ", but " + found);
        return this;
    }

    private List<ServicePort> ports() {
        isNotNull();
        return actual.getSpec().getPorts() == null ? List.of() : actual.getSpec().getPorts();
    }

    private String describe() {
        List<String> out = new ArrayList<>();
        for (ServicePort p : ports()) {
            out.add(p.getName() + " " + p.getPort());
        }
        return out.toString();
    }
}
