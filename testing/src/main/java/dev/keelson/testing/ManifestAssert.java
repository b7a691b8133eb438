package dev.keelson.testing;

import dev.keelson.core.Flow;
import dev.keelson.core.Manifest;
import dev.keelson.core.Peer;
import dev.keelson.core.Problem;
import dev.keelson.core.Require;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ObjectAssert;

/**
 * Assertions on one environment's {@link Manifest}: which objects it has, and entry points to the
 * assertions of one object. Made by {@link KeelsonAssertions#assertThat(Manifest)}.
 *
 * <pre>{@code
 * assertThat(prod)
 *     .hasObject(NetworkPolicy.class, "api")
 *     .doesNotHaveObject(Ingress.class, "api")
 *     .hasNoWarnings()
 *     .deployment("api").hasReplicas(3)
 *     .and().service("api").exposesPort("grpc", 9090);
 * }</pre>
 */
public final class ManifestAssert extends AbstractAssert<ManifestAssert, Manifest> {

    ManifestAssert(Manifest actual) {
        super(actual, ManifestAssert.class);
    }

    /** The Deployment {@code name}'s assertions; fails, listing the Deployments there are, if it is missing. */
    public DeploymentAssert deployment(String name) {
        Require.nonNull(name, "name");
        return new DeploymentAssert(require(Deployment.class, name), this);
    }

    /** The Service {@code name}'s assertions; fails if it is missing. */
    public ServiceAssert service(String name) {
        Require.nonNull(name, "name");
        return new ServiceAssert(require(Service.class, name), this);
    }

    /** The NetworkPolicy {@code name}'s assertions; fails if it is missing. */
    public NetworkPolicyAssert networkPolicy(String name) {
        Require.nonNull(name, "name");
        return new NetworkPolicyAssert(require(NetworkPolicy.class, name), this);
    }

    /** AssertJ's generic assertions on the object of {@code kind} named {@code name}; fails if it is missing. */
    public <T extends HasMetadata> ObjectAssert<T> object(Class<T> kind, String name) {
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        return Assertions.assertThat(require(kind, name))
                .as("%s '%s' in environment '%s'", kind.getSimpleName(), name, actual.environment());
    }

    /** Runs {@code assertions} on every Deployment (fails if there is none). */
    public ManifestAssert eachDeployment(Consumer<DeploymentAssert> assertions) {
        Require.nonNull(assertions, "assertions");
        isNotNull();
        List<Deployment> deployments = actual.objects(Deployment.class);
        if (deployments.isEmpty()) {
            failWithMessage("%s", "Expected the manifest of environment '" + actual.environment()
                    + "' to contain Deployments, but it has none");
        }
        for (Deployment d : deployments) {
            assertions.accept(new DeploymentAssert(d, this));
        }
        return this;
    }

    /** Checks that there is an object of {@code kind} named {@code name}. */
    public ManifestAssert hasObject(Class<? extends HasMetadata> kind, String name) {
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        require(kind, name);
        return this;
    }

    /** Checks that there is no object of {@code kind} named {@code name}. */
    public ManifestAssert doesNotHaveObject(Class<? extends HasMetadata> kind, String name) {
        Require.nonNull(kind, "kind");
        Require.nonNull(name, "name");
        isNotNull();
        if (actual.get(kind, name).isPresent()) {
            failWithMessage("%s", "Expected the manifest of environment '" + actual.environment() + "' not to contain "
                    + kind.getSimpleName() + " '" + name + "', but it does");
        }
        return this;
    }

    /** Checks the names of the objects of {@code kind}, exactly and in order. */
    public ManifestAssert hasObjectNames(Class<? extends HasMetadata> kind, String... names) {
        Require.nonNull(kind, "kind");
        Require.noNulls(names, "names");
        isNotNull();
        List<String> found = names(kind);
        if (!found.equals(List.of(names))) {
            failWithMessage("%s", "Expected the " + kind.getSimpleName() + " objects of environment '" + actual.environment()
                    + "' to be " + List.of(names) + ", but they are " + found);
        }
        return this;
    }

    /** Checks that synthesis reported no warnings. */
    public ManifestAssert hasNoWarnings() {
        isNotNull();
        if (!actual.warnings().isEmpty()) {
            StringBuilder list = new StringBuilder();
            for (Problem p : actual.warnings()) {
                list.append("\n  ").append(p);
            }
            failWithMessage("%s", "Expected no warnings in environment '" + actual.environment() + "', but there were "
                    + actual.warnings().size() + ":" + list);
        }
        return this;
    }

    /** Checks that some warning is at exactly {@code path}. */
    public ManifestAssert hasWarningAt(String path) {
        Require.nonNull(path, "path");
        isNotNull();
        if (actual.warnings().stream().noneMatch(p -> p.path().equals(path))) {
            failWithMessage("%s", "Expected a warning at '" + path + "' in environment '" + actual.environment()
                    + "', but the warnings were at " + actual.warnings().stream().map(Problem::path).toList());
        }
        return this;
    }

    /**
     * Checks that the graph allows a flow of {@code kind} from {@code from} to {@code to}, e.g.
     * {@code hasFlow(Flow.Kind.TIER, Peer.tier("web"), Peer.tier("api"))}.
     */
    public ManifestAssert hasFlow(Flow.Kind kind, Peer from, Peer to) {
        Require.nonNull(kind, "kind");
        Require.nonNull(from, "from");
        Require.nonNull(to, "to");
        isNotNull();
        for (Flow f : actual.flows()) {
            if (f.kind() == kind && f.from().equals(from) && f.to().equals(to)) {
                return this;
            }
        }
        List<String> ofKind = new ArrayList<>();
        for (Flow f : actual.flows()) {
            if (f.kind() == kind) {
                ofKind.add(f.from() + " -> " + f.to());
            }
        }
        failWithMessage("%s", "Expected a " + kind + " flow from " + from + " to " + to + " in environment '"
                + actual.environment() + "', but the " + kind + " flows are " + ofKind);
        return this;
    }

    private <T extends HasMetadata> T require(Class<T> kind, String name) {
        isNotNull();
        Optional<T> found = actual.get(kind, name);
        if (found.isEmpty()) {
            failWithMessage("%s", "Expected the manifest of environment '" + actual.environment() + "' to contain "
                    + kind.getSimpleName() + " '" + name + "', but its " + kind.getSimpleName() + " objects are "
                    + names(kind));
        }
        return found.orElseThrow();
    }

    private List<String> names(Class<? extends HasMetadata> kind) {
        List<String> found = new ArrayList<>();
        for (HasMetadata o : actual.objects(kind)) {
            found.add(o.getMetadata().getName());
        }
        return found;
    }

    String environment() {
        return actual.environment();
    }

    Manifest manifest() {
        return actual;
    }
}
