package dev.keelson.core;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the cluster's shared services run, so that flows from and to them can be allowed: the
 * ingress controller, the monitoring stack and DNS.
 *
 * <p>Defaults ({@link #DEFAULT}): NGINX ingress in {@code ingress-nginx}
 * ({@code app.kubernetes.io/name=ingress-nginx}), Prometheus in {@code monitoring}
 * ({@code app.kubernetes.io/name=prometheus}), CoreDNS in {@code kube-system}
 * ({@code k8s-app=kube-dns}) on UDP and TCP 53.
 *
 * @param ingressController the ingress controller's pods
 * @param monitoring the pods that scrape metrics
 * @param dns the cluster DNS pods
 * @param nodeLocalDns the NodeLocal DNSCache address (e.g. {@code 169.254.20.10}), or {@code null}
 */
public record ClusterServices(Peer.Workloads ingressController, Peer.Workloads monitoring, Peer.Workloads dns,
                              @Nullable String nodeLocalDns) {

    /** NGINX ingress, Prometheus in {@code monitoring}, CoreDNS. */
    public static final ClusterServices DEFAULT = new ClusterServices(
            new Peer.Workloads("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), null),
            new Peer.Workloads("monitoring", Map.of("app.kubernetes.io/name", "prometheus"), null),
            new Peer.Workloads("kube-system", Map.of("k8s-app", "kube-dns"), null),
            null);

    /**
     * Checks {@code ingressController}, {@code monitoring} and {@code dns} at once, naming the argument and the call
     * when one is invalid.
     *
     * @param ingressController the ingress controller's pods
     * @param monitoring the pods that scrape metrics
     * @param dns the cluster DNS pods
     * @param nodeLocalDns the NodeLocal DNSCache address (e.g. {@code 169.254.20.10}), or {@code null}
     */
    public ClusterServices {
        Require.nonNull(ingressController, "ingressController");
        Require.nonNull(monitoring, "monitoring");
        Require.nonNull(dns, "dns");
    }

    /** These services with the ingress controller in another namespace, selected by other labels. */
    public ClusterServices ingressController(String namespace, Map<String, String> podLabels) {
        Require.nonNull(namespace, "namespace");
        Require.noNulls(podLabels, "podLabels");
        return new ClusterServices(new Peer.Workloads(namespace, podLabels, null), monitoring, dns, nodeLocalDns);
    }

    /** These services with monitoring in another namespace, selected by other labels. */
    public ClusterServices monitoring(String namespace, Map<String, String> podLabels) {
        Require.nonNull(namespace, "namespace");
        Require.noNulls(podLabels, "podLabels");
        return new ClusterServices(ingressController, new Peer.Workloads(namespace, podLabels, null), dns, nodeLocalDns);
    }

    /** These services with cluster DNS in another namespace, selected by other labels. */
    public ClusterServices dns(String namespace, Map<String, String> podLabels) {
        Require.nonNull(namespace, "namespace");
        Require.noNulls(podLabels, "podLabels");
        return new ClusterServices(ingressController, monitoring, new Peer.Workloads(namespace, podLabels, null), nodeLocalDns);
    }

    /** These services with NodeLocal DNSCache at {@code address} (DNS egress to it is allowed too). */
    public ClusterServices nodeLocalDns(String address) {
        Require.nonNull(address, "address");
        return new ClusterServices(ingressController, monitoring, dns, address);
    }
}
