package dev.keelson.mesh.internal;

import dev.keelson.core.Environment;
import dev.keelson.core.Image;
import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.ModelPath;
import dev.keelson.core.Percent;
import dev.keelson.core.Platform;
import dev.keelson.core.Problem;
import dev.keelson.core.Stage;
import dev.keelson.core.Tier;
import dev.keelson.core.TierFeature;
import dev.keelson.core.Workload;
import dev.keelson.core.spi.Problems;
import dev.keelson.mesh.AbTest;
import dev.keelson.mesh.BlueGreen;
import dev.keelson.mesh.Canary;
import dev.keelson.mesh.DataPlane;
import dev.keelson.mesh.Fault;
import dev.keelson.mesh.Jwt;
import dev.keelson.mesh.LoadBalancer;
import dev.keelson.mesh.MeshPolicy;
import dev.keelson.mesh.Mirror;
import dev.keelson.mesh.Traffic;
import dev.keelson.mesh.TrafficSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the mesh's tier features when the platform is built. Internal. */
public final class TierValidator {

    /** Envoy's retry conditions ({@code x-envoy-retry-on} and {@code x-envoy-retry-grpc-on}). */
    static final Set<String> RETRY_CONDITIONS = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "envoy-ratelimited", "retriable-4xx", "refused-stream", "retriable-status-codes",
            "retriable-headers", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");
    private static final Pattern HEADER = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");

    private TierValidator() {
    }

    /** Checks a tier's {@link Traffic}. */
    public static void traffic(Traffic t, Platform platform, Tier tier, ModelPath path, Problems problems) {
        ModelPath p = path.child("traffic");
        if (!requireMesh(platform, p, "Traffic", problems)) {
            return;
        }
        if (clashes(tier, Traffic.class, t)) {
            Clash clash = firstClash(tier, Traffic.class);
            if (clash.first() == t) {
                problems.error("KEE-MESH-017", p, "Traffic is declared twice on tier '" + tier.name() + "'"
                                + clash.stagesNote(),
                        "combine the settings into one Traffic.defaults()... chain, or limit each to other stages with onlyIn(...)");
            }
            return;
        }
        positive(t.timeout(), p.child("timeout"), "timeout", problems);
        if (t.retries().attempts() < 0) {
            problems.error("KEE-MESH-020", p.child("retries").child("attempts"), "retry attempts " + t.retries().attempts() + " is negative",
                    "use Retries.attempts(n) with n >= 0, or Retries.none()");
        }
        if (t.retries().attempts() > 0) {
            if (positive(t.retries().perTryTimeout(), p.child("retries").child("perTryTimeout"), "per-try timeout", problems)
                    && t.retries().perTryTimeout().compareTo(t.timeout()) > 0) {
                problems.error("KEE-MESH-021", p.child("retries").child("perTryTimeout"), "per-try timeout " + Mesh.duration(t.retries().perTryTimeout())
                                + " exceeds the request timeout " + Mesh.duration(t.timeout()) + ", so no retry can happen",
                        "make perTry(...) shorter than timeout(...), e.g. timeout / (attempts + 1)");
            }
            for (String condition : t.retries().retryOn()) {
                if (!RETRY_CONDITIONS.contains(condition) && !condition.matches("[1-5][0-9][0-9]")) {
                    problems.error("KEE-MESH-022", p.child("retries").child("retryOn"), "'" + condition + "' is not an Envoy retry condition",
                            "use conditions such as " + String.join(", ", dev.keelson.mesh.Retries.SAFE_CONDITIONS)
                                    + ", 5xx, gateway-error, reset, or an HTTP status code");
                }
            }
        }
        loadBalancer(t.loadBalancer(), p.child("loadBalancer"), problems);
        var pool = t.connectionPool();
        if (pool.maxConnections() < 1 || pool.maxPendingRequests() < 1 || pool.maxRequests() < 1
                || pool.maxRetries() < 0 || pool.connectTimeoutMillis() < 1) {
            problems.error("KEE-MESH-023", p.child("connectionPool"), "connection pool limits must be at least 1 (retries at least 0), got "
                    + pool, "use ConnectionPool.DEFAULT or positive limits");
        }
        var od = t.outlierDetection();
        if (od.consecutive5xxErrors() < 1) {
            problems.error("KEE-MESH-024", p.child("outlierDetection"), "consecutive 5xx errors " + od.consecutive5xxErrors() + " is below 1",
                    "use OutlierDetection.after(n) with n >= 1");
        }
        if (od.maxEjectionPercent() < 0 || od.maxEjectionPercent() > 100) {
            problems.error("KEE-MESH-025", p.child("outlierDetection"), "max ejection percent " + od.maxEjectionPercent() + " is not in 0..100",
                    "use maxEjectionPercent(50) or another value from 0 to 100");
        }
        positive(od.interval(), p.child("outlierDetection"), "outlier detection interval", problems);
        positive(od.baseEjectionTime(), p.child("outlierDetection"), "base ejection time", problems);
        if (t.fault() != null) {
            fault(t.fault(), activeStages(tier, t), platform, tier, p.child("fault"), problems);
        }
        if (Mesh.httpPorts(tier).isEmpty() && (t.fault() != null || !t.timeout().equals(Traffic.DEFAULT_TIMEOUT))) {
            problems.error("KEE-MESH-018", p, "timeouts and fault injection act on HTTP, but tier '" + tier.name()
                    + "' has no HTTP, HTTP/2 or gRPC port", "declare Port.http(...), Port.http2(...) or Port.grpc(...), or drop timeout/fault");
        }
        ambientNeedsWaypoint(platform, p, "timeouts, retries and fault injection", problems);
    }

