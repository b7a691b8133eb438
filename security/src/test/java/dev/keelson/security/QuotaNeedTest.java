package dev.keelson.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keelson.core.Environment;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.Port;
import dev.keelson.core.Problem;
import dev.keelson.core.Resources;
import dev.keelson.core.RollingUpdate;
import dev.keelson.core.Tier;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KEE-SEC-030: a ResourceQuota below what the platform's own workloads need, over generated platforms")
class QuotaNeedTest {

    private static final String QUOTA_PATH = "p/environments/dev/ResourceQuota/compute/spec.hard.";

    /** One generated tier: what the oracle below needs to know. */
    record TierCase(String name, int replicas, Integer hpaMax, int cpuMilli, int memoryMi, int memoryLimitMi, String maxSurge) {

        int pods() {
            return hpaMax != null ? hpaMax : replicas;
        }

        int surge() {
            if (maxSurge.endsWith("%")) {
                int percent = Integer.parseInt(maxSurge.substring(0, maxSurge.length() - 1));
                return (percent * pods() + 99) / 100;
            }
            return Integer.parseInt(maxSurge);
        }
    }

    /** A platform of 1 to 4 tiers, some scaled by an HPA, with their own requests, limits and surge. */
    record PlatformCase(List<TierCase> tiers) {

        /** The need of {@code key} by the oracle: every tier at its most pods, plus the largest single surge. */
        long need(String key) {
            long steady = 0;
            long surge = 0;
            for (TierCase t : tiers) {
                long each = switch (key) {
                    case "requests.cpu" -> t.cpuMilli();
                    case "requests.memory" -> t.memoryMi();
                    case "limits.memory" -> t.memoryLimitMi();
                    default -> 1;
                };
                steady += each * t.pods();
                surge = Math.max(surge, each * t.surge());
            }
            return steady + surge;
        }

        Platform.Builder platform(Quota quota) {
            Platform.Builder b = Platform.named("p").environments(Environment.dev())
                    .with(SecurityBaseline.restricted().quota(quota));
            for (TierCase t : tiers) {
                b.tier(Tier.named(t.name()).image("ghcr.io/acme/" + t.name() + ":1.0.0").port(Port.http(8080))
                        .replicas(t.replicas())
                        .resources(Resources.requests(t.cpuMilli() + "m", t.memoryMi() + "Mi").memoryLimit(t.memoryLimitMi() + "Mi"))
                        .rollingUpdate(RollingUpdate.of(t.maxSurge(), t.surge() == 0 ? "1" : "0")));
                if (t.hpaMax() != null) {
                    b.add(env -> hpa(t.name(), t.replicas(), t.hpaMax()));
                }
            }
            return b;
        }
    }

    static final Gen<TierCase> TIER = r -> {
        int replicas = 1 + r.nextInt(6);
        Integer hpa = r.nextInt(3) == 0 ? replicas + r.nextInt(25) : null;
        int memory = 16 + r.nextInt(4096);
        String surge = switch (r.nextInt(4)) {
            case 0 -> "25%";
            case 1 -> r.nextInt(101) + "%";
            case 2 -> String.valueOf(r.nextInt(4));
            default -> "1";
        };
        return new TierCase("t" + r.nextInt(1000), replicas, hpa, 10 + r.nextInt(2000), memory, memory + r.nextInt(2048), surge);
    };

