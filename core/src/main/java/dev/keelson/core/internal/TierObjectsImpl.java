package dev.keelson.core.internal;

import dev.keelson.core.Tier;
import dev.keelson.core.TierObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Core's objects of one tier. Internal. */
record TierObjectsImpl(Tier tier, Deployment deployment, ServiceAccount serviceAccount, Optional<Service> service,
                       Optional<ConfigMap> configMap, Optional<Ingress> ingress, Map<String, String> tierLabels,
                       Map<String, String> tierSelector) implements TierObjects {

    @Override
    public Map<String, String> labels() {
        return new LinkedHashMap<>(tierLabels);
    }

    @Override
    public Map<String, String> selector() {
        return new LinkedHashMap<>(tierSelector);
    }
}