    /**
     * Checks a fault; {@code trafficStages} are those its {@link Traffic} is active in (all, unless
     * the Traffic itself is limited with {@code onlyIn(...)}), so the fault acts in the stages of both.
     */
    private static void fault(Fault f, Set<Stage> trafficStages, Platform platform, Tier tier, ModelPath p,
                              Problems problems) {
        Set<Stage> effective = EnumSet.noneOf(Stage.class);
        for (Stage st : trafficStages) {
            if (f.appliesTo(st)) {
                effective.add(st);
            }
        }
        if (!isShare(f.percentage())) {
            problems.error("KEE-MESH-027", p.child("percentage"), "fault percentage " + f.percentage().doubleValue() + " is not above 0 and at most 100",
                    "use a share such as 5 (percent)");
        }
        if (f.delay() != null) {
            positive(f.delay(), p.child("delay"), "fault delay", problems);
        } else if (f.abortStatus() < 200 || f.abortStatus() > 599) {
            problems.error("KEE-MESH-028", p.child("abort"), "abort status " + f.abortStatus() + " is not an HTTP status (200..599)",
                    "use e.g. Fault.abort(503, 5)");
        }
        boolean inProduction = false;
        if (effective.contains(Stage.PRODUCTION) && !f.allowedInProduction()) {
            List<String> prod = new ArrayList<>();
            for (Environment e : platform.environments()) {
                if (e.production()) {
                    prod.add(e.name());
                }
            }
            if (!prod.isEmpty()) {
                inProduction = true;
                problems.error("KEE-MESH-029", p, "fault injection on tier '" + tier.name() + "' would run in production environment(s) "
                                + String.join(", ", prod),
                        "limit it with .onlyIn(Stage.DEVELOPMENT, Stage.STAGING), or call .allowInProduction() on purpose");
            }
        }
        if (f.allowedInProduction() && !effective.contains(Stage.PRODUCTION)) {
            problems.warning("KEE-MESH-046", p, "fault injection on tier '" + tier.name() + "' is allowed in production"
                            + " but limited to " + stages(effective) + ", so allowInProduction() has no effect",
                    "drop .allowInProduction(), or add Stage.PRODUCTION to .onlyIn(...) for chaos testing in production");
        }
        // the renderer's rule: the stage is among the fault's, and production only when allowed
        List<String> reached = new ArrayList<>();
        List<Stage> nonProduction = new ArrayList<>();
        for (Environment e : platform.environments()) {
            if (effective.contains(e.stage()) && (!e.production() || f.allowedInProduction())) {
                reached.add(e.name());
            }
            if (!e.production() && !nonProduction.contains(e.stage())) {
                nonProduction.add(e.stage());
            }
        }
        if (reached.isEmpty() && !inProduction) {
            List<String> envs = new ArrayList<>();
            for (Environment e : platform.environments()) {
                envs.add(e.name() + " (" + e.stage() + ")");
            }
            nonProduction.sort(null);
            problems.warning("KEE-MESH-045", p, "fault injection on tier '" + tier.name() + "' reaches no environment:"
                            + " it is limited to " + stages(effective) + ", and the platform's environments are "
                            + String.join(", ", envs),
                    nonProduction.isEmpty()
                            ? "drop the fault (the platform has only production environments), or allow it there on"
                                    + " purpose: .onlyIn(Stage.PRODUCTION).allowInProduction()"
                            : "limit it to the stages of the environments that should get it: .onlyIn("
                                    + String.join(", ", nonProduction.stream().map(st -> "Stage." + st).toList())
                                    + "), or drop the fault");
        }
    }

