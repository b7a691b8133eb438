package dev.keelson.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a generated ValidatingAdmissionPolicy the way the API server does, as far as it can be done
 * without one: the request must match one of {@code matchConstraints.resourceRules} (group,
 * resource, operation), every {@code matchConditions} expression must hold, then the
 * {@code variables} are evaluated in order and every {@code validations} expression that does not
 * hold yields its message. The CEL is compiled and evaluated by cel-java (dev.cel), with the
 * standard macros ({@code has}, {@code all}, {@code exists}) and the standard library, which is
 * what the expressions are restricted to; the Kubernetes CEL libraries, cost limits and type
 * checking against the OpenAPI schema are not applied (only a real API server does).
 *
 * <p>Public in security's test-jar, so the examples can run the reference platform through it.
 */
public final class Admission {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("object", SimpleType.DYN)
            .addVar("oldObject", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();

    /** Group and plural of the kinds the tests send. */
    private static final Map<String, String[]> RESOURCES = Map.ofEntries(
            Map.entry("Pod", new String[] {"", "pods"}), Map.entry("Deployment", new String[] {"apps", "deployments"}),
            Map.entry("StatefulSet", new String[] {"apps", "statefulsets"}), Map.entry("DaemonSet", new String[] {"apps", "daemonsets"}),
            Map.entry("ReplicaSet", new String[] {"apps", "replicasets"}), Map.entry("Job", new String[] {"batch", "jobs"}),
            Map.entry("CronJob", new String[] {"batch", "cronjobs"}), Map.entry("ConfigMap", new String[] {"", "configmaps"}),
            Map.entry("Secret", new String[] {"", "secrets"}), Map.entry("Service", new String[] {"", "services"}),
            Map.entry("ServiceAccount", new String[] {"", "serviceaccounts"}),
            Map.entry("ResourceQuota", new String[] {"", "resourcequotas"}), Map.entry("LimitRange", new String[] {"", "limitranges"}),
            Map.entry("NetworkPolicy", new String[] {"networking.k8s.io", "networkpolicies"}),
            Map.entry("Ingress", new String[] {"networking.k8s.io", "ingresses"}),
            Map.entry("Role", new String[] {"rbac.authorization.k8s.io", "roles"}),
            Map.entry("RoleBinding", new String[] {"rbac.authorization.k8s.io", "rolebindings"}),
            Map.entry("HorizontalPodAutoscaler", new String[] {"autoscaling", "horizontalpodautoscalers"}),
            Map.entry("PodDisruptionBudget", new String[] {"policy", "poddisruptionbudgets"}));

    private Admission() {
    }

    /** A fabric8 object as the API server hands it to CEL: JSON maps, lists, strings, booleans, 64-bit ints. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(Object object) {
        try {
            return MAPPER.readValue(MAPPER.writeValueAsString(object), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether {@code policy} applies to this request at all (resource rules and match conditions). */
    public static boolean matches(GenericKubernetesResource policy, String operation, Map<String, Object> object, String user) {
        return matchesRules(policy, operation, object) && conditionsHold(policy, request(operation, object, user), object);
    }

    /**
     * The messages of the validations {@code object} fails under {@code policy}, for an
     * {@code operation} by {@code user}; empty when the request is admitted or not matched.
     */
    public static List<String> denials(GenericKubernetesResource policy, String operation, Map<String, Object> object, String user) {
        if (!matchesRules(policy, operation, object)) {
            return List.of();
        }
        Map<String, Object> request = request(operation, object, user);
        if (!conditionsHold(policy, request, object)) {
            return List.of();
        }
        Map<String, Object> spec = spec(policy);
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Map<String, Object> v : list(spec.get("variables"))) {
            variables.put((String) v.get("name"), eval((String) v.get("expression"), object, request, variables));
        }
        List<String> denied = new ArrayList<>();
        for (Map<String, Object> v : list(spec.get("validations"))) {
            Object result = eval((String) v.get("expression"), object, request, variables);
            if (!Boolean.TRUE.equals(result)) {
                denied.add((String) v.get("message"));
            }
        }
        return denied;
    }

    /** Every expression of the policy, compiled (parse and check) by cel-java; throws on the first that does not compile. */
    public static int compileAll(GenericKubernetesResource policy) {
        int n = 0;
        Map<String, Object> spec = spec(policy);
        for (String key : List.of("matchConditions", "variables", "validations")) {
            for (Map<String, Object> e : list(spec.get(key))) {
                compile((String) e.get("expression"));
                n++;
            }
        }
        return n;
    }

    private static boolean matchesRules(GenericKubernetesResource policy, String operation, Map<String, Object> object) {
        String[] gr = RESOURCES.get((String) object.get("kind"));
        if (gr == null) {
            return false; // not a kind of RESOURCES, so not one any generated rule names (they name only those)
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> constraints = (Map<String, Object>) spec(policy).get("matchConstraints");
        for (Map<String, Object> rule : list(constraints.get("resourceRules"))) {
            if (((List<?>) rule.get("apiGroups")).contains(gr[0]) && ((List<?>) rule.get("resources")).contains(gr[1])
                    && ((List<?>) rule.get("operations")).contains(operation)) {
                return true;
            }
        }
        return false;
    }

    private static boolean conditionsHold(GenericKubernetesResource policy, Map<String, Object> request, Map<String, Object> object) {
        for (Map<String, Object> c : list(spec(policy).get("matchConditions"))) {
            if (!Boolean.TRUE.equals(eval((String) c.get("expression"), object, request, Map.of()))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(String operation, Map<String, Object> object, String user) {
        String[] gr = RESOURCES.get((String) object.get("kind"));
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("operation", operation);
        r.put("name", metadata.get("name"));
        r.put("namespace", metadata.getOrDefault("namespace", ""));
        r.put("userInfo", Map.of("username", user));
        r.put("resource", Map.of("group", gr[0], "resource", gr[1], "version", "v1"));
        r.put("kind", Map.of("group", gr[0], "kind", object.get("kind"), "version", "v1"));
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource policy) {
        return (Map<String, Object>) policy.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    private static CelAbstractSyntaxTree compile(String expression) {
        try {
            return CEL.compile(expression).getAst();
        } catch (CelValidationException e) {
            throw new AssertionError("CEL does not compile: " + expression + "\n" + e.getMessage(), e);
        }
    }

    private static Object eval(String expression, Map<String, Object> object, Map<String, Object> request,
                               Map<String, Object> variables) {
        try {
            return CEL.createProgram(compile(expression)).eval(Map.of("object", object, "request", request,
                    "variables", variables));
        } catch (CelEvaluationException e) {
            // the API server treats an evaluation error as a failed validation (failurePolicy: Fail)
            return e;
        }
    }

    /** The objects of {@code objects} of kind {@code kind}. */
    public static List<GenericKubernetesResource> ofKind(List<HasMetadata> objects, String kind) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (kind.equals(o.getKind()) && o instanceof GenericKubernetesResource g) {
                out.add(g);
            }
        }
        return out;
    }
}
