package dev.keelson.mesh.internal;

import dev.keelson.core.Flow;
import dev.keelson.core.Peer;
import dev.keelson.core.Port;
import dev.keelson.core.Protocol;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.TierObjects;
import dev.keelson.mesh.Jwt;
import io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicyAction;
import io.fabric8.istio.api.api.security.v1beta1.Condition;
import io.fabric8.istio.api.api.security.v1beta1.JWTRule;
import io.fabric8.istio.api.api.security.v1beta1.Operation;
import io.fabric8.istio.api.api.security.v1beta1.Rule;
import io.fabric8.istio.api.api.security.v1beta1.RuleFrom;
import io.fabric8.istio.api.api.security.v1beta1.RuleTo;
import io.fabric8.istio.api.api.security.v1beta1.Source;
import io.fabric8.istio.api.api.type.v1beta1.PolicyTargetReference;
import io.fabric8.istio.api.api.type.v1beta1.WorkloadSelector;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.istio.api.security.v1.RequestAuthentication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders who may call whom in the mesh, from the final graph of flows: the namespace's
 * {@code allow-nothing} AuthorizationPolicy, one ALLOW policy per tier that has callers (at the
 * sidecar, or at the waypoint and ztunnel in ambient mode), a RequestAuthentication per tier with
 * a {@link Jwt}, and ALLOW policies for the namespace's other workloads. Internal.
 */
final class AuthorizationRenderer {

    private final RenderContext ctx;
    private final Map<String, List<Flow>> inbound;

    AuthorizationRenderer(RenderContext ctx) {
        this.ctx = ctx;
        this.inbound = inbound();
    }

    /** Adds the namespace-wide AuthorizationPolicy that, with no rules, denies every request. */
    void allowNothing() {
        AuthorizationPolicy allowNothing = new AuthorizationPolicy();
        allowNothing.setMetadata(ctx.meta("allow-nothing", null));
        allowNothing.setSpec(new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy());
        ctx.add(allowNothing);
    }

    /** The flows that arrive at each tier, grouped in one pass (flows to every pod go to every tier). */
    private Map<String, List<Flow>> inbound() {
        Map<String, List<Flow>> byTier = new HashMap<>();
        List<Flow> toAll = new ArrayList<>();
        for (Flow f : ctx.synthesis().flows().all()) {
            if (f.kind() == Flow.Kind.CONTROL_PLANE) {
                continue;
            }
            if (f.to() instanceof Peer.TierPeer t) {
                byTier.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(f);
            } else if (f.to() == Peer.allPods()) {
                toAll.add(f);
            }
        }
        if (!toAll.isEmpty()) {
            for (TierObjects t : ctx.synthesis().tiers()) {
                byTier.computeIfAbsent(t.tier().name(), k -> new ArrayList<>()).addAll(toAll);
            }
        }
        return byTier;
    }

    /** Adds the ALLOW policies of one serving tier's inbound flows, and its RequestAuthentication. */
    void tier(TierObjects t) {
        Tier tier = t.tier();
        List<Flow> flows = inbound.getOrDefault(tier.name(), List.of());
        Jwt jwt = tier.features(Jwt.class).isEmpty() ? null : tier.features(Jwt.class).get(0);
        boolean waypoint = ctx.ambient() && ctx.mesh().waypoint();
        List<Rule> rules = new ArrayList<>();
        List<Rule> direct = new ArrayList<>();
        for (Flow f : flows) {
            Rule rule = rule(f, jwt);
            if (rule == null) {
                continue;
            }
            if (waypoint && f.kind() == Flow.Kind.MONITORING) {
                direct.add(rule); // scrapes reach the pod directly, not through the waypoint
            } else {
                rules.add(rule);
            }
        }
        if (waypoint) {
            if (rules.isEmpty() && direct.isEmpty()) {
                return; // no declared caller: allow-nothing stands, at the waypoint and at ztunnel
            }
            if (!rules.isEmpty()) {
                // the waypoint enforces the rules below; ztunnel only lets the waypoint through
                direct.add(0, new Rule(List.of(new RuleFrom(principals(principal(ctx.ns(), Mesh.WAYPOINT)))),
                    List.of(new RuleTo(operation(tcpPorts(tier.ports()), List.of(), List.of()))), null));
            }
            if (!rules.isEmpty()) {
                var spec = allow(rules);
                PolicyTargetReference ref = new PolicyTargetReference("", "Service", tier.name(), null);
                spec.setTargetRefs(List.of(ref));
                addPolicy(tier.name(), t, spec);
            }
            var l4 = allow(direct);
            l4.setSelector(new WorkloadSelector(t.selector()));
            addPolicy(tier.name() + "-ztunnel", t, l4);
        } else if (!rules.isEmpty()) {
            var spec = allow(rules);
            spec.setSelector(new WorkloadSelector(t.selector()));
            addPolicy(tier.name(), t, spec);
        }
        if (jwt != null) {
            requestAuthentication(t, jwt);
        }
    }

    /**
     * ALLOW policies for workloads of the namespace that are not tiers (an in-cluster dependency in
     * the platform's own namespace): {@code allow-nothing} covers their pods too, so without these
     * the mesh would block flows the network policies allow. One policy per set of pod labels,
     * named like the network policy that opens the same pods ({@code ingress-<labels>}).
     */
    void workloads() {
        Map<Map<String, String>, List<Rule>> byLabels = new LinkedHashMap<>();
        for (Flow f : ctx.synthesis().flows().all()) {
            if (f.kind() == Flow.Kind.CONTROL_PLANE || !(f.to() instanceof Peer.Workloads w)
                    || (w.namespace() != null && !w.namespace().equals(ctx.ns()))) {
                continue;
            }
            Rule rule = rule(f, null);
            if (rule != null) {
                byLabels.computeIfAbsent(w.podLabels(), k -> new ArrayList<>()).add(rule);
            }
        }
        for (Map.Entry<Map<String, String>, List<Rule>> e : byLabels.entrySet()) {
            var spec = allow(e.getValue());
            if (!e.getKey().isEmpty()) {
                spec.setSelector(new WorkloadSelector(new LinkedHashMap<>(e.getKey())));
            }
            AuthorizationPolicy policy = new AuthorizationPolicy();
            policy.setMetadata(ctx.meta("ingress-" + labelName(e.getKey()), ctx.synthesis().labels()));
            policy.setSpec(spec);
            ctx.add(policy);
        }
    }