    /** A fault's stages in declaration order of {@link Stage}, e.g. {@code DEVELOPMENT, STAGING}. */
    private static String stages(Set<Stage> stages) {
        List<String> names = new ArrayList<>();
        for (Stage st : Stage.values()) {
            if (stages.contains(st)) {
                names.add(st.name());
            }
        }
        return (names.size() == 1 ? "stage " : "stages ") + String.join(", ", names);
    }

    private static void loadBalancer(LoadBalancer lb, ModelPath p, Problems problems) {
        if ((lb.kind() == LoadBalancer.Kind.HASH_HEADER || lb.kind() == LoadBalancer.Kind.HASH_COOKIE)
                && !HEADER.matcher(lb.key()).matches()) {
            problems.error("KEE-MESH-026", p, "'" + lb.key() + "' is not a valid " + (lb.kind() == LoadBalancer.Kind.HASH_HEADER
                    ? "header" : "cookie") + " name", "use lower-case letters, digits and dashes, e.g. 'x-user-id'");
        }
        if (lb.kind() == LoadBalancer.Kind.HASH_COOKIE) {
            positive(lb.cookieTtl(), p, "cookie lifetime", problems);
        }
    }

    /** Checks a tier's {@link TrafficSplit}. */
    public static void split(TrafficSplit split, Platform platform, Tier tier, ModelPath path, Problems problems) {
        ModelPath p = path.child(split.kind());
        if (!requireMesh(platform, p, split.getClass().getSimpleName(), problems)) {
            return;
        }
        if (clashes(tier, TrafficSplit.class, split)) {
            Clash clash = firstClash(tier, TrafficSplit.class);
            if (clash.first() == split) {
                problems.error("KEE-MESH-017", path.child(((TrafficSplit) clash.second()).kind()), "tier '" + tier.name()
                        + "' already has a traffic split (" + split.kind() + "); a tier takes at most one" + clash.stagesNote(),
                        "keep one of Canary, BlueGreen, AbTest and Mirror, or limit each to other stages with onlyIn(...)");
            }
            return;
        }
        if (tier.kind() != Workload.Kind.DEPLOYMENT) {
            // a split runs a second Deployment beside the tier's and routes between their pods by version
            problems.error("KEE-MESH-048", p, split.getClass().getSimpleName() + " supports Deployment tiers only, and tier '"
                            + tier.name() + "' is a " + tier.kind().apiKind(),
                    "remove the " + split.getClass().getSimpleName() + "; roll a StatefulSet out in stages with "
                            + "Stateful...partition(n) instead");
            return;
        }
        String second = tier.name() + "-" + split.version();
        if (second.length() > KubernetesSyntax.DNS_LABEL_MAX) {
            // the Deployment's name may be 253 long, but it is also its app.kubernetes.io/instance label
            problems.report(Problem.error(path, "tier name '" + tier.name() + "' is " + tier.name().length()
                            + " characters; its " + split.kind() + " Deployment '" + second + "' (also its "
                            + "app.kubernetes.io/instance label) would exceed " + KubernetesSyntax.DNS_LABEL_MAX,
                    "shorten the tier name to at most " + (KubernetesSyntax.DNS_LABEL_MAX - 1 - split.version().length())
                            + " characters").withRule("KEE-NAME-001"));
        }
        if (Mesh.httpPorts(tier).isEmpty()) {
            problems.error("KEE-MESH-018", p, "a traffic split routes HTTP, but tier '" + tier.name() + "' has no HTTP, HTTP/2 or gRPC port",
                    "declare Port.http(...), Port.http2(...) or Port.grpc(...)");
        }
        String imageProblem = split.image().problem();
        if (imageProblem != null) {
            problems.error("KEE-MESH-030", p.child("image"), imageProblem, "use a fixed version tag or a digest");
        } else if (tier.image() != null) {
            List<String> same = new ArrayList<>();
            Set<Stage> active = activeStages(tier, split);
            for (Environment e : platform.environments()) {
                Image stable = tier.in(e).image();
                if (active.contains(e.stage()) && stable != null && stable.equals(split.image())) {
                    same.add(e.name());
                }
            }
            if (!same.isEmpty()) {
                problems.error("KEE-MESH-031", p.child("image"), split.kind() + " image equals the stable image '" + split.image()
                                + "' (in " + String.join(", ", same) + "); the new version must differ",
                        exampleFix(split, split.image().repository() + ":<new-tag>"));
            }
        }
        int minReplicas = split instanceof BlueGreen ? 0 : 1;
        if (split.replicas() < minReplicas) {
            problems.error("KEE-MESH-032", p.child("replicas"), "replicas " + split.replicas() + " is below " + minReplicas,
                    "use .replicas(n) with n >= " + minReplicas);
        }
        if (split instanceof Canary c) {
            if (c.stableWeight() < 0 || c.stableWeight() > 100 || c.canaryWeight() < 0 || c.canaryWeight() > 100) {
                problems.error("KEE-MESH-033", p.child("weights"), "weights " + c.stableWeight() + " (stable) and " + c.canaryWeight()
                        + " (canary) must each be from 0 to 100", "use Canary.of(image, percent) with percent from 0 to 100");
            } else if (c.stableWeight() + c.canaryWeight() != 100) {
                problems.error("KEE-MESH-034", p.child("weights"), "weights " + c.stableWeight() + " (stable) + " + c.canaryWeight()
                                + " (canary) sum to " + (c.stableWeight() + c.canaryWeight()) + ", not 100",
                        "weights(" + (100 - c.canaryWeight()) + ", " + c.canaryWeight() + ")");
            }
        } else if (split instanceof AbTest ab) {
            if (!HEADER.matcher(ab.name()).matches()) {
                problems.error("KEE-MESH-035", p.child("name"), "'" + ab.name() + "' is not a valid " + (ab.cookie() ? "cookie" : "header")
                        + " name", "use lower-case letters, digits and dashes, e.g. 'x-variant'");
            }
            if (ab.value().isEmpty() || ab.value().chars().anyMatch(ch -> ch < 0x21 || ch == ';' || ch == 0x7f)) {
                problems.error("KEE-MESH-036", p.child("value"), "'" + ab.value() + "' is not a usable match value",
                        "use a non-empty value without spaces or ';', e.g. 'b'");
            }
        } else if (split instanceof Mirror m) {
            if (!isShare(m.percentage())) {
                problems.error("KEE-MESH-037", p.child("percentage"), "mirror percentage " + m.percentage().doubleValue() + " is not above 0 and at most 100",
                        "use Mirror.of(image, 100) to copy every request");
            }
        }
        ambientNeedsWaypoint(platform, p, "traffic splits", problems);
    }

