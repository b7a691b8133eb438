package dev.keelson.security.internal;

import dev.keelson.core.KubernetesSyntax;
import dev.keelson.core.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workloads of one namespace need of a ResourceQuota: for each quota key
 * ({@code requests.cpu}, {@code limits.memory}, {@code pods}, ...) the steady amount and the amount
 * at the peak of a rollout. Shared by the derived quota ({@link QuotaRenderer}, which never derives
 * less) and the check of every quota against it ({@link QuotaCheck}). Internal.
 *
 * <p>Counted, per workload in the namespace: a Deployment's or StatefulSet's replicas (default 1),
 * or, when a HorizontalPodAutoscaler targets it, the HPA's {@code maxReplicas}; one pod per
 * DaemonSet (the node count is not known here: a lower bound); a Job's {@code parallelism} (capped
 * by {@code completions}); one run of a CronJob's job; one pod per bare Pod. Times the pod's
 * effective requests and limits as the API server charges them: the larger of the regular init
 * containers (each with the native sidecars started before it) and the app containers plus the
 * native sidecars, plus {@code spec.overhead}; a container without a value gets the LimitRange's
 * (a request falls back to the container's own limit, then {@code defaultRequest}, then
 * {@code default}); an Istio proxy when the namespace is labelled for injection and the pod does not
 * opt out, sized by its {@code sidecar.istio.io/proxy*} annotations (default 100m and 128Mi
 * requested, 2 CPUs and 1Gi limit). The peak adds the surge of the largest single rollout: a
 * Deployment's {@code maxSurge} (default 25%, rounded up; none for {@code Recreate}), a DaemonSet's
 * (one pod when non-zero); StatefulSets replace pods without surge. Rollouts beyond the largest wait
 * for each other under a quota, but one that does not fit beside the rest never finishes.
 */
public final class QuotaNeed {

    /** The compute resources a quota can limit, as {@code requests.<r>} and {@code limits.<r>}. */
    static final List<String> RESOURCES = List.of("cpu", "memory", "ephemeral-storage");
    /** The quota key for pods. */
    static final String PODS = "pods";

    private static final BigDecimal SIDECAR_CPU = new BigDecimal("0.1");
    private static final BigDecimal SIDECAR_MEMORY = BigDecimal.valueOf(128L * 1024 * 1024);
    private static final BigDecimal SIDECAR_CPU_LIMIT = BigDecimal.valueOf(2);
    private static final BigDecimal SIDECAR_MEMORY_LIMIT = BigDecimal.valueOf(1024L * 1024 * 1024);

    /** The steady need per quota key. */
    private final Map<String, BigDecimal> steady;
    /** The need at the peak of the largest rollout, per quota key. */
    private final Map<String, BigDecimal> peak;
    /** Per quota key, the workloads that need it, largest first: {@code Deployment/web: 3 pods x 100m}. */
    private final Map<String, List<String>> contributors;

    private QuotaNeed(Map<String, BigDecimal> steady, Map<String, BigDecimal> peak, Map<String, List<String>> contributors) {
        this.steady = steady;
        this.peak = peak;
        this.contributors = contributors;
    }

    /** The steady need of quota key {@code key} ({@code requests.cpu}, {@code cpu}, {@code pods}, ...), or {@code null} if not counted. */
    public BigDecimal steady(String key) {
        return steady.get(normalize(key));
    }

    /** The need of {@code key} at the peak of the largest rollout, or {@code null} if not counted. */
    public BigDecimal peak(String key) {
        return peak.get(normalize(key));
    }

    /** The workloads behind {@code key}'s need, largest first. */
    public List<String> contributors(String key) {
        return contributors.getOrDefault(normalize(key), List.of());
    }

    /** {@code cpu} and {@code requests.cpu} are one quota key; so are {@code memory} and {@code requests.memory}. */
    static String normalize(String key) {
        return RESOURCES.contains(key) ? "requests." + key : key;
    }

