package dev.keelson.testing;

import dev.keelson.core.Require;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Kubernetes NetworkPolicy. Made by {@link ManifestAssert#networkPolicy(String)}.
 *
 * <pre>{@code
 * assertThat(prod).networkPolicy("api")
 *     .hasPolicyTypes("Ingress", "Egress")
 *     .selectsPodsLabelled("app.kubernetes.io/name", "api")
 *     .allowsIngressOnPort(9090)
 *     .allowsIngressFromNamespace("ingress-nginx")
 *     .allowsEgressOnPort(53);
 * }</pre>
 *
 * <p>Ports are matched by number; a rule without ports allows every port. A named port in a rule
 * matches only {@link #allowsIngressOnPort(String)}.
 */
public final class NetworkPolicyAssert extends AbstractAssert<NetworkPolicyAssert, NetworkPolicy> {

    private final ManifestAssert manifest;

    NetworkPolicyAssert(NetworkPolicy actual, ManifestAssert manifest) {
        super(actual, NetworkPolicyAssert.class);
        this.manifest = manifest;
    }

    /** Back to the manifest, to assert on another object. */
    public ManifestAssert and() {
        return manifest;
    }

    /** Checks {@code spec.policyTypes}, exactly and in order. */
    public NetworkPolicyAssert hasPolicyTypes(String... types) {
        Require.noNulls(types, "types");
        List<String> found = actual.getSpec().getPolicyTypes() == null ? List.of() : actual.getSpec().getPolicyTypes();
        return List.of(types).equals(found) ? this : fail("to have policy types " + List.of(types), "it has " + found);
    }

    /** Checks that the pod selector requires the label {@code key=value}. */
    public NetworkPolicyAssert selectsPodsLabelled(String key, String value) {
        Require.nonNull(key, "key");
        Require.nonNull(value, "value");
        LabelSelector selector = actual.getSpec().getPodSelector();
        Map<String, String> labels = selector == null ? null : selector.getMatchLabels();
        return labels != null && value.equals(labels.get(key)) ? this
                : fail("to select pods labelled " + key + "=" + value, "its pod selector is " + labels);
    }

    /** Checks that the policy isolates ingress and allows none (a default deny). */
    public NetworkPolicyAssert deniesAllIngress() {
        List<String> types = actual.getSpec().getPolicyTypes() == null ? List.of() : actual.getSpec().getPolicyTypes();
        List<NetworkPolicyIngressRule> rules = ingress();
        return types.contains("Ingress") && rules.isEmpty() ? this
                : fail("to deny all ingress", "its policy types are " + types + " and it has " + rules.size() + " ingress rules");
    }

    /** Checks that some ingress rule allows port number {@code port} (or every port). */
    public NetworkPolicyAssert allowsIngressOnPort(int port) {
        for (NetworkPolicyIngressRule r : ingress()) {
            if (allows(r.getPorts(), new IntOrString(port))) {
                return this;
            }
        }
        return fail("to allow ingress on port " + port, "its ingress ports are " + ingressPorts());
    }

    /** Checks that some ingress rule allows the named port {@code port} (or every port). */
    public NetworkPolicyAssert allowsIngressOnPort(String port) {
        Require.nonNull(port, "port");
        for (NetworkPolicyIngressRule r : ingress()) {
            if (allows(r.getPorts(), new IntOrString(port))) {
                return this;
            }
        }
        return fail("to allow ingress on port '" + port + "'", "its ingress ports are " + ingressPorts());
    }

    /** Checks that no ingress rule allows port number {@code port}. */
    public NetworkPolicyAssert doesNotAllowIngressOnPort(int port) {
        for (NetworkPolicyIngressRule r : ingress()) {
            if (allows(r.getPorts(), new IntOrString(port))) {
                return fail("not to allow ingress on port " + port, "its ingress ports are " + ingressPorts());
            }
        }
        return this;
    }

    /** Checks that some egress rule allows port number {@code port} (or every port). */
    public NetworkPolicyAssert allowsEgressOnPort(int port) {
        List<String> seen = new ArrayList<>();
        for (NetworkPolicyEgressRule r : egress()) {
            if (allows(r.getPorts(), new IntOrString(port))) {
                return this;
            }
            seen.add(describe(r.getPorts()));
        }
        return fail("to allow egress on port " + port, "its egress ports are " + seen);
    }

    /**
     * Checks that some ingress rule admits pods of namespace {@code namespace}, selected by the
     * {@code kubernetes.io/metadata.name} label every namespace carries.
     */
    public NetworkPolicyAssert allowsIngressFromNamespace(String namespace) {
        Require.nonNull(namespace, "namespace");
        List<String> seen = new ArrayList<>();
        for (NetworkPolicyIngressRule r : ingress()) {
            for (NetworkPolicyPeer peer : r.getFrom() == null ? List.<NetworkPolicyPeer>of() : r.getFrom()) {
                Map<String, String> ns = peer.getNamespaceSelector() == null ? null
                        : peer.getNamespaceSelector().getMatchLabels();
                if (ns != null && namespace.equals(ns.get("kubernetes.io/metadata.name"))) {
                    return this;
                }
                seen.add(ns == null ? "(this namespace)" : String.valueOf(ns));
            }
        }
        return fail("to allow ingress from namespace '" + namespace + "'", "its ingress peers' namespace selectors are " + seen);
    }

    private static boolean allows(List<NetworkPolicyPort> ports, IntOrString port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            if (p.getPort() == null || p.getPort().equals(port)) {
                return true;
            }
            if (port.getIntVal() != null && p.getPort().getIntVal() != null && p.getEndPort() != null
                    && port.getIntVal() >= p.getPort().getIntVal() && port.getIntVal() <= p.getEndPort()) {
                return true;
            }
        }
        return false;
    }

    private List<String> ingressPorts() {
        List<String> seen = new ArrayList<>();
        for (NetworkPolicyIngressRule r : ingress()) {
            seen.add(describe(r.getPorts()));
        }
        return seen;
    }

    private static String describe(List<NetworkPolicyPort> ports) {
        if (ports == null || ports.isEmpty()) {
            return "all";
        }
        List<String> out = new ArrayList<>();
        for (NetworkPolicyPort p : ports) {
            String port = p.getPort() == null ? "all" : p.getPort().getIntVal() != null
                    ? String.valueOf(p.getPort().getIntVal()) : p.getPort().getStrVal();
            out.add(port + (p.getEndPort() != null ? "-" + p.getEndPort() : "") + (p.getProtocol() != null ? "/" + p.getProtocol() : ""));
        }
        return String.join(",", out);
    }

    private List<NetworkPolicyIngressRule> ingress() {
        isNotNull();
        return actual.getSpec().getIngress() == null ? List.of() : actual.getSpec().getIngress();
    }

    private List<NetworkPolicyEgressRule> egress() {
        isNotNull();
        return actual.getSpec().getEgress() == null ? List.of() : actual.getSpec().getEgress();
    }

    private NetworkPolicyAssert fail(String expectation, String found) {
        failWithMessage("%s", "Expected NetworkPolicy '" + actual.getMetadata().getName() + "' in environment '"
                + manifest.environment() + "' " + expectation + ", but " + found);
        return this;
    }
}
