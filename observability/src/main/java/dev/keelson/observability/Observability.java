package dev.keelson.observability;

import dev.keelson.core.ModelPath;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Require;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.core.spi.PlatformExtension;
import dev.keelson.core.spi.Problems;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.observability.internal.Dashboards;
import dev.keelson.observability.internal.Names;
import dev.keelson.observability.internal.ServiceMonitors;
import dev.keelson.observability.internal.SloRules;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus Operator monitoring for a platform: per tier, a ServiceMonitor for its metrics port, a
 * PrometheusRule with its {@link Slo} alerts and a Grafana dashboard.
 *
 * <pre>{@code
 * Platform.named("shop")
 *     .with(Observability.prometheus().release("kube-prometheus-stack"))
 *     .tier(Tier.named("api").image("ghcr.io/acme/api:2.0.1").port(Port.http(8080))
 *         .metrics(Port.metrics(9091))
 *         .with(Slo.availability(99.9).latencyP95(Duration.ofMillis(500))))
 *     .build();
 * }</pre>
 *
 * <p>What each tier gets, in every environment:
 * <ul>
 *   <li>a tier that declares {@link Tier.Builder#metrics(String) metrics}: a ServiceMonitor named after the
 *       tier ({@code monitoring.coreos.com/v1}) that selects the tier's Service by its
 *       {@code app.kubernetes.io/name} and {@code app.kubernetes.io/part-of} labels, in the environment's
 *       namespace only, and scrapes the metrics port and path. Core already allows that traffic: it adds a
 *       {@code MONITORING} flow from {@link dev.keelson.core.ClusterServices#monitoring()} to the metrics
 *       port, so network policies and the mesh let Prometheus in, and nothing else;</li>
 *   <li>a tier with an {@link Slo} (or, when it serves ports, the {@link #defaultSlo(Slo) default SLO}): a
 *       PrometheusRule {@code <tier>-slo};</li>
 *   <li>every tier, unless {@link #withoutDashboards()}: a ConfigMap {@code <tier>-dashboard} labelled
 *       {@code grafana_dashboard: "1"} for the Grafana sidecar, holding a dashboard of requests, errors,
 *       latency, CPU, memory and available replicas.</li>
 * </ul>
 *
 * <p>Defaults: release label {@code release: kube-prometheus-stack} on ServiceMonitors and
 * PrometheusRules (kube-prometheus-stack's Prometheus selects them by it); scrape interval 30s; request
 * metrics {@link RequestMetrics#istio()}; dashboards on, in the tier's namespace, folder annotation
 * {@code grafana_folder: <platform>}; no default SLO.
 *
 * <p>Security: nothing here opens traffic beyond core's {@code MONITORING} flow to each metrics port;
 * ServiceMonitors select only the environment's namespace; dashboards and rules hold queries, never
 * secrets. Under STRICT mTLS, Prometheus cannot scrape a sidecar-injected pod's metrics port with plain
 * HTTP unless the mesh lets it (see docs/observability.md).
 */
public final class Observability implements PlatformFeature {

    /** The release label value unless told otherwise: kube-prometheus-stack's default release name. */
    public static final String DEFAULT_RELEASE = "kube-prometheus-stack";

    /** How often Prometheus scrapes unless told otherwise. */
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(30);

    private final String release;
    private final Duration scrapeInterval;
    private final RequestMetrics requestMetrics;
    private final boolean dashboards;
    private final String dashboardNamespace;
    private final String dashboardFolder;
    private final Slo defaultSlo;

    private Observability(String release, Duration scrapeInterval, RequestMetrics requestMetrics, boolean dashboards,
                          String dashboardNamespace, String dashboardFolder, Slo defaultSlo) {
        this.release = release;
        this.scrapeInterval = scrapeInterval;
        this.requestMetrics = requestMetrics;
        this.dashboards = dashboards;
        this.dashboardNamespace = dashboardNamespace;
        this.dashboardFolder = dashboardFolder;
        this.defaultSlo = defaultSlo;
    }

    /** Monitoring through the Prometheus Operator, with the defaults above. */
    public static Observability prometheus() {
        return new Observability(DEFAULT_RELEASE, DEFAULT_SCRAPE_INTERVAL, RequestMetrics.istio(), true, null, null, null);
    }

    /**
     * This feature with another {@code release} label value, the one your Prometheus's
     * {@code serviceMonitorSelector} and {@code ruleSelector} match (kube-prometheus-stack: its Helm release
     * name). Default: {@value #DEFAULT_RELEASE}.
     *
     * @throws IllegalArgumentException when {@code value} is not a Kubernetes label value
     */
    public Observability release(String value) {
        Require.nonNull(value, "value");
        if (!Names.labelValue(value) || value.isEmpty()) {
            throw new IllegalArgumentException("release '" + value + "' is not a label value: use at most 63 letters, "
                    + "digits, '-', '_' or '.', starting and ending with a letter or digit");
        }
        return new Observability(value, scrapeInterval, requestMetrics, dashboards, dashboardNamespace, dashboardFolder,
                defaultSlo);
    }

    /** This feature without a {@code release} label, for a Prometheus that selects every ServiceMonitor. */
    public Observability withoutReleaseLabel() {
        return new Observability(null, scrapeInterval, requestMetrics, dashboards, dashboardNamespace, dashboardFolder,
                defaultSlo);
    }

    /**
     * This feature scraping every {@code interval} (whole seconds, 1 s to 1 h). Default: 30 s.
     *
     * @throws IllegalArgumentException when the interval is out of range or not whole seconds
     */
    public Observability scrapeInterval(Duration interval) {
        Require.nonNull(interval, "interval");
        if (interval.getNano() != 0 || interval.getSeconds() < 1 || interval.getSeconds() > 3600) {
            throw new IllegalArgumentException("scrapeInterval must be whole seconds from 1s to 1h, got " + interval);
        }
        return new Observability(release, interval, requestMetrics, dashboards, dashboardNamespace, dashboardFolder,
                defaultSlo);
    }

    /** This feature reading requests from other series in SLO rules and dashboards. Default: {@link RequestMetrics#istio()}. */
    public Observability requestMetrics(RequestMetrics metrics) {
        Require.nonNull(metrics, "metrics");
        return new Observability(release, scrapeInterval, metrics, dashboards,
                dashboardNamespace, dashboardFolder, defaultSlo);
    }

    /** This feature without Grafana dashboards. Default: a dashboard per tier. */
    public Observability withoutDashboards() {
        return new Observability(release, scrapeInterval, requestMetrics, false, dashboardNamespace, dashboardFolder,
                defaultSlo);
    }

    /**
     * This feature putting dashboard ConfigMaps into {@code namespace} (Grafana's own, when its sidecar does not
     * search every namespace); their names are then prefixed with the environment's namespace,
     * {@code <namespace>-<tier>-dashboard}, so environments cannot collide. Default: each tier's own namespace.
     */
    public Observability dashboardsIn(String namespace) {
        Require.nonNull(namespace, "namespace");
        if (!Names.dnsLabel(namespace)) {
            throw new IllegalArgumentException("dashboard namespace '" + namespace + "' is not a DNS label");
        }
        return new Observability(release, scrapeInterval, requestMetrics, dashboards, namespace, dashboardFolder,
                defaultSlo);
    }

    /** This feature filing dashboards in another Grafana folder (annotation {@code grafana_folder}). Default: the platform's name. */
    public Observability dashboardFolder(String folder) {
        Require.nonNull(folder, "folder");
        if (folder.isBlank()) {
            throw new IllegalArgumentException("dashboard folder must not be blank");
        }
        return new Observability(release, scrapeInterval, requestMetrics, dashboards, dashboardNamespace, folder,
                defaultSlo);
    }

    /** This feature giving {@code slo} to every tier that serves ports and has no {@link Slo} of its own. Default: none. */
    public Observability defaultSlo(Slo slo) {
        Require.nonNull(slo, "slo");
        return new Observability(release, scrapeInterval, requestMetrics, dashboards, dashboardNamespace, dashboardFolder,
                slo);
    }

    /** The {@code release} label value, if any. */
    public Optional<String> release() {
        return Optional.ofNullable(release);
    }

    /** How often Prometheus scrapes. */
    public Duration scrapeInterval() {
        return scrapeInterval;
    }

    /** The series SLO rules and dashboards read. */
    public RequestMetrics requestMetrics() {
        return requestMetrics;
    }

    /** Whether dashboards are made. */
    public boolean dashboards() {
        return dashboards;
    }

    /** The namespace dashboards go to, if not each tier's own. */
    public Optional<String> dashboardNamespace() {
        return Optional.ofNullable(dashboardNamespace);
    }

    /** The Grafana folder, if not the platform's name. */
    public Optional<String> dashboardFolder() {
        return Optional.ofNullable(dashboardFolder);
    }

    /** The SLO of serving tiers that have none, if any. */
    public Optional<Slo> defaultSlo() {
        return Optional.ofNullable(defaultSlo);
    }

    /** The SLO that applies to {@code tier}: its own, else the default for a serving tier, else none. */
    public Optional<Slo> sloOf(Tier tier) {
        Require.nonNull(tier, "tier");
        var own = tier.features(Slo.class);
        if (!own.isEmpty()) {
            return Optional.of(own.get(0));
        }
        return tier.serves() ? defaultSlo() : Optional.empty();
    }

    /** What carries this feature out during synthesis; called by Keelson, not by users. */
    @Override
    public PlatformExtension extension() {
        return new PlatformExtension() {
            @Override
            public void validate(Platform platform, Problems problems) {
                Observability.this.validate(platform, problems);
            }

            @Override
            public void contribute(FeatureContext synthesis) {
                Observability.this.contribute(synthesis);
            }

            @Override
            public void check(FeatureContext synthesis) {
                Observability.this.check(synthesis);
            }
        };
    }

    private void validate(Platform platform, Problems problems) {
        Require.nonNull(platform, "platform");
        Require.nonNull(problems, "problems");
        var all = platform.features(Observability.class);
        if (all.size() > 1 && all.get(0) == this) {
            problems.error("KEE-OBS-003", ModelPath.root(platform.name()).child("observability"), "platform '" + platform.name() + "' has " + all.size()
                    + " Observability features; only one is allowed", "keep one .with(Observability.prometheus()...)");
        }
    }

    private void contribute(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        for (TierObjects t : synthesis.tiers()) {
            Tier tier = t.tier();
            if (tier.metrics() != null && t.service().isPresent()) {
                synthesis.add(ServiceMonitors.of(this, synthesis, t));
            }
            Optional<Slo> slo = sloOf(tier);
            if (slo.isPresent()) {
                synthesis.add(SloRules.of(this, slo.get(), synthesis, t));
            }
            if (dashboards) {
                synthesis.add(Dashboards.configMap(this, slo.orElse(null), synthesis, t));
            }
        }
    }

    private void check(FeatureContext synthesis) {
        Require.nonNull(synthesis, "synthesis");
        for (TierObjects t : synthesis.tiers()) {
            ServiceMonitors.check(synthesis, t);
        }
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Observability o && Objects.equals(release, o.release)
                && scrapeInterval.equals(o.scrapeInterval) && requestMetrics.equals(o.requestMetrics)
                && dashboards == o.dashboards && Objects.equals(dashboardNamespace, o.dashboardNamespace)
                && Objects.equals(dashboardFolder, o.dashboardFolder) && Objects.equals(defaultSlo, o.defaultSlo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(release, scrapeInterval, requestMetrics, dashboards, dashboardNamespace, dashboardFolder,
                defaultSlo);
    }

    @Override
    public String toString() {
        return "Observability.prometheus()" + (release == null ? ".withoutReleaseLabel()" : ".release(\"" + release + "\")")
                + ".scrapeInterval(" + scrapeInterval + ")" + (dashboards ? "" : ".withoutDashboards()");
    }
}
