package dev.keelson.apply.internal;

import dev.keelson.apply.MissingDefinition;
import dev.keelson.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Which kinds of a manifest need a CustomResourceDefinition the cluster does not serve. Internal. */
public final class Crds {

    /** API groups ending in .k8s.io that are served by CRDs, not by the API server itself. */
    private static final Set<String> CRD_GROUPS_UNDER_K8S_IO = Set.of("autoscaling.k8s.io", "gateway.networking.k8s.io",
            "snapshot.storage.k8s.io", "policy.networking.k8s.io");

    private Crds() {
    }

    /** Whether objects of this API group are defined by a CRD (not built into Kubernetes). */
    public static boolean needsDefinition(String group) {
        if (group.isEmpty() || !group.contains(".")) {
            return false;
        }
        return !group.endsWith(".k8s.io") || CRD_GROUPS_UNDER_K8S_IO.contains(group);
    }

    /** The product that installs a group's CRDs, for the message. */
    public static String product(String group) {
        if (group.equals("istio.io") || group.endsWith(".istio.io")) {
            return "Istio";
        }
        return switch (group) {
            case "autoscaling.k8s.io" -> "Vertical Pod Autoscaler";
            case "monitoring.coreos.com" -> "Prometheus Operator";
            case "cert-manager.io", "acme.cert-manager.io" -> "cert-manager";
            case "keda.sh" -> "KEDA";
            case "cilium.io" -> "Cilium";
            case "gateway.networking.k8s.io" -> "Gateway API";
            default -> "a CustomResourceDefinition";
        };
    }

    /** The definitions the objects need that the cluster lacks (one list call), in manifest order. */
    public static List<MissingDefinition> missing(KubernetesClient client, Retrier retrier, List<HasMetadata> objects) {
        Map<String, List<ObjectRef>> needed = new LinkedHashMap<>();
        Set<String> shipped = new HashSet<>();
        for (HasMetadata o : objects) {
            ObjectRef ref = ObjectRef.of(o);
            if (o instanceof CustomResourceDefinition crd) {
                for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                    shipped.add(key(crd.getSpec().getGroup(), v.getName(), crd.getSpec().getNames().getKind()));
                }
            } else if (needsDefinition(ref.group())) {
                needed.computeIfAbsent(key(ref.group(), version(ref), ref.kind()), k -> new ArrayList<>()).add(ref);
            }
        }
        needed.keySet().removeAll(shipped);
        if (needed.isEmpty()) {
            return List.of();
        }
        Set<String> served = new HashSet<>();
        for (CustomResourceDefinition crd : retrier.call(
                () -> client.apiextensions().v1().customResourceDefinitions().list().getItems(), new AtomicInteger())) {
            for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                if (Boolean.TRUE.equals(v.getServed())) {
                    served.add(key(crd.getSpec().getGroup(), v.getName(), crd.getSpec().getNames().getKind()));
                }
            }
        }
        List<MissingDefinition> missing = new ArrayList<>();
        for (Map.Entry<String, List<ObjectRef>> e : needed.entrySet()) {
            if (!served.contains(e.getKey())) {
                ObjectRef first = e.getValue().get(0);
                missing.add(new MissingDefinition(product(first.group()), first.group(), version(first), first.kind(),
                        e.getValue()));
            }
        }
        return missing;
    }

    private static String version(ObjectRef ref) {
        int slash = ref.apiVersion().indexOf('/');
        return slash < 0 ? ref.apiVersion() : ref.apiVersion().substring(slash + 1);
    }

    private static String key(String group, String version, String kind) {
        return kind + "." + group + "/" + version;
    }
}