    static final Gen<PlatformCase> PLATFORM = r -> {
        List<TierCase> tiers = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            TierCase t = TIER.next(r);
            tiers.add(new TierCase("t" + i, t.replicas(), t.hpaMax(), t.cpuMilli(), t.memoryMi(), t.memoryLimitMi(), t.maxSurge()));
        }
        return new PlatformCase(tiers);
    };

    static HasMetadata hpa(String tier, int min, int max) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(tier).endMetadata()
                .withNewSpec().withMinReplicas(min).withMaxReplicas(max)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(tier).endScaleTargetRef()
                .endSpec().build();
    }

    private static List<Problem> quotaProblems(Platform p) {
        return Platforms.problems(p, "dev").stream().filter(x -> "KEE-SEC-030".equals(x.rule())).toList();
    }

    private static Map<String, Quantity> hard(Platform p) {
        return Keelson.synth(p).manifest("dev").objects(ResourceQuota.class).get(0).getSpec().getHard();
    }

    @Test
    @DisplayName("the derived quota always leaves room for the workloads at their most replicas and the largest rollout")
    void derivedNeverTooSmall() {
        Seeded.forAll(60, PLATFORM, c -> {
            Platform p = c.platform(Quota.derived().headroom(c.tiers().size() % 2 == 0 ? 0 : 50)).build();
            assertThat(quotaProblems(p)).isEmpty();
            Map<String, Quantity> hard = hard(p);
            assertThat(Quantity.getAmountInBytes(hard.get("requests.cpu")).movePointRight(3).longValue())
                    .isGreaterThanOrEqualTo(c.need("requests.cpu"));
            assertThat(Quantity.getAmountInBytes(hard.get("requests.memory")).longValue() >> 20)
                    .isGreaterThanOrEqualTo(c.need("requests.memory"));
            assertThat(Quantity.getAmountInBytes(hard.get("limits.memory")).longValue() >> 20)
                    .isGreaterThanOrEqualTo(c.need("limits.memory"));
            assertThat(Long.parseLong(hard.get("pods").toString())).isGreaterThanOrEqualTo(c.need("pods"));
        });
    }

    @Test
    @DisplayName("a fixed quota exactly at the need passes; one unit below on any key fails naming the quota, the key, the need and the limit")
    void justAboveAndJustBelow() {
        Seeded.forAll(60, PLATFORM, c -> {
            long cpu = c.need("requests.cpu");
            long memory = c.need("requests.memory");
            long memoryLimit = c.need("limits.memory");
            long pods = c.need("pods");
            Platform exact = c.platform(Quota.derived().requests(cpu + "m", memory + "Mi").memoryLimit(memoryLimit + "Mi")
                    .pods((int) pods)).build();
            assertThat(quotaProblems(exact)).isEmpty();

            Platform below = c.platform(Quota.derived().requests((cpu - 1) + "m", (memory - 1) + "Mi")
                    .memoryLimit((memoryLimit - 1) + "Mi").pods((int) Math.max(1, pods - 1))).build();
            List<Object> expected = new ArrayList<>();
            expected.add(tuple(QUOTA_PATH + "requests.cpu", (cpu - 1) + "m", need(cpu * 1000_000L, true)));
            expected.add(tuple(QUOTA_PATH + "requests.memory", (memory - 1) + "Mi", need(memory, false)));
            expected.add(tuple(QUOTA_PATH + "limits.memory", (memoryLimit - 1) + "Mi", need(memoryLimit, false)));
            if (pods > 1) {
                expected.add(tuple(QUOTA_PATH + "pods", String.valueOf(pods - 1), String.valueOf(pods)));
            }
            assertThat(quotaProblems(below))
                    .allSatisfy(x -> {
                        assertThat(x.severity()).isEqualTo(Problem.Severity.ERROR);
                        assertThat(x.message()).startsWith("in dev: ResourceQuota 'compute' allows ");
                        assertThat(x.fix()).endsWith(" on the SecurityBaseline's Quota");
                    })
                    .extracting(Problem::path, x -> limitIn(x.message()), x -> needIn(x.message()))
                    .containsExactlyElementsOf(expected.stream().map(t -> (org.assertj.core.groups.Tuple) t).toList());
        });
    }

    /** The need as the message writes it: millicores in cores when whole, Mi in Gi when whole. */
    private static String need(long amount, boolean cpu) {
        if (cpu) {
            long milli = amount / 1000_000L;
            return milli % 1000 == 0 ? String.valueOf(milli / 1000) : milli + "m";
        }
        return amount % 1024 == 0 ? (amount / 1024) + "Gi" : amount + "Mi";
    }

    private static String limitIn(String message) {
        String rest = message.substring(message.indexOf(" allows ") + " allows ".length());
        return rest.substring(rest.indexOf(' ') + 1, rest.indexOf(','));
    }

    private static String needIn(String message) {
        String rest = message.substring(message.indexOf(" need ") + " need ".length());
        int end = rest.length();
        for (String stop : new String[] {" ", ":"}) {
            int i = rest.indexOf(stop);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        return rest.substring(0, end);
    }
}