    private static String exampleFix(TrafficSplit split, String image) {
        if (split instanceof Canary c) {
            return "Canary.of(\"" + image + "\", " + c.canaryWeight() + ")";
        } else if (split instanceof BlueGreen) {
            return "BlueGreen.green(\"" + image + "\")";
        } else if (split instanceof AbTest ab) {
            return "AbTest." + (ab.cookie() ? "cookie" : "header") + "(\"" + ab.name() + "\", \"" + ab.value() + "\", \""
                    + image + "\")";
        }
        return "Mirror.of(\"" + image + "\", 100)";
    }

    /** Checks a tier's {@link Jwt}. */
    public static void jwt(Jwt jwt, Platform platform, Tier tier, ModelPath path, Problems problems) {
        ModelPath p = path.child("jwt");
        if (!requireMesh(platform, p, "Jwt", problems)) {
            return;
        }
        if (clashes(tier, Jwt.class, jwt)) {
            Clash clash = firstClash(tier, Jwt.class);
            if (clash.first() == jwt) {
                problems.error("KEE-MESH-017", p, "Jwt is declared twice on tier '" + tier.name() + "'" + clash.stagesNote(),
                        "declare one Jwt per tier, or limit each to other stages with onlyIn(...)");
            }
            return;
        }
        if (jwt.issuer().isBlank()) {
            problems.error("KEE-MESH-038", p.child("issuer"), "the JWT issuer is empty", "name the issuer, e.g. Jwt.issuer(\"https://auth.example.com\")");
        }
        if (jwt.jwksUri() == null) {
            problems.error("KEE-MESH-039", p.child("jwksUri"), "no JWKS URI, so no token could be verified",
                    ".jwksUri(\"https://auth.example.com/.well-known/jwks.json\")");
        } else if (!jwt.jwksUri().startsWith("https://")) {
            problems.error("KEE-MESH-040", p.child("jwksUri"), "JWKS URI '" + jwt.jwksUri() + "' is not an https:// URL, so its keys could be forged in transit",
                    "serve the keys over HTTPS");
        }
        for (Map.Entry<String, List<String>> claim : jwt.claims().entrySet()) {
            if (claim.getKey().isBlank() || claim.getValue().isEmpty()) {
                problems.error("KEE-MESH-041", p.child("claims", claim.getKey()), "claim '" + claim.getKey() + "' needs a name and at least one value",
                        ".claim(\"scope\", \"orders:read\")");
            }
        }
        if (jwt.ingressOnly() && tier.exposure() == null) {
            // the RequestAuthentication would stand alone: a token checked if sent, never required
            problems.error("KEE-MESH-047", p.child("ingressOnly"), "onlyAtIngress() requires a token on outside traffic only,"
                            + " but tier '" + tier.name() + "' is not exposed, so no request would need one",
                    "drop .onlyAtIngress(), so that callers from other tiers need a token too, or expose the tier:"
                            + " exposedAt(\"" + tier.name() + ".example.com\")");
        }
        if (Mesh.httpPorts(tier).isEmpty()) {
            problems.error("KEE-MESH-018", p, "JWT authentication acts on HTTP, but tier '" + tier.name() + "' has no HTTP, HTTP/2 or gRPC port",
                    "declare Port.http(...), Port.http2(...) or Port.grpc(...)");
        }
        ambientNeedsWaypoint(platform, p, "JWT authentication", problems);
    }

