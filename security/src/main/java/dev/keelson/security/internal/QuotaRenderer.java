package dev.keelson.security.internal;

import dev.keelson.core.Resources;
import dev.keelson.core.spi.FeatureContext;
import dev.keelson.security.Quota;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derives a namespace's ResourceQuota and LimitRange from its workloads (see {@link Quota}). Runs
 * in the render phase, when autoscalers and sidecar injection labels are known. Internal.
 */
public final class QuotaRenderer {

    /** The ResourceQuota's name. */
    public static final String QUOTA = "compute";
    /** The LimitRange's name. */
    public static final String LIMITS = "container-defaults";

    private static final BigDecimal MI = BigDecimal.valueOf(1024L * 1024);
    private static final BigDecimal SIDECAR_CPU = new BigDecimal("0.1");
    private static final BigDecimal SIDECAR_MEMORY = BigDecimal.valueOf(128).multiply(MI);
    private static final BigDecimal SIDECAR_MEMORY_LIMIT = BigDecimal.valueOf(1024).multiply(MI);

    private QuotaRenderer() {
    }

    /** Adds the ResourceQuota and LimitRange, unless {@code quota} is off. */
    public static void render(FeatureContext ctx, Quota quota) {
        if (!quota.enabled()) {
            return;
        }
        Resources defaults = quota.limitDefaults();
        BigDecimal defCpu = amount(defaults.cpuRequest());
        BigDecimal defMem = amount(defaults.memoryRequest());
        BigDecimal defMemLimit = defaults.memoryLimit() != null ? amount(defaults.memoryLimit()) : defMem;
        Map<String, Integer> hpaMax = new HashMap<>();
        for (HasMetadata o : ctx.objects()) {
            if (o instanceof HorizontalPodAutoscaler h && h.getSpec() != null && h.getSpec().getScaleTargetRef() != null
                    && h.getSpec().getMaxReplicas() != null) {
                hpaMax.merge(h.getSpec().getScaleTargetRef().getKind() + "/" + h.getSpec().getScaleTargetRef().getName(),
                        h.getSpec().getMaxReplicas(), Math::max);
            }
        }
        Map<String, String> nsLabels = ctx.namespace().getMetadata().getLabels();
        boolean sidecars = nsLabels != null && ("enabled".equals(nsLabels.get("istio-injection"))
                || nsLabels.containsKey("istio.io/rev"));
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        BigDecimal memoryLimit = BigDecimal.ZERO;
        int pods = 0;
        for (HasMetadata o : ctx.objects()) {
            if (!ctx.namespaceName().equals(o.getMetadata().getNamespace())) {
                continue;
            }
            PodSpec spec;
            Integer replicas;
            if (o instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
                spec = d.getSpec().getTemplate().getSpec();
                replicas = d.getSpec().getReplicas();
            } else if (o instanceof StatefulSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
                spec = s.getSpec().getTemplate().getSpec();
                replicas = s.getSpec().getReplicas();
            } else {
                continue;
            }
            if (spec == null) {
                continue;
            }
            int n = Math.max(replicas == null ? 1 : replicas,
                    hpaMax.getOrDefault(o.getKind() + "/" + o.getMetadata().getName(), 0));
            BigDecimal podCpu = sidecars ? SIDECAR_CPU : BigDecimal.ZERO;
            BigDecimal podMem = sidecars ? SIDECAR_MEMORY : BigDecimal.ZERO;
            BigDecimal podMemLimit = sidecars ? SIDECAR_MEMORY_LIMIT : BigDecimal.ZERO;
            for (Container c : spec.getContainers()) {
                Map<String, Quantity> req = c.getResources() == null ? null : c.getResources().getRequests();
                Map<String, Quantity> lim = c.getResources() == null ? null : c.getResources().getLimits();
                podCpu = podCpu.add(value(req, "cpu", defCpu));
                podMem = podMem.add(value(req, "memory", defMem));
                podMemLimit = podMemLimit.add(value(lim, "memory", defMemLimit));
            }
            BigDecimal times = BigDecimal.valueOf(n);
            cpu = cpu.add(podCpu.multiply(times));
            memory = memory.add(podMem.multiply(times));
            memoryLimit = memoryLimit.add(podMemLimit.multiply(times));
            pods += n;
        }
        BigDecimal factor = BigDecimal.valueOf(100L + quota.headroomPercent()).divide(BigDecimal.valueOf(100));
        // never less than the workloads need during the largest rollout (KEE-SEC-030 checks the final objects)
        QuotaNeed need = QuotaNeed.of(ctx.objects(), ctx.namespaceName(), nsLabels, defaults);
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", new Quantity(quota.cpuRequests() != null ? quota.cpuRequests()
                : cpu(cpu.multiply(factor).max(need.peak("requests.cpu")))));
        hard.put("requests.memory", new Quantity(quota.memoryRequests() != null ? quota.memoryRequests()
                : memory(memory.multiply(factor).max(need.peak("requests.memory")))));
        hard.put("limits.memory", new Quantity(quota.memoryLimits() != null ? quota.memoryLimits()
                : memory(memoryLimit.multiply(factor).max(need.peak("limits.memory")))));
        hard.put("pods", new Quantity(String.valueOf(quota.pods() != null ? quota.pods()
                : Math.max(1, BigDecimal.valueOf(pods).multiply(factor).max(need.peak("pods"))
                        .setScale(0, RoundingMode.CEILING).intValue()))));
        ctx.add(new ResourceQuotaBuilder()
                .withNewMetadata().withName(QUOTA).withLabels(ctx.labels()).endMetadata()
                .withNewSpec().withHard(hard).endSpec()
                .build());
        Map<String, Quantity> defaultRequest = QuotaNeed.defaultRequests(defaults);
        Map<String, Quantity> defaultLimit = QuotaNeed.defaultLimits(defaults);
        ctx.add(new LimitRangeBuilder()
                .withNewMetadata().withName(LIMITS).withLabels(ctx.labels()).endMetadata()
                .withNewSpec().addNewLimit().withType("Container").withDefaultRequest(defaultRequest)
                .withDefault(defaultLimit).endLimit().endSpec()
                .build());
    }

    private static BigDecimal value(Map<String, Quantity> map, String key, BigDecimal fallback) {
        if (map == null || map.get(key) == null) {
            return fallback;
        }
        return Quantity.getAmountInBytes(map.get(key));
    }

    private static BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }

    /** CPU cores as a quantity: whole cores when exact, else millicores, rounded up. */
    static String cpu(BigDecimal cores) {
        long milli = cores.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValueExact();
        return milli % 1000 == 0 ? String.valueOf(milli / 1000) : milli + "m";
    }

    /** Bytes as a quantity: Gi when exact, else Mi, rounded up. */
    static String memory(BigDecimal bytes) {
        long mebi = bytes.divide(MI, 0, RoundingMode.CEILING).longValueExact();
        return mebi % 1024 == 0 && mebi > 0 ? (mebi / 1024) + "Gi" : mebi + "Mi";
    }
}