    /** The need of the objects of {@code namespace}, with containers' defaults from the LimitRanges among {@code objects}. */
    public static QuotaNeed of(List<HasMetadata> objects, String namespace, Map<String, String> namespaceLabels) {
        Map<String, Quantity> defaultLimit = new HashMap<>();
        Map<String, Quantity> defaultRequest = new HashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof LimitRange lr && inNamespace(o, namespace) && lr.getSpec() != null && lr.getSpec().getLimits() != null) {
                for (LimitRangeItem item : lr.getSpec().getLimits()) {
                    if ("Container".equals(item.getType())) {
                        if (item.getDefault() != null) {
                            item.getDefault().forEach(defaultLimit::putIfAbsent);
                        }
                        if (item.getDefaultRequest() != null) {
                            item.getDefaultRequest().forEach(defaultRequest::putIfAbsent);
                        }
                    }
                }
            }
        }
        return of(objects, namespace, namespaceLabels, defaultRequest, defaultLimit);
    }

    /** The need of the objects of {@code namespace}, with containers' defaults {@code defaults} (the LimitRange about to be written). */
    public static QuotaNeed of(List<HasMetadata> objects, String namespace, Map<String, String> namespaceLabels, Resources defaults) {
        return of(objects, namespace, namespaceLabels, defaultRequests(defaults), defaultLimits(defaults));
    }

    /** A LimitRange's {@code defaultRequest} for containers' {@code defaults}: cpu, then memory. */
    public static Map<String, Quantity> defaultRequests(Resources defaults) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(defaults.cpuRequest()));
        requests.put("memory", new Quantity(defaults.memoryRequest()));
        return requests;
    }

    /** A LimitRange's {@code default} (limits) for containers' {@code defaults}: cpu when limited, then memory (the request when unlimited). */
    public static Map<String, Quantity> defaultLimits(Resources defaults) {
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (defaults.cpuLimit() != null) {
            limits.put("cpu", new Quantity(defaults.cpuLimit()));
        }
        limits.put("memory", new Quantity(defaults.memoryLimit() != null ? defaults.memoryLimit() : defaults.memoryRequest()));
        return limits;
    }

    private static QuotaNeed of(List<HasMetadata> objects, String namespace, Map<String, String> namespaceLabels,
                                Map<String, Quantity> defaultRequest, Map<String, Quantity> defaultLimit) {
        Map<String, Integer> hpaMax = new HashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof HorizontalPodAutoscaler h && inNamespace(o, namespace) && h.getSpec() != null
                    && h.getSpec().getScaleTargetRef() != null && h.getSpec().getMaxReplicas() != null) {
                hpaMax.merge(h.getSpec().getScaleTargetRef().getKind() + "/" + h.getSpec().getScaleTargetRef().getName(),
                        h.getSpec().getMaxReplicas(), Math::max);
            }
        }
        boolean injection = namespaceLabels != null && ("enabled".equals(namespaceLabels.get("istio-injection"))
                || namespaceLabels.containsKey("istio.io/rev"));
        Map<String, BigDecimal> steady = new LinkedHashMap<>();
        Map<String, BigDecimal> surge = new LinkedHashMap<>();
        Map<String, List<Share>> shares = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            if (!inNamespace(o, namespace)) {
                continue;
            }
            Workload w = workload(o, hpaMax);
            if (w == null || w.template == null || w.template.getSpec() == null) {
                continue;
            }
            Map<String, BigDecimal> pod = pod(w.template, injection, defaultRequest, defaultLimit);
            pod.put(PODS, BigDecimal.ONE);
            String who = o.getKind() + "/" + o.getMetadata().getName();
            for (Map.Entry<String, BigDecimal> e : pod.entrySet()) {
                BigDecimal total = e.getValue().multiply(BigDecimal.valueOf(w.pods));
                steady.merge(e.getKey(), total, BigDecimal::add);
                surge.merge(e.getKey(), e.getValue().multiply(BigDecimal.valueOf(w.surge)), BigDecimal::max);
                if (total.signum() > 0) {
                    shares.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new Share(who, w.pods, e.getValue(), total));
                }
            }
        }
        for (String key : keys()) {
            steady.putIfAbsent(key, BigDecimal.ZERO);
            surge.putIfAbsent(key, BigDecimal.ZERO);
        }
        Map<String, BigDecimal> peak = new LinkedHashMap<>();
        steady.forEach((k, v) -> peak.put(k, v.add(surge.get(k))));
        Map<String, List<String>> contributors = new LinkedHashMap<>();
        shares.forEach((k, list) -> contributors.put(k, list.stream()
                .sorted((a, b) -> b.total.compareTo(a.total))
                .map(s -> s.who + ": " + s.pods + (s.pods == 1 ? " pod" : " pods")
                        + (k.equals(PODS) ? "" : " x " + format(k, s.each)))
                .toList()));
        return new QuotaNeed(steady, peak, contributors);
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String r : RESOURCES) {
            keys.add("requests." + r);
            keys.add("limits." + r);
        }
        keys.add(PODS);
        return keys;
    }

    private record Share(String who, int pods, BigDecimal each, BigDecimal total) {
    }

    private record Workload(PodTemplateSpec template, int pods, int surge) {
    }

    private static Workload workload(HasMetadata o, Map<String, Integer> hpaMax) {
        String key = o.getKind() + "/" + o.getMetadata().getName();
        if (o instanceof Deployment d && d.getSpec() != null) {
            int n = replicas(d.getSpec().getReplicas(), hpaMax.get(key));
            var strategy = d.getSpec().getStrategy();
            int surge;
            if (strategy != null && "Recreate".equals(strategy.getType())) {
                surge = 0;
            } else {
                IntOrString max = strategy == null || strategy.getRollingUpdate() == null ? null
                        : strategy.getRollingUpdate().getMaxSurge();
                surge = scaled(max == null ? new IntOrString("25%") : max, n);
            }
            return new Workload(d.getSpec().getTemplate(), n, surge);
        }
        if (o instanceof StatefulSet s && s.getSpec() != null) {
            return new Workload(s.getSpec().getTemplate(), replicas(s.getSpec().getReplicas(), hpaMax.get(key)), 0);
        }
        if (o instanceof DaemonSet ds && ds.getSpec() != null) {
            var strategy = ds.getSpec().getUpdateStrategy();
            IntOrString max = strategy == null || strategy.getRollingUpdate() == null ? null
                    : strategy.getRollingUpdate().getMaxSurge();
            boolean surges = max != null && scaled(max, 1) > 0 && !"OnDelete".equals(strategy.getType());
            return new Workload(ds.getSpec().getTemplate(), 1, surges ? 1 : 0);
        }
        if (o instanceof Job j && j.getSpec() != null) {
            return new Workload(j.getSpec().getTemplate(), jobPods(j.getSpec()), 0);
        }
        if (o instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null) {
            JobSpec spec = c.getSpec().getJobTemplate().getSpec();
            return new Workload(spec.getTemplate(), jobPods(spec), 0);
        }
        if (o instanceof Pod p && p.getSpec() != null) {
            return new Workload(new PodTemplateSpec(p.getMetadata(), p.getSpec()), 1, 0);
        }
        return null;
    }

    private static int replicas(Integer replicas, Integer hpa) {
        if (hpa != null) {
            return hpa; // the HPA may scale up to it
        }
        return replicas == null ? 1 : Math.max(0, replicas);
    }

    private static int jobPods(JobSpec spec) {
        int parallel = spec.getParallelism() == null ? 1 : Math.max(0, spec.getParallelism());
        return spec.getCompletions() == null ? parallel : Math.min(parallel, Math.max(0, spec.getCompletions()));
    }

    /** An absolute or percent {@code maxSurge} of {@code n} pods, a percentage rounded up as the controller does. */
    private static int scaled(IntOrString value, int n) {
        if (value.getIntVal() != null) {
            return Math.max(0, value.getIntVal());
        }
        String s = value.getStrVal();
        if (s != null && digits(s, 0, s.length()) && s.length() <= 9) {
            return Integer.parseInt(s);
        }
        if (s == null || s.length() > 4 || !s.endsWith("%") || !digits(s, 0, s.length() - 1)) {
            return 0;
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        return BigDecimal.valueOf((long) percent * n).divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValue();
    }

    /** Whether {@code s[from, to)} is one or more ASCII digits. */
    private static boolean digits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The pod's effective requests and limits, as quota keys. */
    private static Map<String, BigDecimal> pod(PodTemplateSpec template, boolean injection,
                                               Map<String, Quantity> defaultRequest, Map<String, Quantity> defaultLimit) {
        PodSpec spec = template.getSpec();
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String r : RESOURCES) {
            for (boolean limits : new boolean[] {false, true}) {
                BigDecimal sidecars = BigDecimal.ZERO;
                BigDecimal initPeak = BigDecimal.ZERO;
                if (spec.getInitContainers() != null) {
                    for (Container c : spec.getInitContainers()) {
                        BigDecimal v = value(c, r, limits, defaultRequest, defaultLimit);
                        if ("Always".equals(c.getRestartPolicy())) {
                            sidecars = sidecars.add(v);
                        } else {
                            initPeak = initPeak.max(sidecars.add(v));
                        }
                    }
                }
                BigDecimal app = sidecars;
                if (spec.getContainers() != null) {
                    for (Container c : spec.getContainers()) {
                        app = app.add(value(c, r, limits, defaultRequest, defaultLimit));
                    }
                }
                BigDecimal total = app.max(initPeak);
                if (injection && injected(template)) {
                    total = total.add(sidecar(template, r, limits));
                }
                if (spec.getOverhead() != null && spec.getOverhead().get(r) != null) {
                    total = total.add(amount(spec.getOverhead().get(r)));
                }
                out.put((limits ? "limits." : "requests.") + r, total);
            }
        }
        return out;
    }

    private static boolean injected(PodTemplateSpec template) {
        Map<String, String> annotations = template.getMetadata() == null ? null : template.getMetadata().getAnnotations();
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return !(annotations != null && "false".equals(annotations.get("sidecar.istio.io/inject"))
                || labels != null && "false".equals(labels.get("sidecar.istio.io/inject")));
    }

    private static BigDecimal sidecar(PodTemplateSpec template, String resource, boolean limits) {
        Map<String, String> annotations = template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of() : template.getMetadata().getAnnotations();
        String annotation = switch (resource) {
            case "cpu" -> limits ? "sidecar.istio.io/proxyCPULimit" : "sidecar.istio.io/proxyCPU";
            case "memory" -> limits ? "sidecar.istio.io/proxyMemoryLimit" : "sidecar.istio.io/proxyMemory";
            default -> null;
        };
        BigDecimal set = annotation == null ? null : KubernetesSyntax.quantity(annotations.get(annotation));
        if (set != null) {
            return set;
        }
        return switch (resource) {
            case "cpu" -> limits ? SIDECAR_CPU_LIMIT : SIDECAR_CPU;
            case "memory" -> limits ? SIDECAR_MEMORY_LIMIT : SIDECAR_MEMORY;
            default -> BigDecimal.ZERO;
        };
    }

    /** A container's request or limit of {@code resource}, with the API server's and the LimitRange's defaults. */
    private static BigDecimal value(Container c, String resource, boolean limits,
                                    Map<String, Quantity> defaultRequest, Map<String, Quantity> defaultLimit) {
        Map<String, Quantity> req = c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, Quantity> lim = c.getResources() == null ? null : c.getResources().getLimits();
        Quantity limit = lim != null && lim.get(resource) != null ? lim.get(resource) : defaultLimit.get(resource);
        if (limits) {
            return limit == null ? BigDecimal.ZERO : amount(limit);
        }
        Quantity request = req != null ? req.get(resource) : null;
        if (request == null && lim != null) {
            request = lim.get(resource); // the API server defaults a missing request to the container's limit
        }
        if (request == null) {
            request = defaultRequest.get(resource) != null ? defaultRequest.get(resource) : defaultLimit.get(resource);
        }
        return request == null ? BigDecimal.ZERO : amount(request);
    }

    private static BigDecimal amount(Quantity q) {
        BigDecimal v = KubernetesSyntax.quantity(q.toString());
        return v == null ? BigDecimal.ZERO : v;
    }

    private static boolean inNamespace(HasMetadata o, String namespace) {
        return o.getMetadata() != null && namespace.equals(o.getMetadata().getNamespace());
    }

    /** An amount of quota key {@code key} as a quantity: CPU in whole cores or millicores, bytes in Gi or Mi, pods as a count (all rounded up). */
    public static String format(String key, BigDecimal amount) {
        if (key.equals(PODS)) {
            return amount.setScale(0, RoundingMode.CEILING).toPlainString();
        }
        if (key.endsWith("cpu")) {
            return QuotaRenderer.cpu(amount);
        }
        return QuotaRenderer.memory(amount);
    }
}