    /**
     * The stages in which {@code feature} is active on {@code tier}: every stage, or those of the
     * {@code onlyIn(...)} it was given with.
     */
    static Set<Stage> activeStages(Tier tier, TierFeature feature) {
        for (TierFeature f : tier.features()) {
            if (f == feature) {
                return EnumSet.allOf(Stage.class);
            }
            if (f instanceof TierFeature.OnlyIn only && only.feature() == feature) {
                return only.stages().isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(only.stages());
            }
        }
        return EnumSet.allOf(Stage.class);
    }

    /**
     * The features of {@code type} the tier was given, in order, each with the stages it is active
     * in; the same instance given twice appears twice.
     */
    private static List<Map.Entry<TierFeature, Set<Stage>>> entries(Tier tier, Class<? extends TierFeature> type) {
        List<Map.Entry<TierFeature, Set<Stage>>> out = new ArrayList<>();
        for (TierFeature f : tier.features()) {
            if (f instanceof TierFeature.OnlyIn only && type.isInstance(only.feature())) {
                out.add(Map.entry(only.feature(), only.stages().isEmpty() ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(only.stages())));
            } else if (type.isInstance(f)) {
                out.add(Map.entry(f, EnumSet.allOf(Stage.class)));
            }
        }
        return out;
    }

