package dev.keelson.mesh.internal;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Problem;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.mesh.DataPlane;
import dev.keelson.mesh.MeshPolicy;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.ServiceEntry;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.RequestAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The check phase of {@link MeshPolicy}: rules on the final objects, including what the user
 * changed with customizations. Internal.
 */
public final class MeshChecks {

    private MeshChecks() {
    }

    /** Reports what the final objects of one environment get wrong. */
    public static void check(MeshPolicy mesh, FeatureContext s) {
        ModelPath root = ModelPath.root(s.platform().name()).child("mesh");
        Map<String, String> labels = s.namespace().getMetadata().getLabels();
        String pss = labels.get(Mesh.PSS_ENFORCE);
        if (mesh.dataPlane() == DataPlane.SIDECAR) {
            int injection = (labels.containsKey(Mesh.INJECTION) ? 1 : 0) + (labels.containsKey(Mesh.REVISION) ? 1 : 0);
            if (injection != 1) {
                s.report(Problem.error(root.child("injection"), "namespace '" + s.namespaceName() + "' carries " + injection
                                + " injection labels; exactly one of istio-injection and istio.io/rev must be set",
                        "keep MeshPolicy's label and remove the other (check customizations of the Namespace)").withRule("SEC-IST-020"));
            }
            if (!mesh.cni()) {
                if ("baseline".equals(pss) || "restricted".equals(pss)) {
                    s.report(Problem.error(root.child("cni"), "sidecar injection in namespace '" + s.namespaceName()
                                    + "' with Pod Security '" + pss + "' needs the Istio CNI plugin: the injected istio-init"
                                    + " container needs NET_ADMIN and NET_RAW, which '" + pss + "' rejects, so no pod would start",
                            "install Istio with the CNI plugin and declare it with MeshPolicy.strictMtls().withCni(),"
                                    + " or use ambient mode: MeshPolicy.strictMtls().ambient()").withRule("SEC-IST-021"));
                } else {
                    s.report(Problem.warning(root.child("cni"), "sidecar injection without the Istio CNI plugin: pods get an"
                                    + " istio-init container with NET_ADMIN and NET_RAW, which Pod Security baseline and restricted reject",
                            "install Istio with the CNI plugin and declare it with MeshPolicy.strictMtls().withCni(),"
                                    + " or use ambient mode: MeshPolicy.strictMtls().ambient()").withRule("SEC-IST-021"));
                }
            }
        } else if (labels.containsKey(Mesh.INJECTION) || labels.containsKey(Mesh.REVISION) && !"ambient".equals(labels.get(Mesh.DATAPLANE_MODE))) {
            s.report(Problem.error(root.child("injection"), "namespace '" + s.namespaceName()
                    + "' is in ambient mode but also labelled for sidecar injection", "remove the istio-injection label")
                    .withRule("SEC-IST-020"));
        }
        List<AuthorizationPolicy> policies = new ArrayList<>();
        Map<Map<String, String>, List<AuthorizationPolicy>> bySelector = new HashMap<>();
        for (HasMetadata o : s.objects()) {
            if (o instanceof AuthorizationPolicy ap) {
                policies.add(ap);
                if (ap.getSpec() != null && ap.getSpec().getSelector() != null) {
                    bySelector.computeIfAbsent(ap.getSpec().getSelector().getMatchLabels(), k -> new ArrayList<>()).add(ap);
                }
            } else if (o instanceof Gateway g && g.getSpec() != null && g.getSpec().getServers() != null) {
                for (var server : g.getSpec().getServers()) {
                    for (String host : server.getHosts() == null ? List.<String>of() : server.getHosts()) {
                        String bare = host.contains("/") ? host.substring(host.indexOf('/') + 1) : host;
                        if (bare.equals("*")) {
                            s.report(Problem.error(root.child("gateways", name(o)), "Gateway '" + name(o)
                                            + "' serves hosts '" + host + "', so any VirtualService can claim any host on it",
                                    "list the exact host names").withRule("SEC-IST-007"));
                        }
                    }
                }
            }
            List<String> exportTo = exportTo(o);
            if (exportTo != null && exportTo.isEmpty()) {
                s.report(Problem.error(root.child("exportTo", o.getKind()).key(name(o)), o.getKind() + " '" + name(o)
                                + "' sets no exportTo, so it is exported to every namespace",
                        "set exportTo [\".\"] (the generated default) in the customization").withRule("SEC-IST-013"));
            }
        }
        for (HasMetadata o : s.objects()) {
            if (o instanceof RequestAuthentication ra) {
                Map<String, String> selector = ra.getSpec() == null || ra.getSpec().getSelector() == null ? null
                        : ra.getSpec().getSelector().getMatchLabels();
                boolean paired = false;
                for (AuthorizationPolicy ap : selector == null ? policies : bySelector.getOrDefault(selector, List.of())) {
                    paired |= requiresToken(ap);
                }
                if (!paired) {
                    s.report(Problem.error(root.child("jwt", name(o)), "RequestAuthentication '" + name(o)
                                    + "' has no AuthorizationPolicy requiring a request principal, so requests without a token are accepted",
                            "declare the JWT with Tier.with(Jwt.issuer(...)), which emits both, or add requestPrincipals to an ALLOW policy")
                            .withRule("SEC-IST-018"));
                }
            }
        }
    }

    private static boolean requiresToken(AuthorizationPolicy ap) {
        if (ap.getSpec() == null || ap.getSpec().getRules() == null) {
            return false;
        }
        for (Rule rule : ap.getSpec().getRules()) {
            if (rule.getFrom() != null) {
                for (var from : rule.getFrom()) {
                    if (from.getSource() != null && from.getSource().getRequestPrincipals() != null
                            && !from.getSource().getRequestPrincipals().isEmpty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The exportTo of a VirtualService, DestinationRule or ServiceEntry (empty when unset), else {@code null}. */
    private static List<String> exportTo(HasMetadata o) {
        List<String> list;
        if (o instanceof VirtualService vs && vs.getSpec() != null) {
            list = vs.getSpec().getExportTo();
        } else if (o instanceof DestinationRule dr && dr.getSpec() != null) {
            list = dr.getSpec().getExportTo();
        } else if (o instanceof ServiceEntry se && se.getSpec() != null) {
            list = se.getSpec().getExportTo();
        } else {
            return null;
        }
        return list == null ? List.of() : list;
    }

    private static String name(HasMetadata o) {
        return Objects.requireNonNullElse(o.getMetadata().getName(), "?");
    }
}
