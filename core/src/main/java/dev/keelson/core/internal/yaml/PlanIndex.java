package dev.keelson.core.internal.yaml;

import dev.keelson.core.internal.yaml.ModelWriter.Inclusion;
import dev.keelson.core.internal.yaml.ModelWriter.Plan;
import dev.keelson.core.internal.yaml.ModelWriter.Property;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link Plan}s of the model classes Keelson writes, made ahead of time from their Jackson
 * annotations and kept in the resource {@value #RESOURCE}, so that a short run need not read those
 * annotations: reading them was 51-94 ms of a 10-tier synthesis of 0.3 s (benchmarks/RESULTS.md).
 *
 * <p>A line is {@code <class> TAB <fingerprint> TAB <plan>}, the plan as {@link Plan#describe()}
 * writes it or {@value #JACKSON} for a class Jackson writes. An entry is used only when the
 * fingerprint of the class's fields (names, types, modifiers, through its superclasses) matches
 * the class on the class path, so another fabric8 version falls back to reading the annotations.
 * {@code PlanIndexTest} fails when the resource differs from what {@link #render} makes now (the
 * message says how to rewrite it) and holds every indexed plan to the one read from the
 * annotations. Internal.
 */
final class PlanIndex {

    /** The resource, beside this class. */
    static final String RESOURCE = "plans.idx";
    /** The plan of a class Jackson writes. */
    static final String JACKSON = "jackson";
    /** The kinds Keelson and its features write; the index holds them and every model class they hold. */
    static final List<Class<?>> ROOTS = List.of(Namespace.class, ServiceAccount.class, ConfigMap.class, Secret.class,
            Service.class, Deployment.class, StatefulSet.class, DaemonSet.class, Job.class, CronJob.class,
            PodDisruptionBudget.class, Ingress.class, NetworkPolicy.class, HorizontalPodAutoscaler.class, ResourceQuota.class,
            LimitRange.class, PersistentVolumeClaim.class, Role.class, RoleBinding.class, ClusterRole.class,
            ClusterRoleBinding.class, Gateway.class, HTTPRoute.class, GRPCRoute.class, GenericKubernetesResource.class);

    private PlanIndex() {
    }

    /** Read once, on the first plan asked for. */
    private static final class Lines {
        static final Map<String, String[]> BY_CLASS = load();
    }

    /** One indexed class. */
    record Entry(String plan) {
        /** Whether Jackson writes the class. */
        boolean jackson() {
            return plan.equals(JACKSON);
        }

        /** The plan for {@code type}, or null when Jackson writes it or a field or method named is not there. */
        Plan plan(Class<?> type) {
            if (jackson()) {
                return null;
            }
            try {
                String[] parts = plan.split(" ");
                Field any = null;
                Method anyMethod = null;
                if (parts[0].startsWith("field:")) {
                    any = field(type, null, parts[0].substring("field:".length()));
                    any.setAccessible(true);
                } else if (parts[0].startsWith("method:")) {
                    anyMethod = type.getMethod(parts[0].substring("method:".length()));
                    anyMethod.setAccessible(true);
                }
                Property[] properties = new Property[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    String[] p = parts[i].split(",");
                    Field f = field(type, p[1], p[2]);
                    f.setAccessible(true);
                    properties[i - 1] = new Property(p[0], f, Inclusion.valueOf(p[3]));
                }
                return new Plan(properties, any, anyMethod, null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;   // not the class the index was made from: its annotations are read instead
            }
        }
    }

    /** The entry of {@code type} when the index holds the class as it is on the class path, else null. */
    static Entry entry(Class<?> type) {
        String[] line = Lines.BY_CLASS.get(type.getName());
        return line == null || !line[0].equals(fingerprint(type)) ? null : new Entry(line[1]);
    }

    /** The field {@code name} declared by {@code declaring} (any class of the hierarchy when null). */
    private static Field field(Class<?> type, String declaring, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (declaring == null || c.getName().equals(declaring)) {
                try {
                    return c.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    if (declaring != null) {
                        throw e;
                    }
                }
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** The fields of {@code type} and its superclasses (names, generic types, modifiers), as a hash, whatever their order. */
    static String fingerprint(Class<?> type) {
        int h = 17;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            int fields = 0;
            for (Field f : c.getDeclaredFields()) {
                fields += (f.getName() + ' ' + f.getGenericType().getTypeName() + ' ' + f.getModifiers()).hashCode();
            }
            h = 31 * h + c.getName().hashCode();
            h = 31 * h + fields;
        }
        return Integer.toHexString(h);
    }

    /** Whether {@code name} can be written in a line (no separator of the format in it). */
    static boolean safe(String name) {
        return !name.isEmpty() && name.indexOf(' ') < 0 && name.indexOf(',') < 0 && name.indexOf('\t') < 0
                && name.indexOf('\n') < 0 && name.indexOf('\r') < 0;
    }

    private static Map<String, String[]> load() {
        Map<String, String[]> lines = new HashMap<>(1024);
        try (InputStream in = PlanIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return lines;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int first = line.indexOf('\t');
                int second = first < 0 ? -1 : line.indexOf('\t', first + 1);
                if (line.startsWith("#") || second < 0) {
                    continue;
                }
                lines.put(line.substring(0, first), new String[] {line.substring(first + 1, second), line.substring(second + 1)});
            }
        } catch (IOException e) {
            lines.clear();   // the annotations are read instead
        }
        return lines;
    }

    /** The index for {@code roots} and every model class their properties hold, as the resource holds it. */
    static String render(List<Class<?>> roots) {
        Map<String, String> lines = new TreeMap<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (lines.containsKey(type.getName()) || type.isEnum() || type.isInterface()) {
                continue;
            }
            Plan plan = ModelIntrospector.read(type);
            String described = plan == null ? JACKSON : plan.describe();
            if (described == null) {
                continue;
            }
            lines.put(type.getName(), fingerprint(type) + '\t' + described);
            if (plan != null) {
                for (Property p : plan.properties()) {
                    modelTypes(p.field().getGenericType(), todo);
                }
            }
        }
        StringBuilder b = new StringBuilder("# Made by PlanIndexTest from the Jackson annotations of the model classes; do not edit.\n");
        lines.forEach((name, rest) -> b.append(name).append('\t').append(rest).append('\n'));
        return b.toString();
    }

    private static void modelTypes(Type declared, Deque<Class<?>> into) {
        if (declared instanceof Class<?> c) {
            if (!c.isPrimitive() && !c.isArray() && !c.getName().startsWith("java.")) {
                into.push(c);
            }
        } else if (declared instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                modelTypes(arg, into);
            }
        }
    }
}
