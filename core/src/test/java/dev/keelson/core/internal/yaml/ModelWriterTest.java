package dev.keelson.core.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;
import dev.keelson.core.snapshots.SnapshotPlatforms;
import dev.keelson.core.testkit.Gen;
import dev.keelson.core.testkit.Seeded;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelWriter} must write exactly what Jackson's databind writes: every case here is
 * written both ways and compared byte for byte, and the cases that must take the direct path are
 * checked to take it (so that a silent fall-back to Jackson cannot pass for a fast path).
 */
class ModelWriterTest {

    private static String direct(Object value) throws IOException {
        StringWriter w = new StringWriter();
        try (YamlGenerator out = Yaml.generator(w)) {
            Yaml.write(value, out);
        }
        return w.toString();
    }

    private static String jackson(Object value) throws IOException {
        StringWriter w = new StringWriter();
        try (YamlGenerator out = Yaml.generator(w)) {
            Yaml.writeWithJackson(value, out);
        }
        return w.toString();
    }

    private static void assertSame(Object value) throws IOException {
        assertThat(direct(value)).isEqualTo(jackson(value));
    }

    @Test
    @DisplayName("every object of every snapshot platform is written as Jackson writes it")
    void snapshotPlatformsMatchJackson() throws IOException {
        int compared = 0;
        for (Map.Entry<String, Platform> p : SnapshotPlatforms.all()) {
            for (var manifest : Keelson.synth(p.getValue()).manifests()) {
                String env = manifest.environment();
                for (HasMetadata o : manifest.objects()) {
                    assertThat(direct(o)).as("%s %s %s/%s", p.getKey(), env, o.getKind(), o.getMetadata().getName())
                            .isEqualTo(jackson(o));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(50);
    }

    @Test
    @DisplayName("the classes core emits take the direct path")
    void coreClassesAreDirect() {
        for (Class<?> c : List.of(Deployment.class, Service.class, ServiceAccount.class, ConfigMap.class,
                Ingress.class, NetworkPolicy.class, ObjectMeta.class, PodSpec.class, Container.class,
                ServicePort.class, ResourceRequirements.class, io.fabric8.kubernetes.api.model.Namespace.class,
                io.fabric8.kubernetes.api.model.Probe.class, io.fabric8.kubernetes.api.model.SecurityContext.class)) {
            assertThat(ModelWriter.writesDirectly(c)).as(c.getName()).isTrue();
        }
    }

    @Test
    @DisplayName("additional properties, on the object or deep inside it, go through Jackson and come out the same")
    void additionalProperties() throws IOException {
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
                .addToData("k", "v").build();
        cm.setAdditionalProperty("extra", Map.of("a", 1));
        assertSame(cm);
        Deployment d = YamlFabric8Test.deployment();
        d.getSpec().getTemplate().getSpec().getContainers().get(0).setAdditionalProperty("x-note", "yes");
        assertSame(d);
        assertThat(direct(d)).contains("x-note: \"yes\"");
    }

    @Test
    @DisplayName("scalars, quantities, int-or-string, nulls in maps and lists, empty strings and empty lists")
    void valueShapes() throws IOException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("a", null);
        labels.put("", "");
        labels.put("b", "on");
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("").withLabels(labels)
                .withFinalizers(new ArrayList<>()).endMetadata().withImmutable(false).build();
        assertSame(cm);

        Container c = new ContainerBuilder().withName("c").withArgs("", "x", null)
                .withNewResources().addToRequests("cpu", new Quantity("100", "m"))
                .addToRequests("memory", new Quantity(null, "Mi")).addToLimits("cpu", new Quantity("1", null))
                .endResources().addNewPort().withContainerPort(80).endPort().build();
        assertSame(c);
        assertSame(new IntOrString(7));
        assertSame(new IntOrString("http"));
        assertSame(List.of(1, 2L, 3.5, 1.5f, (short) 2, new BigDecimal("1.10"), true, "s"));
        assertSame(new TreeSet<>(List.of("b", "a")));
        Map<Object, Object> nonStringKeys = new HashMap<>();
        nonStringKeys.put(1, "one");
        assertSame(nonStringKeys);
        assertSame(Map.of());
        assertSame(List.of());
    }

    @Test
    @DisplayName("a generic resource (all additional properties) is written by Jackson")
    void genericResource() throws IOException {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("example.com/v1");
        r.setKind("Thing");
        r.setMetadata(new ObjectMeta());
        r.getMetadata().setName("t");
        r.setAdditionalProperty("spec", Map.of("size", 3));
        assertSame(r);
    }

    enum Plain { ONE, TWO }

    enum Renamed {
        @JsonProperty("uno") ONE
    }

    enum Valued {
        ONE;

        @JsonValue
        String value() {
            return "1";
        }
    }

    @Test
    @DisplayName("enums: plain ones by name directly, renamed or valued ones through Jackson")
    void enums() throws IOException {
        assertSame(Plain.TWO);
        assertThat(ModelWriter.writesDirectly(Plain.class)).isTrue();
        assertSame(Renamed.ONE);
        assertThat(ModelWriter.writesDirectly(Renamed.class)).isFalse();
        assertSame(Valued.ONE);
        assertThat(ModelWriter.writesDirectly(Valued.class)).isFalse();
    }

    @JsonPropertyOrder({"b", "a", "list", "text", "note"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Ordered {
        @JsonProperty("a")
        private Integer a = 1;
        @JsonProperty("b")
        private String b;
        @JsonProperty("list")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        private List<String> list = new ArrayList<>();
        @JsonProperty("text")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        private String text;
        @JsonProperty("note")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        private String note = "";

        @JsonProperty("a")
        public Integer getA() {
            return a;
        }

        public String getB() {
            return b;
        }
    }

    /** Has a property Jackson finds through its getter only. */
    @JsonPropertyOrder({"a"})
    public static class GetterOnly {
        @JsonProperty("a")
        private String a = "x";

        public String getComputed() {
            return "y";
        }
    }

    /** Has a public field without annotations, which Jackson picks up. */
    @JsonPropertyOrder({"a"})
    public static class PublicField {
        public String visible = "v";
        @JsonProperty("a")
        private String a = "x";
    }

    /** Has a property missing from its order. */
    @JsonPropertyOrder({"a"})
    public static class Unordered {
        @JsonProperty("a")
        private String a = "x";
        @JsonProperty("z")
        private String z = "z";
    }

    public static class Inner {
        @JsonProperty("x")
        private String x = "in";

        public String getX() {
            return x;
        }
    }

    /** Has an unwrapped property. */
    @JsonPropertyOrder({"inner"})
    public static class Unwrapping {
        @JsonProperty("inner")
        @JsonUnwrapped
        private Inner inner = new Inner();
    }

    /** Has no order: Jackson's own ordering applies. */
    public static class NoOrder {
        @JsonProperty("b")
        private String b = "b";
        @JsonProperty("a")
        private String a = "a";
    }

    @Test
    @DisplayName("beans: the generated pattern directly; anything Jackson would read differently, through Jackson")
    void beans() throws IOException {
        assertSame(new Ordered());
        assertThat(ModelWriter.writesDirectly(Ordered.class)).isTrue();
        Ordered full = new Ordered();
        full.b = "";
        full.list.add("item");
        full.text = "t";
        full.note = "n";
        assertSame(full);
        for (Object o : List.of(new GetterOnly(), new PublicField(), new Unordered(), new Unwrapping(), new NoOrder())) {
            assertSame(o);
            assertThat(ModelWriter.writesDirectly(o.getClass())).as(o.getClass().getSimpleName()).isFalse();
        }
    }

    @Test
    @DisplayName("random config maps and containers are written as Jackson writes them")
    void randomObjects() {
        Gen<ConfigMap> configMaps = configMaps();
        Gen<Container> containers = containers();
        Seeded.forAll(300, r -> new Sample(configMaps.next(r), containers.next(r)), sample -> {
            assertSame(sample.configMap());
            assertSame(sample.container());
        });
    }

    /** One try's objects. */
    record Sample(ConfigMap configMap, Container container) {
    }

    private static Gen<String> text() {
        return Gen.oneOf(Gen.strings(12),
                Gen.of("", " ", "yes", "off", "~", "null", "1e3", "0123", "a: b", "x #y", "é😀"));
    }

    static Gen<ConfigMap> configMaps() {
        Gen<String> names = text();
        Gen<Map<String, String>> labels = Gen.maps(text(), text().injectNull(0.1), 0, 4);
        Gen<Map<String, String>> data = Gen.maps(text(), text(), 0, 3);
        Gen<Boolean> immutable = Gen.booleans().injectNull(0.3);
        return r -> new ConfigMapBuilder()
                .withNewMetadata().withName(names.next(r)).withLabels(labels.next(r)).endMetadata()
                .withData(data.next(r)).withImmutable(immutable.next(r)).build();
    }

    static Gen<Container> containers() {
        Gen<String> amounts = Gen.of("1", "0.5", "100", "", "1e3").injectNull(0.2);
        Gen<String> formats = Gen.of("m", "Mi", "Gi", "", "k").injectNull(0.3);
        Gen<Quantity> quantity = r -> new Quantity(amounts.next(r), formats.next(r));
        Gen<IntOrString> port = Gen.oneOf(
                Gen.ints(0, 70000).map(IntOrString::new),
                text().map(IntOrString::new));
        Gen<String> names = text();
        Gen<List<String>> args = text().list(0, 3);
        Gen<Integer> period = Gen.ints(-1, 65536).injectNull(0.3);
        return r -> new ContainerBuilder().withName(names.next(r)).withArgs(args.next(r))
                .withNewResources().addToRequests("cpu", quantity.next(r)).endResources()
                .withNewLivenessProbe().withNewTcpSocket().withPort(port.next(r)).endTcpSocket()
                .withPeriodSeconds(period.next(r)).endLivenessProbe().build();
    }
}
