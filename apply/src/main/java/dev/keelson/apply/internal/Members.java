package dev.keelson.apply.internal;

import dev.keelson.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Lists the live members of an ApplySet, one group kind at a time, by its part-of label. Internal. */
final class Members {

    private final KubernetesClient client;
    private final Retrier retrier;

    Members(KubernetesClient client, Retrier retrier) {
        this.client = client;
        this.retrier = retrier;
    }

    /** An object's identity in an ApplySet: group kind, namespace and name. */
    static String identity(ObjectRef ref) {
        return ApplySets.groupKind(ref.kind(), ref.group()) + "/" + ref.namespace() + "/" + ref.name();
    }

    /**
     * The objects of {@code groupKind} labelled as members of {@code id}, in {@code namespaces} (or
     * cluster-scoped): typed when {@code sample} is a typed object, else generic at the sample's
     * API version, the recorded one, or the group's preferred one when the recorded one is gone.
     */
    List<HasMetadata> list(String groupKind, HasMetadata sample, Set<String> namespaces, String id,
                           Map<String, String> recordedVersions) {
        List<HasMetadata> found = new ArrayList<>();
        if (sample != null && !(sample instanceof GenericKubernetesResource)) {
            if (sample instanceof Namespaced) {
                for (String ns : namespaces) {
                    found.addAll(retrier.call(() -> listTyped(sample.getClass(), ns, id), new AtomicInteger()));
                }
            } else {
                found.addAll(retrier.call(() -> listTyped(sample.getClass(), null, id), new AtomicInteger()));
            }
            return found;
        }
        String kind = groupKind.contains(".") ? groupKind.substring(0, groupKind.indexOf('.')) : groupKind;
        String apiVersion = sample != null ? sample.getApiVersion() : recordedVersions.get(groupKind);
        List<GenericKubernetesResource> listed = null;
        if (apiVersion != null) {
            try {
                listed = listGeneric(apiVersion, kind, id);
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                // the recorded version is no longer served: ask discovery for the group's preferred one
            }
        }
        if (listed == null) {
            String preferred = preferredVersion(groupKind);
            if (preferred == null) {
                return found;   // the group is not served any more: no object of it can remain
            }
            listed = listGeneric(preferred, kind, id);
        }
        for (GenericKubernetesResource r : listed) {
            String ns = r.getMetadata().getNamespace();
            if (ns == null || ns.isEmpty() || namespaces.contains(ns)) {
                found.add(r);
            }
        }
        return found;
    }

    private <T extends HasMetadata> List<HasMetadata> listTyped(Class<T> type, String namespace, String id) {
        var all = client.resources(type);
        List<T> items = namespace == null ? all.withLabel(ApplySets.PART_OF, id).list().getItems()
                : all.inNamespace(namespace).withLabel(ApplySets.PART_OF, id).list().getItems();
        return new ArrayList<>(items);
    }

    private List<GenericKubernetesResource> listGeneric(String apiVersion, String kind, String id) {
        return retrier.call(() -> client.genericKubernetesResources(apiVersion, kind).inAnyNamespace()
                .withLabel(ApplySets.PART_OF, id).list().getItems(), new AtomicInteger());
    }

    private String preferredVersion(String groupKind) {
        int dot = groupKind.indexOf('.');
        if (dot < 0) {
            return "v1";
        }
        String group = groupKind.substring(dot + 1);
        APIGroup apiGroup = retrier.call(() -> client.getApiGroup(group), new AtomicInteger());
        return apiGroup == null || apiGroup.getPreferredVersion() == null ? null
                : apiGroup.getPreferredVersion().getGroupVersion();
    }
}