    /** The same name NetworkRenderer gives the policy of these pods. */
    private static String labelName(Map<String, String> labels) {
        String joined = labels.isEmpty() ? "all" : String.join("-", labels.values());
        String name = joined.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return name.length() > 50 ? name.substring(0, 50).replaceAll("-+$", "") : name;
    }

    private static io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy allow(List<Rule> rules) {
        var spec = new io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy();
        spec.setAction(AuthorizationPolicyAction.ALLOW);
        spec.setRules(rules);
        return spec;
    }

    private void addPolicy(String name, TierObjects t, io.fabric8.istio.api.api.security.v1beta1.AuthorizationPolicy spec) {
        AuthorizationPolicy policy = new AuthorizationPolicy();
        policy.setMetadata(ctx.meta(name, t.labels()));
        policy.setSpec(spec);
        ctx.add(policy);
    }

    /** One ALLOW rule for one flow: who (identity) may call which ports, methods and paths. */
    private Rule rule(Flow f, Jwt jwt) {
        List<String> ports = tcpPorts(f.ports());
        if (ports.isEmpty()) {
            return null;
        }
        Operation op = operation(ports, f.methods(), f.paths());
        boolean plaintext = f.kind() == Flow.Kind.MONITORING && ctx.mesh().plaintextMetrics();
        List<RuleFrom> from = null;
        List<Condition> when = null;
        if (!plaintext) {
            Source source = source(f.from());
            if (source == null) {
                return null;
            }
            boolean needsToken = jwt != null && (f.kind() == Flow.Kind.INGRESS || f.kind() == Flow.Kind.TIER && !jwt.ingressOnly());
            if (needsToken) {
                source.setRequestPrincipals(List.of(jwt.issuer() + "/*"));
                if (!jwt.claims().isEmpty()) {
                    when = new ArrayList<>();
                    for (Map.Entry<String, List<String>> claim : jwt.claims().entrySet()) {
                        when.add(new Condition("request.auth.claims[" + claim.getKey() + "]", null, new ArrayList<>(claim.getValue())));
                    }
                }
            }
            from = List.of(new RuleFrom(source));
        }
        return new Rule(from, List.of(new RuleTo(op)), when);
    }

    private static Operation operation(List<String> ports, List<String> methods, List<String> paths) {
        Operation op = new Operation();
        op.setPorts(ports);
        op.setMethods(methods.isEmpty() ? null : new ArrayList<>(methods));
        op.setPaths(paths.isEmpty() ? null : new ArrayList<>(paths));
        return op;
    }

    private static List<String> tcpPorts(List<Port> ports) {
        Set<String> numbers = new LinkedHashSet<>();
        for (Port p : ports) {
            if (p.protocol() == Protocol.TCP) {
                numbers.add(String.valueOf(p.number()));
            }
        }
        return new ArrayList<>(numbers);
    }

    /** The mesh identity of a peer, or {@code null} when it has none the mesh can check. */
    private Source source(Peer peer) {
        if (peer instanceof Peer.TierPeer t) {
            String sa = ctx.synthesis().tier(t.name()).map(o -> o.serviceAccount().getMetadata().getName()).orElse(t.name());
            return principals(principal(ctx.ns(), sa));
        } else if (peer == Peer.allPods()) {
            return namespaces(ctx.ns());
        } else if (peer instanceof Peer.Workloads w) {
            String namespace = w.namespace() != null ? w.namespace() : ctx.ns();
            return w.serviceAccount() != null ? principals(principal(namespace, w.serviceAccount())) : namespaces(namespace);
        } else if (peer instanceof Peer.Network n && !n.cidrs().isEmpty()) {
            Source source = new Source();
            source.setIpBlocks(new ArrayList<>(n.cidrs()));
            return source;
        }
        return null;
    }

    private String principal(String namespace, String serviceAccount) {
        return ctx.mesh().trustDomain() + "/ns/" + namespace + "/sa/" + serviceAccount;
    }

    private static Source principals(String principal) {
        Source source = new Source();
        source.setPrincipals(List.of(principal));
        return source;
    }

    private static Source namespaces(String namespace) {
        Source source = new Source();
        source.setNamespaces(List.of(namespace));
        return source;
    }

    private void requestAuthentication(TierObjects t, Jwt jwt) {
        JWTRule rule = new JWTRule();
        rule.setIssuer(jwt.issuer());
        rule.setJwksUri(jwt.jwksUri());
        rule.setAudiences(jwt.audiences().isEmpty() ? null : new ArrayList<>(jwt.audiences()));
        rule.setForwardOriginalToken(jwt.ingressOnly() ? null : Boolean.TRUE);
        var spec = new io.fabric8.istio.api.api.security.v1beta1.RequestAuthentication();
        spec.setJwtRules(List.of(rule));
        spec.setSelector(new WorkloadSelector(t.selector()));
        RequestAuthentication ra = new RequestAuthentication();
        ra.setMetadata(ctx.meta(t.tier().name() + "-jwt", t.labels()));
        ra.setSpec(spec);
        ctx.add(ra);
    }
}
