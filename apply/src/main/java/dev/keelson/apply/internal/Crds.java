package dev.keelson.apply.internal;

import dev.keelson.apply.MissingDefinition;
import dev.keelson.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

    /**
     * The definitions the objects need that the cluster lacks, in manifest order. Asks the API
     * discovery of each group version the objects use ({@code GET /apis/<group>/<version>}, a few
     * KB, concurrently) rather than listing every CRD, whose schemas run to megabytes on a cluster
     * with Istio or the Prometheus Operator.
     */
    public static List<MissingDefinition> missing(KubernetesClient client, Retrier retrier, List<HasMetadata> objects,
                                                  int inFlight) {
        Map<String, List<ObjectRef>> needed = new LinkedHashMap<>();
        Set<String> shipped = new HashSet<>();
        Set<String> groupVersions = new java.util.LinkedHashSet<>();
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
        for (List<ObjectRef> refs : needed.values()) {
            groupVersions.add(refs.get(0).apiVersion());
        }
        Set<String> served = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(inFlight, groupVersions.size())), r -> {
                    Thread t = new Thread(r, "keelson-discovery");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            for (String groupVersion : groupVersions) {
                calls.add(pool.submit(() -> {
                    APIResourceList list;
                    try {
                        list = retrier.call(() -> client.getApiResources(groupVersion), new AtomicInteger());
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 404) {
                            throw e;
                        }
                        list = null;   // the group version is not served at all
                    }
                    if (list != null && list.getResources() != null) {
                        String group = groupVersion.substring(0, groupVersion.indexOf('/'));
                        String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
                        for (APIResource r : list.getResources()) {
                            if (r.getName() != null && !r.getName().contains("/")) {
                                served.add(key(group, version, r.getKind()));
                            }
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> call : calls) {
                try {
                    call.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KubernetesClientException("interrupted while reading the API discovery", e);
                }
            }
        } finally {
            pool.shutdownNow();
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
