package dev.keelson.mesh.internal;

import dev.keelson.core.spi.FeatureContext;
import dev.keelson.mesh.DataPlane;
import dev.keelson.mesh.MeshGateway;
import dev.keelson.mesh.MeshPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the mesh's renderers share for one environment: the policy, the synthesis they add to,
 * the facts read from both once ({@code ingress} and {@code egress} are {@code null} without that
 * gateway), and the metadata and visibility of the objects they write. Internal.
 */
record RenderContext(MeshPolicy mesh, FeatureContext synthesis, String ns, boolean ambient, MeshGateway ingress,
        MeshGateway egress) {

    static RenderContext of(MeshPolicy mesh, FeatureContext s) {
        return new RenderContext(mesh, s, s.namespaceName(), mesh.dataPlane() == DataPlane.AMBIENT,
                mesh.ingressGatewayOrNull(), mesh.egressGatewayOrNull());
    }

    void add(HasMetadata object) {
        synthesis.add(object);
    }

    /** Metadata in the environment's namespace; {@code labels} may be {@code null}. */
    ObjectMeta meta(String name, Map<String, String> labels) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(ns);
        meta.setLabels(labels);
        return meta;
    }

    /** The namespaces that see an object: its own, and the ingress gateway's when that must read it. */
    List<String> exportTo(boolean toIngressGateway) {
        List<String> to = new ArrayList<>();
        to.add(".");
        if (toIngressGateway && !ingress.namespace().equals(ns)) {
            to.add(ingress.namespace());
        }
        return to;
    }
}
