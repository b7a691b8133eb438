package dev.keelson.testing;

import dev.keelson.core.Require;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Deployment and its pod template. Container checks cover every container and init
 * container of the template (sidecars injected at admission time are not in the manifest). Made by
 * {@link ManifestAssert#deployment(String)}.
 *
 * <pre>{@code
 * assertThat(prod).deployment("api")
 *     .runsAsNonRoot()
 *     .hasReadOnlyRootFilesystem()
 *     .dropsAllCapabilities()
 *     .disallowsPrivilegeEscalation()
 *     .doesNotMountServiceAccountToken()
 *     .hasResourceRequests()
 *     .hasReplicas(3)
 *     .hasImage("ghcr.io/acme/api:2.0.1")
 *     .hasEnv("LOG_LEVEL", "info");
 * }</pre>
 */
public final class DeploymentAssert extends AbstractAssert<DeploymentAssert, Deployment> {

    private final ManifestAssert manifest;

    DeploymentAssert(Deployment actual, ManifestAssert manifest) {
        super(actual, DeploymentAssert.class);
        this.manifest = manifest;
    }

    /** Back to the manifest, to assert on another object. */
    public ManifestAssert and() {
        return manifest;
    }

    /**
     * Checks that no container can run as root: {@code runAsNonRoot: true} on the pod or on every container,
     * no container setting it to {@code false}, and no {@code runAsUser: 0}.
     */
    public DeploymentAssert runsAsNonRoot() {
        PodSpec pod = pod();
        PodSecurityContext podContext = pod.getSecurityContext();
        Boolean podNonRoot = podContext == null ? null : podContext.getRunAsNonRoot();
        List<String> wrong = new ArrayList<>();
        if (podContext != null && Long.valueOf(0).equals(podContext.getRunAsUser())) {
            wrong.add("the pod has securityContext.runAsUser=0");
        }
        for (Container c : containers()) {
            SecurityContext sc = c.getSecurityContext();
            Boolean nonRoot = sc == null || sc.getRunAsNonRoot() == null ? podNonRoot : sc.getRunAsNonRoot();
            if (!Boolean.TRUE.equals(nonRoot)) {
                wrong.add("container '" + c.getName() + "' has runAsNonRoot=" + nonRoot + " (pod: " + podNonRoot + ")");
            }
            if (sc != null && Long.valueOf(0).equals(sc.getRunAsUser())) {
                wrong.add("container '" + c.getName() + "' has runAsUser=0");
            }
        }
        return expect(wrong.isEmpty(), "to run as non-root", String.join("; ", wrong));
    }

    /** Checks that every container has {@code readOnlyRootFilesystem: true}. */
    public DeploymentAssert hasReadOnlyRootFilesystem() {
        List<String> wrong = new ArrayList<>();
        for (Container c : containers()) {
            SecurityContext sc = c.getSecurityContext();
            Boolean value = sc == null ? null : sc.getReadOnlyRootFilesystem();
            if (!Boolean.TRUE.equals(value)) {
                wrong.add("container '" + c.getName() + "' has readOnlyRootFilesystem=" + value);
            }
        }
        return expect(wrong.isEmpty(), "to have a read-only root filesystem", String.join("; ", wrong));
    }

    /** Checks that every container drops {@code ALL} capabilities. */
    public DeploymentAssert dropsAllCapabilities() {
        List<String> wrong = new ArrayList<>();
        for (Container c : containers()) {
            SecurityContext sc = c.getSecurityContext();
            List<String> drop = sc == null || sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                    ? List.of() : sc.getCapabilities().getDrop();
            if (!drop.contains("ALL")) {
                wrong.add("container '" + c.getName() + "' drops " + drop);
            }
        }
        return expect(wrong.isEmpty(), "to drop ALL capabilities", String.join("; ", wrong));
    }

    /** Checks that every container has {@code allowPrivilegeEscalation: false}. */
    public DeploymentAssert disallowsPrivilegeEscalation() {
        List<String> wrong = new ArrayList<>();
        for (Container c : containers()) {
            SecurityContext sc = c.getSecurityContext();
            Boolean value = sc == null ? null : sc.getAllowPrivilegeEscalation();
            if (!Boolean.FALSE.equals(value)) {
                wrong.add("container '" + c.getName() + "' has allowPrivilegeEscalation=" + value);
            }
        }
        return expect(wrong.isEmpty(), "to disallow privilege escalation", String.join("; ", wrong));
    }

    /** Checks that the pod does not mount a ServiceAccount token ({@code automountServiceAccountToken: false}). */
    public DeploymentAssert doesNotMountServiceAccountToken() {
        Boolean value = pod().getAutomountServiceAccountToken();
        return expect(Boolean.FALSE.equals(value), "not to mount a ServiceAccount token",
                "the pod has automountServiceAccountToken=" + value);
    }

    /** Checks that every container requests CPU and memory and has a memory limit. */
    public DeploymentAssert hasResourceRequests() {
        List<String> wrong = new ArrayList<>();
        for (Container c : containers()) {
            Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
            if (requests == null || !requests.containsKey("cpu") || !requests.containsKey("memory")) {
                wrong.add("container '" + c.getName() + "' requests " + (requests == null ? "nothing" : requests.keySet()));
            }
            if (limits == null || !limits.containsKey("memory")) {
                wrong.add("container '" + c.getName() + "' has no memory limit");
            }
        }
        return expect(wrong.isEmpty(), "to request CPU and memory and limit memory", String.join("; ", wrong));
    }

    /** Checks {@code spec.replicas}. */
    public DeploymentAssert hasReplicas(int expected) {
        Integer replicas = actual.getSpec().getReplicas();
        return expect(Integer.valueOf(expected).equals(replicas), "to have " + expected + " replicas",
                replicas == null ? "spec.replicas is not set (an autoscaler owns it)" : "it has " + replicas);
    }

    /** Checks that {@code spec.replicas} is left unset, for an autoscaler to own. */
    public DeploymentAssert leavesReplicasToAutoscaler() {
        Integer replicas = actual.getSpec().getReplicas();
        return expect(replicas == null, "to leave spec.replicas unset for an autoscaler", "it sets " + replicas);
    }

    /** Checks the image of the first container (the tier's own). */
    public DeploymentAssert hasImage(String expected) {
        Require.nonNull(expected, "expected");
        String image = containers().isEmpty() ? null : pod().getContainers().get(0).getImage();
        return expect(expected.equals(image), "to run image '" + expected + "'", "it runs '" + image + "'");
    }

    /** Checks that the first container has the environment variable {@code name} with the literal {@code value}. */
    public DeploymentAssert hasEnv(String name, String value) {
        Require.nonNull(name, "name");
        Require.nonNull(value, "value");
        EnvVar found = env(name);
        return expect(found != null && value.equals(found.getValue()), "to set " + name + "=" + value,
                found == null ? name + " is not set; the variables are " + envNames()
                        : found.getValue() == null ? name + " comes from " + found.getValueFrom()
                        : name + "=" + found.getValue());
    }

    /** Checks that the first container has the environment variable {@code name} (any value or source). */
    public DeploymentAssert hasEnv(String name) {
        Require.nonNull(name, "name");
        return expect(env(name) != null, "to set " + name, "the variables are " + envNames());
    }

    /** Checks a label of the Deployment itself. */
    public DeploymentAssert hasLabel(String key, String value) {
        Require.nonNull(key, "key");
        Require.nonNull(value, "value");
        Map<String, String> labels = actual.getMetadata().getLabels();
        String found = labels == null ? null : labels.get(key);
        return expect(value.equals(found), "to be labelled " + key + "=" + value,
                found == null ? "it has no label " + key : key + "=" + found);
    }

    /** Checks a label of the pod template. */
    public DeploymentAssert hasPodLabel(String key, String value) {
        Require.nonNull(key, "key");
        Require.nonNull(value, "value");
        Map<String, String> labels = actual.getSpec().getTemplate().getMetadata().getLabels();
        String found = labels == null ? null : labels.get(key);
        return expect(value.equals(found), "to label its pods " + key + "=" + value,
                found == null ? "its pods have no label " + key : key + "=" + found);
    }

    /** Checks the pod's seccomp profile type, e.g. {@code RuntimeDefault}. */
    public DeploymentAssert hasSeccompProfile(String type) {
        Require.nonNull(type, "type");
        PodSecurityContext sc = pod().getSecurityContext();
        String found = sc == null || sc.getSeccompProfile() == null ? null : sc.getSeccompProfile().getType();
        return expect(type.equals(found), "to use seccomp profile " + type, "it uses " + found);
    }

    private DeploymentAssert expect(boolean ok, String expectation, String found) {
        if (!ok) {
            failWithMessage("%s", "Expected Deployment '" + actual.getMetadata().getName() + "' in environment '"
                    + manifest.environment() + "' " + expectation + ", but " + found);
        }
        return this;
    }

    private PodSpec pod() {
        isNotNull();
        return actual.getSpec().getTemplate().getSpec();
    }

    private List<Container> containers() {
        List<Container> all = new ArrayList<>();
        if (pod().getInitContainers() != null) {
            all.addAll(pod().getInitContainers());
        }
        if (pod().getContainers() != null) {
            all.addAll(pod().getContainers());
        }
        return all;
    }

    private EnvVar env(String name) {
        List<EnvVar> env = pod().getContainers().isEmpty() ? null : pod().getContainers().get(0).getEnv();
        if (env != null) {
            for (EnvVar e : env) {
                if (name.equals(e.getName())) {
                    return e;
                }
            }
        }
        return null;
    }

    private List<String> envNames() {
        List<EnvVar> env = pod().getContainers().isEmpty() ? null : pod().getContainers().get(0).getEnv();
        return env == null ? List.of() : env.stream().map(EnvVar::getName).toList();
    }
}