    /**
     * Two features of {@code type} active in a common stage, the first such pair in declaration
     * order, with the stages they share; or {@code null}: a tier takes one of each per environment.
     */
    private static Clash firstClash(Tier tier, Class<? extends TierFeature> type) {
        var all = entries(tier, type);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Set<Stage> shared = EnumSet.noneOf(Stage.class);
                shared.addAll(all.get(i).getValue());
                shared.retainAll(all.get(j).getValue());
                if (!shared.isEmpty()) {
                    return new Clash(all.get(i).getKey(), all.get(j).getKey(), shared);
                }
            }
        }
        return null;
    }

    /** Two clashing features and the stages they share. */
    private record Clash(TierFeature first, TierFeature second, Set<Stage> shared) {

        /** The shared stages, when either side is limited to some; else nothing. */
        String stagesNote() {
            return shared.size() == Stage.values().length ? "" : ", both active in " + stages(shared);
        }
    }

    /** Whether {@code feature} clashes with another of {@code type} (or with itself, given twice). */
    private static boolean clashes(Tier tier, Class<? extends TierFeature> type, TierFeature feature) {
        var all = entries(tier, type);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if ((all.get(i).getKey() == feature || all.get(j).getKey() == feature)
                        && !Collections.disjoint(all.get(i).getValue(), all.get(j).getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean requireMesh(Platform platform, ModelPath p, String what, Problems problems) {
        if (platform.features(MeshPolicy.class).isEmpty()) {
            problems.error("KEE-MESH-016", p, what + " needs a MeshPolicy on the platform", "add .with(MeshPolicy.strictMtls()) to the platform");
            return false;
        }
        return true;
    }

    private static void ambientNeedsWaypoint(Platform platform, ModelPath p, String what, Problems problems) {
        MeshPolicy mesh = platform.features(MeshPolicy.class).get(0);
        if (mesh.dataPlane() == DataPlane.AMBIENT && !mesh.waypoint()) {
            problems.error("KEE-MESH-013", p, "in ambient mode " + what + " need a waypoint proxy", "use MeshPolicy.strictMtls().ambient().withWaypoint()");
        }
    }

    private static boolean positive(Duration d, ModelPath p, String what, Problems problems) {
        if (d == null || d.isNegative() || d.isZero()) {
            problems.error("KEE-MESH-019", p, what + " " + (d == null ? "is missing" : Mesh.duration(d) + " is not positive"),
                    "use a positive duration, e.g. Duration.ofSeconds(2)");
            return false;
        }
        return true;
    }

    /** Whether {@code percentage} is a share of requests Istio applies: above 0 and at most 100. */
    private static boolean isShare(Percent percentage) {
        return percentage.value().signum() > 0 && percentage.isBetween(0, 100);
    }
}
