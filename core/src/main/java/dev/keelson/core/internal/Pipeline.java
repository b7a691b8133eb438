package dev.keelson.core.internal;

import dev.keelson.core.Connection;
import dev.keelson.core.Customization;
import dev.keelson.core.Dependency;
import dev.keelson.core.Environment;
import dev.keelson.core.Flow;
import dev.keelson.core.GatewayApi;
import dev.keelson.core.KindOrder;
import dev.keelson.core.Manifest;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Peer;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Protocol;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.ValidationException;
import dev.keelson.core.Workload;
import dev.keelson.core.spi.TierObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs the synthesis pipeline for one environment: core objects and flows, then the features'
 * phases, the user's customizations, the checks, and the ordering. Internal: use
 * {@link dev.keelson.core.Keelson#synth(Platform)}.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /**
     * Synthesizes one environment.
     *
     * @param warnings validation warnings to carry into the manifest
     * @throws ValidationException with every problem, when a feature or check reports an error
     */
    public static Manifest synthesize(Platform platform, Environment env, List<Problem> warnings) {
        List<Problem> problems = new ArrayList<>(warnings);
        DefaultFeatureContext ctx = new DefaultFeatureContext(platform, env, problems);
        String ns = ctx.namespaceName();

        ModelPath root = ModelPath.root(platform.name());
        ctx.writer(new DefaultFeatureContext.Writer("the platform", root, false));
        ctx.namespace(ctx.add(CoreObjects.namespace(ns, ctx.labels())));
        platform.gatewayApi().ifPresent(api -> addGateway(ctx, platform, api, ns));
        for (Tier declared : platform.tiers()) {
            ctx.writer(new DefaultFeatureContext.Writer("tier '" + declared.name() + "'", root.tier(declared.name()), false));
            ctx.addTier(tierObjects(ctx, platform, declared.in(env), ns));
        }
        addCoreFlows(ctx, platform);
        int number = 0;
        for (Function<Environment, HasMetadata> raw : platform.rawObjects()) {
            number++;
            if (raw instanceof Platform.InEnvironment only && !only.appliesTo(env)) {
                continue;
            }
            String who = raw instanceof Platform.InEnvironment only
                    ? "add(\"" + only.environment() + "\", ...) #" + number : "add(...) #" + number;
            ctx.writer(new DefaultFeatureContext.Writer(who, root.child("add", number), true));
            HasMetadata object = raw.apply(env);
            if (object == null) {
                ctx.report(Problem.error(root.child("add", number), who + " returned null instead of an object",
                        "return an object for every environment, or add it to one environment with add(\"<environment>\", ...)")
                        .withRule("KEE-RAW-005"));
            } else {
                ctx.add(object);
            }
        }

        for (PlatformFeature f : platform.features()) {
            ctx.writer(writer(platform, f));
            f.extension().contribute(ctx);
        }
        for (TierObjects t : ctx.tiers()) {
            for (TierFeature f : t.tier().features()) {
                ctx.writer(writer(platform, t.tier(), f));
                f.extension().contribute(ctx, t);
            }
        }
        ctx.graph().freeze();
        for (PlatformFeature f : platform.features()) {
            ctx.writer(writer(platform, f));
            f.extension().render(ctx);
        }
        for (TierObjects t : ctx.tiers()) {
            for (TierFeature f : t.tier().features()) {
                ctx.writer(writer(platform, t.tier(), f));
                f.extension().render(ctx, t);
            }
        }
        for (Customization<?> c : platform.customizations()) {
            ctx.writer(new DefaultFeatureContext.Writer("customize(" + c.kind().getSimpleName() + ", \"" + c.name() + "\")",
                    root.child("customize", c.kind().getSimpleName()).key(c.name()), false));
            customize(ctx, c);
        }
        OutputCheck.run(ctx);
        checkRunsPods(ctx);
        for (PlatformFeature f : platform.features()) {
            f.extension().check(ctx);
        }
        for (TierObjects t : ctx.tiers()) {
            for (TierFeature f : t.tier().features()) {
                f.extension().check(ctx, t);
            }
        }
        TargetVersionCheck.check(ctx, platform.kubernetes(), ctx.objects());
        for (Problem p : problems) {
            if (p.severity() == Problem.Severity.ERROR) {
                throw new ValidationException(platform.name(), problems);
            }
        }
        return new Manifest(env.name(), ns, KindOrder.sort(ctx.objects()), problems, ctx.flows().all());
    }

    /**
     * KEE-TIER-006: a tier whose replicas are 0 (its own or this environment's override) runs no pod,
     * which nothing else would say. Checked on the final objects, so that it holds whoever owns the
     * count: a feature that takes it over (an HPA's profile drops {@code spec.replicas}) or a
     * customization that sets it silences the warning, and so does a scaler that can start a
     * Deployment from zero (e.g. a KEDA ScaledObject). An HPA cannot: it does not scale a
     * Deployment at 0 replicas.
     */
    private static void checkRunsPods(DefaultFeatureContext ctx) {
        ModelPath root = ModelPath.root(ctx.platform().name());
        for (TierObjects t : ctx.tiers()) {
            Tier tier = t.tier();
            HasMetadata d = t.workload();
            Integer replicas = d instanceof Deployment dep && dep.getSpec() != null ? dep.getSpec().getReplicas()
                    : d instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet set && set.getSpec() != null
                    ? set.getSpec().getReplicas() : null;
            if (tier.replicas() != 0 || !Integer.valueOf(0).equals(replicas)
                    || ctx.objects().stream().noneMatch(o -> o == d) || scaledFromZero(ctx, d.getKind(), d.getMetadata().getName())) {
                continue;
            }
            var override = ctx.environment().overrides().get(tier.name());
            String nobody = "no pod of tier '" + tier.name() + "' runs" + (tier.serves() ? " and its Service has no endpoints" : "");
            if (override != null && override.replicas() != null) {
                ctx.report(Problem.warning(root.environment(ctx.environment().name()).child("overrides", tier.name()).child("replicas"),
                        "the override sets 0 replicas, so " + nobody,
                        "override with at least 1 replica (TierOverride.replicas(1)), or drop the replicas override")
                        .withRule("KEE-TIER-006"));
            } else {
                ctx.report(Problem.warning(root.tier(tier.name()).child("replicas"),
                        "replicas(0): " + nobody,
                        "give the tier replicas (e.g. replicas(2)), scale it with a feature that manages replicas, "
                                + "or remove the tier from the platform").withRule("KEE-TIER-006"));
            }
        }
    }

    /** Whether an object other than an HPA scales the Deployment {@code name} (spec.scaleTargetRef), e.g. a KEDA ScaledObject. */
    private static boolean scaledFromZero(DefaultFeatureContext ctx, String kind, String name) {
        for (HasMetadata o : ctx.objects()) {
            if (o instanceof GenericKubernetesResource g && !"HorizontalPodAutoscaler".equals(g.getKind())
                    && g.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
                    && spec.get("scaleTargetRef") instanceof Map<?, ?> target && name.equals(target.get("name"))
                    && (target.get("kind") == null ? "Deployment".equals(kind) : kind.equals(target.get("kind")))) {
                return true;
            }
        }
        return false;
    }

    /** A platform feature as problems name it: its type, numbered when the platform has several of that type. */
    private static DefaultFeatureContext.Writer writer(Platform platform, PlatformFeature f) {
        String type = f.getClass().getSimpleName();
        List<PlatformFeature> same = platform.features().stream().filter(o -> o.getClass() == f.getClass()).toList();
        String who = same.size() > 1 ? type + " #" + (indexOf(same, f) + 1) : type;
        return new DefaultFeatureContext.Writer(who, ModelPath.root(platform.name()).key(type), false);
    }

    /** A tier feature as problems name it: its type on its tier, numbered when the tier has several of that type. */
    private static DefaultFeatureContext.Writer writer(Platform platform, Tier tier, TierFeature f) {
        String type = f.getClass().getSimpleName();
        List<TierFeature> same = tier.features().stream().filter(o -> o.getClass() == f.getClass()).toList();
        String who = (same.size() > 1 ? type + " #" + (indexOf(same, f) + 1) : type) + " on tier '" + tier.name() + "'";
        return new DefaultFeatureContext.Writer(who, ModelPath.root(platform.name()).tier(tier.name()), false);
    }

    private static int indexOf(List<?> list, Object o) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == o) {
                return i;
            }
        }
        return -1;
    }

    private static TierObjects tierObjects(DefaultFeatureContext ctx, Platform platform, Tier tier, String ns) {
        String envName = ctx.environment().name();
        Map<String, String> labels = Labels.tier(platform.name(), envName, tier.name());
        Map<String, String> selector = Labels.selector(platform.name(), tier.name());
        Map<String, String> deploymentSelector = new LinkedHashMap<>(selector);
        deploymentSelector.put(Labels.VERSION, Labels.STABLE);
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        podLabels.put(Labels.APP, tier.name());
        podLabels.put(Labels.VERSION, Labels.STABLE);

        ServiceAccount sa = ctx.add(CoreObjects.serviceAccount(tier, ns, new LinkedHashMap<>(labels)));
        Optional<ConfigMap> cm = tier.config().isEmpty() ? Optional.empty()
                : Optional.of(ctx.add(CoreObjects.configMap(tier, ns, new LinkedHashMap<>(labels))));
        Optional<Service> svc = tier.serves()
                ? Optional.of(ctx.add(CoreObjects.service(tier, ns, new LinkedHashMap<>(labels), selector)))
                : Optional.empty();
        Optional<Service> headless = tier.kind() == Workload.Kind.STATEFUL_SET
                ? Optional.of(ctx.add(CoreObjects.headlessService(tier, ns, new LinkedHashMap<>(labels), selector)))
                : Optional.empty();
        HasMetadata workload = ctx.add(switch (tier.kind()) {
            case DEPLOYMENT -> CoreObjects.deployment(tier, ns, new LinkedHashMap<>(labels), podLabels, deploymentSelector);
            case STATEFUL_SET -> CoreObjects.statefulSet(tier, platform.kubernetes(), ns, new LinkedHashMap<>(labels), podLabels,
                    deploymentSelector);
            case JOB -> CoreObjects.job(tier, ns, new LinkedHashMap<>(labels), podLabels, deploymentSelector);
            case CRON_JOB -> CoreObjects.cronJob(tier, ns, new LinkedHashMap<>(labels), podLabels, deploymentSelector);
            case DAEMON_SET -> CoreObjects.daemonSet(tier, ns, new LinkedHashMap<>(labels), podLabels, deploymentSelector);
        });
        if (tier.kind() == Workload.Kind.STATEFUL_SET && tier.replicas() >= 2) {
            ctx.add(CoreObjects.disruptionBudget(tier, platform.kubernetes(), ns, new LinkedHashMap<>(labels), deploymentSelector));
        }
        if (!tier.runsBefore().isEmpty()) {
            // apply's waves: the Job goes before the workloads it runs before (KindOrder.PRE_ROLLOUT)
            workload.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(KindOrder.RUNS_BEFORE, String.join(",", tier.runsBefore()))));
        }
        Optional<Ingress> ingress = Optional.empty();
        if (tier.exposure() != null && platform.gatewayApi().isPresent()) {
            ctx.add(GatewayObjects.route(platform.gatewayApi().get(), platform.certificateIssuerIn(ctx.environment()), tier, ns,
                    new LinkedHashMap<>(labels)));
        }
        if (tier.exposure() != null && platform.gatewayApi().map(GatewayApi::keepIngress).orElse(true)) {
            ingress = Optional.of(ctx.add(CoreObjects.ingress(platform.certificateIssuerIn(ctx.environment()), tier, ns,
                    new LinkedHashMap<>(labels))));
        }
        return new TierObjectsImpl(ctx, tier, workload, sa, svc, headless, cm, ingress, labels, selector);
    }

    /**
     * The environment's Gateway, its certificates and the HTTP-to-HTTPS redirect, when the Gateway is
     * the environment's own (a shared one is not ours to write) and some tier is exposed.
     */
    private static void addGateway(DefaultFeatureContext ctx, Platform platform, GatewayApi api, String ns) {
        if (api.isShared()) {
            return;
        }
        List<GatewayObjects.Host> hosts = hosts(ctx, platform);
        if (hosts.isEmpty()) {
            return;
        }
        ctx.add(GatewayObjects.gateway(api, hosts, ns, new LinkedHashMap<>(ctx.labels())));
        HTTPRoute redirect = GatewayObjects.redirect(api, hosts, ns, new LinkedHashMap<>(ctx.labels()));
        if (redirect != null) {
            ctx.add(redirect);
        }
        for (GatewayObjects.Host h : hosts) {
            if (h.secure()) {
                ctx.add(GatewayObjects.certificate(h, ns, new LinkedHashMap<>(ctx.labels())));
            }
        }
    }

    private static List<GatewayObjects.Host> hosts(DefaultFeatureContext ctx, Platform platform) {
        List<Tier> tiers = new ArrayList<>();
        for (Tier t : platform.tiers()) {
            tiers.add(t.in(ctx.environment()));
        }
        return GatewayObjects.hosts(platform, tiers, platform.certificateIssuerIn(ctx.environment()));
    }

    private static void addCoreFlows(DefaultFeatureContext ctx, Platform platform) {
        var cluster = platform.cluster();
        Optional<GatewayApi> api = platform.gatewayApi();
        // through Gateway API, the gateway's pods take the ingress controller's place
        Peer entry = api.<Peer>map(a -> a.podsIn(ctx.namespaceName())).orElse(cluster.ingressController());
        if (api.isPresent() && api.get().podsIn(ctx.namespaceName()).namespace().equals(ctx.namespaceName())) {
            List<Port> listening = GatewayObjects.listenerPorts(api.get(), hosts(ctx, platform));
            if (!listening.isEmpty()) {
                // the gateway's pods live under the namespace's default-deny: clients reach them from anywhere
                ctx.flows().add(Flow.of(Flow.Kind.INGRESS, Peer.network("clients", List.of("0.0.0.0/0"), List.of()), entry, listening));
            }
            if (!listening.isEmpty() && api.get().controlPlane() != null) {
                // the gateway's proxies take their listeners and routes from the control plane, mesh or no mesh
                ctx.flows().add(Flow.of(Flow.Kind.CONTROL_PLANE, entry, api.get().controlPlane(),
                        List.of(Port.tcp("istiod", GatewayApi.ISTIOD_PORT))));
            }
        }
        ctx.flows().add(Flow.of(Flow.Kind.DNS, Peer.allPods(), cluster.dns(),
                List.of(new Port("dns", 53, Protocol.UDP, null), new Port("dns-tcp", 53, Protocol.TCP, null))));
        if (cluster.nodeLocalDns() != null) {
            ctx.flows().add(Flow.of(Flow.Kind.DNS, Peer.allPods(),
                    Peer.network("node-local-dns", List.of(cluster.nodeLocalDns() + "/32"), List.of()),
                    List.of(new Port("dns", 53, Protocol.UDP, null), new Port("dns-tcp", 53, Protocol.TCP, null))));
        }
        for (TierObjects t : ctx.tiers()) {
            Tier tier = t.tier();
            Peer self = Peer.tier(tier.name());
            if (tier.kind() == Workload.Kind.STATEFUL_SET && tier.serves()
                    && tier.connections().stream().noneMatch(c -> c.target().equals(tier.name()))) {
                // the peers of a stateful tier reach each other by their stable DNS names (<tier>-0.<tier>-headless)
                ctx.flows().add(Flow.of(Flow.Kind.TIER, self, self, tier.ports()));
            }
            if (tier.exposure() != null) {
                String port = tier.exposure().port() != null ? tier.exposure().port() : tier.ports().get(0).name();
                ctx.flows().add(Flow.of(Flow.Kind.INGRESS, entry, self, List.of(tier.port(port).orElseThrow())));
                if (api.isPresent() && api.get().keepIngress()) {
                    ctx.flows().add(Flow.of(Flow.Kind.INGRESS, cluster.ingressController(), self, List.of(tier.port(port).orElseThrow())));
                }
            }
            if (tier.metrics() != null) {
                ctx.flows().add(Flow.of(Flow.Kind.MONITORING, cluster.monitoring(), self,
                        List.of(tier.port(tier.metrics().port()).orElseThrow())));
            }
            for (Connection c : tier.connections()) {
                Tier target = ctx.tier(c.target()).orElseThrow().tier();
                List<Port> ports = c.ports().isEmpty() ? target.ports()
                        : c.ports().stream().map(p -> target.port(p).orElseThrow()).toList();
                ctx.flows().add(new Flow(Flow.Kind.TIER, self, Peer.tier(target.name()), ports, c.methods(), c.paths()));
            }
            for (Dependency d : tier.dependencies()) {
                Peer to = d.external()
                        ? Peer.network(d.name(), d.effectiveCidrs(), d.hosts())
                        : Peer.workloads(d.namespace() != null ? d.namespace() : ctx.namespaceName(), d.podLabels(), null);
                ctx.flows().add(Flow.of(d.external() ? Flow.Kind.EXTERNAL : Flow.Kind.DEPENDENCY, self, to, d.ports()));
            }
        }
    }

    private static <T extends HasMetadata> void customize(DefaultFeatureContext ctx, Customization<T> c) {
        if (c.environment() != null && !c.environment().equals(ctx.environment().name())) {
            return;
        }
        Optional<T> target = ctx.object(c.kind(), c.name());
        if (target.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (T o : ctx.objects(c.kind())) {
                names.add(o.getMetadata().getName());
            }
            ctx.report(Problem.error(ModelPath.root(ctx.platform().name()).child("customize", c.kind().getSimpleName()).key(c.name()),
                    "customize(" + c.kind().getSimpleName() + ", '" + c.name() + "') matches no object",
                    names.isEmpty() ? "no " + c.kind().getSimpleName() + " is generated here; add one with add(...)"
                            : "name one of: " + String.join(", ", names)).withRule("KEE-CUST-002"));
            return;
        }
        c.change().accept(ctx.environment(), target.get());
    }
}
