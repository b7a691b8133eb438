package dev.keelson.apply.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fabric8 mock server's dispatcher for our tests: expectations first (fault injection), then an
 * emulation of server-side apply on top of the CRUD store, then plain CRUD.
 *
 * <p>Why: the CRUD mode of kubernetes-server-mock 7.5.2 answers a PATCH with content type
 * {@code application/apply-patch+yaml} with 415 (it knows JSON patch and merge patch only), answers
 * 404 instead of creating a missing object, and ignores {@code dryRun=All} on the verbs it knows.
 * The emulation here is deliberately small: create when absent, otherwise merge the applied
 * configuration into the stored object (maps merged, lists replaced) and drop the fields this
 * manager set last time and no longer sets; no write when nothing changes (the resource version
 * stays, as on a real server); {@code dryRun=All} computes without storing. It does not track
 * managedFields, so it never reports conflicts by itself (409s are injected with expectations).
 */
public final class SsaDispatcher extends Dispatcher {

    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private final MockDispatcher expectations;
    private volatile KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final KubernetesSerialization json = new KubernetesSerialization();
    private final Map<String, JsonNode> lastApplied = new HashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile int rejectWith;
    private volatile boolean simulateControllers;
    private final Set<String> failingJobs = ConcurrentHashMap.newKeySet();

    /** Answers every request with {@code code} (401 or 403) and a Kubernetes Status, as an API server refusing the caller; 0 stops. */
    public void rejectWith(int code) {
        this.rejectWith = code;
    }

    /**
     * Acts as the controllers would: each read of a Deployment, StatefulSet or DaemonSet moves its
     * rollout one replica further until all are ready; a Job is running on its first read and
     * complete on the next, or failed (with a failed pod whose container exited 1) when its name
     * was given to {@link #failJob}.
     */
    public void simulateControllers(boolean on) {
        this.simulateControllers = on;
    }

    /** With {@link #simulateControllers}, the Job {@code name} fails. */
    public void failJob(String name) {
        failingJobs.add(name);
    }

    public SsaDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        this.responses = responses;
        this.expectations = new MockDispatcher(responses);
    }

    /**
     * Forgets everything, as a new dispatcher would: the stored objects, the last applied configurations, the
     * request log, the queued expectations, a rejection, the simulated controllers and the failing Jobs.
     */
    public synchronized void reset() {
        crud = new KubernetesCrudDispatcher();
        lastApplied.clear();
        log.clear();
        responses.clear();
        rejectWith = 0;
        simulateControllers = false;
        failingJobs.clear();
    }

    /** Every request so far, as {@code METHOD path?query}. */
    public List<String> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The requests that would change state on a real server (not GET, not dry runs). */
    public List<String> writes() {
        return requests().stream().filter(r -> !r.startsWith("GET ") && !r.contains("dryRun=All")).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        log.add(request.getMethod() + " " + request.getPath());
        int reject = rejectWith;
        if (reject != 0) {
            String reason = reject == 401 ? "Unauthorized" : reject == 403 ? "Forbidden" : "Failure";
            String message = reject == 403 ? "User \"system:anonymous\" cannot get path \"" + request.getPath() + "\"" : reason;
            return new MockResponse().setResponseCode(reject).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"message\":\"" + message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason
                    + "\",\"code\":" + reject + "}");
        }
        if ("GET".equals(request.getMethod())) {
            MockResponse discovery = discovery(request.getPath());
            if (discovery != null) {
                return discovery;
            }
        }
        if (simulateControllers && "GET".equals(request.getMethod())) {
            Matcher m = WORKLOAD.matcher(request.getPath());
            if (m.matches()) {
                synchronized (this) {
                    advance(m.group(1), m.group(2), m.group(3), m.group(4));
                }
            }
        }
        Queue<ServerResponse> queued = responses.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (queued != null && !queued.isEmpty()) {
            return expectations.dispatch(request);
        }
        String contentType = request.getHeader("Content-Type");
        if ("PATCH".equals(request.getMethod()) && contentType != null && contentType.contains("apply-patch")) {
            synchronized (this) {
                return apply(request);
            }
        }
        return crud.dispatch(request);
    }

    /** Built-in group versions and their resources ({@code plural:Kind:namespaced}), as an API server's discovery lists them. */
    private static final Map<String, List<String>> BUILT_IN = Map.of(
            "v1", List.of("namespaces:Namespace:false", "resourcequotas:ResourceQuota:true", "limitranges:LimitRange:true",
                    "serviceaccounts:ServiceAccount:true", "configmaps:ConfigMap:true", "secrets:Secret:true",
                    "services:Service:true", "persistentvolumeclaims:PersistentVolumeClaim:true", "pods:Pod:true"),
            "apps/v1", List.of("deployments:Deployment:true", "statefulsets:StatefulSet:true", "daemonsets:DaemonSet:true"),
            "batch/v1", List.of("jobs:Job:true", "cronjobs:CronJob:true"),
            "autoscaling/v2", List.of("horizontalpodautoscalers:HorizontalPodAutoscaler:true"),
            "policy/v1", List.of("poddisruptionbudgets:PodDisruptionBudget:true"),
            "networking.k8s.io/v1", List.of("networkpolicies:NetworkPolicy:true", "ingresses:Ingress:true"),
            "rbac.authorization.k8s.io/v1", List.of("roles:Role:true", "rolebindings:RoleBinding:true",
                    "clusterroles:ClusterRole:false", "clusterrolebindings:ClusterRoleBinding:false"),
            "apiextensions.k8s.io/v1", List.of("customresourcedefinitions:CustomResourceDefinition:false"),
            "admissionregistration.k8s.io/v1", List.of("validatingadmissionpolicies:ValidatingAdmissionPolicy:false",
                    "validatingadmissionpolicybindings:ValidatingAdmissionPolicyBinding:false"),
            "admissionregistration.k8s.io/v1beta1", List.of("validatingadmissionpolicies:ValidatingAdmissionPolicy:false",
                    "validatingadmissionpolicybindings:ValidatingAdmissionPolicyBinding:false"));

    /**
     * The legacy API discovery kubectl reads ({@code /api}, {@code /apis}, {@code /api/v1},
     * {@code /apis/<group>/<version>} of built-in groups), which the CRUD mode answers with a list of
     * every stored object; {@code null} for other paths (CRD group versions are the CRUD mode's).
     */
    private MockResponse discovery(String full) {
        String path = full.indexOf('?') < 0 ? full : full.substring(0, full.indexOf('?'));
        if (path.equals("/api")) {
            return json("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}");
        }
        if (path.equals("/apis")) {
            Map<String, List<String>> groups = new java.util.TreeMap<>();
            for (String gv : BUILT_IN.keySet()) {
                if (gv.contains("/")) {
                    groups.computeIfAbsent(gv.substring(0, gv.indexOf('/')), g -> new ArrayList<>()).add(gv);
                }
            }
            MockResponse crds = crud.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
            if (crds.code() == 200) {
                JsonNode list = json.unmarshal(crds.getBody().readUtf8(), JsonNode.class);
                for (JsonNode crd : list.path("items")) {
                    String group = crd.path("spec").path("group").asText();
                    for (JsonNode v : crd.path("spec").path("versions")) {
                        List<String> versions = groups.computeIfAbsent(group, g -> new ArrayList<>());
                        if (!versions.contains(group + "/" + v.path("name").asText())) {
                            versions.add(group + "/" + v.path("name").asText());
                        }
                    }
                }
            }
            StringBuilder out = new StringBuilder("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[");
            boolean first = true;
            for (Map.Entry<String, List<String>> g : groups.entrySet()) {
                out.append(first ? "" : ",").append("{\"name\":\"").append(g.getKey()).append("\",\"versions\":[");
                for (int i = 0; i < g.getValue().size(); i++) {
                    String gv = g.getValue().get(i);
                    out.append(i == 0 ? "" : ",").append("{\"groupVersion\":\"").append(gv).append("\",\"version\":\"")
                            .append(gv.substring(gv.indexOf('/') + 1)).append("\"}");
                }
                String preferred = g.getValue().get(0);
                out.append("],\"preferredVersion\":{\"groupVersion\":\"").append(preferred).append("\",\"version\":\"")
                        .append(preferred.substring(preferred.indexOf('/') + 1)).append("\"}}");
                first = false;
            }
            return json(out.append("]}").toString());
        }
        String gv = path.equals("/api/v1") ? "v1" : path.startsWith("/apis/") && path.split("/").length == 4
                ? path.substring("/apis/".length()) : null;
        if (gv == null) {
            return null;
        }
        List<String> resources = BUILT_IN.containsKey(gv) ? BUILT_IN.get(gv) : definedBy(gv);
        if (resources.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"")
                .append(gv).append("\",\"resources\":[");
        for (int i = 0; i < resources.size(); i++) {
            String[] r = resources.get(i).split(":");
            out.append(i == 0 ? "" : ",").append("{\"name\":\"").append(r[0]).append("\",\"singularName\":\"\",\"kind\":\"")
                    .append(r[1]).append("\",\"namespaced\":").append(r[2]).append(",\"verbs\":[\"create\",\"delete\","
                    + "\"get\",\"list\",\"patch\",\"update\",\"watch\"]}");
        }
        return json(out.append("]}").toString());
    }

    /** The resources of the stored CRDs that serve {@code groupVersion}, as {@code plural:Kind:namespaced}. */
    private List<String> definedBy(String groupVersion) {
        List<String> resources = new ArrayList<>();
        MockResponse crds = crud.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
        if (crds.code() != 200) {
            return resources;
        }
        for (JsonNode crd : json.unmarshal(crds.getBody().readUtf8(), JsonNode.class).path("items")) {
            JsonNode spec = crd.path("spec");
            for (JsonNode v : spec.path("versions")) {
                if ((spec.path("group").asText() + "/" + v.path("name").asText()).equals(groupVersion)) {
                    resources.add(spec.path("names").path("plural").asText() + ":" + spec.path("names").path("kind").asText()
                            + ":" + "Namespaced".equals(spec.path("scope").asText()));
                }
            }
        }
        return resources;
    }

    private static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static final Pattern WORKLOAD = Pattern.compile(
            "/apis/(apps|batch)/v1/namespaces/([^/]+)/(deployments|statefulsets|daemonsets|jobs)/([^/?]+)");

    /** One step of what a controller would do to the stored object's status. */
    private void advance(String group, String namespace, String resource, String name) {
        String path = "/apis/" + group + "/v1/namespaces/" + namespace + "/" + resource + "/" + name;
        MockResponse current = crud.handleGet(path);
        if (current.code() != 200) {
            return;
        }
        ObjectNode live = (ObjectNode) json.unmarshal(current.getBody().readUtf8(), JsonNode.class);
        long generation = live.path("metadata").path("generation").asLong(1);
        ObjectNode status = live.with("status");
        if (resource.equals("jobs")) {
            if (failingJobs.contains(name)) {
                if (status.path("failed").asInt(0) == 0) {
                    status.put("failed", 1).put("active", 0);
                    status.putArray("conditions").addObject().put("type", "Failed").put("status", "True")
                            .put("reason", "BackoffLimitExceeded").put("message", "Job has reached the specified backoff limit");
                    failedPod(namespace, name, live);
                }
            } else if (status.path("active").asInt(0) == 0 && status.path("succeeded").asInt(0) == 0) {
                status.put("active", 1);
            } else if (status.path("succeeded").asInt(0) == 0) {
                int completions = live.path("spec").path("completions").asInt(1);
                status.put("active", 0).put("succeeded", completions);
                status.putArray("conditions").addObject().put("type", "Complete").put("status", "True");
            }
        } else if (resource.equals("daemonsets")) {
            int scheduled = 1;
            status.put("observedGeneration", generation).put("desiredNumberScheduled", scheduled)
                    .put("updatedNumberScheduled", scheduled).put("numberAvailable", scheduled).put("numberReady", scheduled)
                    .put("currentNumberScheduled", scheduled);
        } else {
            int desired = live.path("spec").path("replicas").asInt(1);
            int ready = Math.min(desired, status.path("readyReplicas").asInt(0) + 1);
            status.put("observedGeneration", generation).put("replicas", desired).put("updatedReplicas", desired)
                    .put("readyReplicas", ready);
            if (resource.equals("deployments")) {
                status.put("availableReplicas", ready);
            } else {
                status.put("currentReplicas", desired).put("updateRevision", "r1").put("currentRevision", "r1");
            }
        }
        crud.dispatch(new RecordedRequest("PUT " + path + "/status HTTP/1.1", HttpMethod.PUT, path + "/status", jsonHeaders(),
                new Buffer().writeUtf8(live.toString())));
    }

    /** A failed pod of the Job, as the Job controller leaves it: phase Failed, its container terminated with exit code 1. */
    private void failedPod(String namespace, String job, ObjectNode jobNode) {
        String container = jobNode.path("spec").path("template").path("spec").path("containers").path(0).path("name").asText("main");
        ObjectNode pod = json.convertValue(Map.of("apiVersion", "v1", "kind", "Pod"), ObjectNode.class);
        pod.with("metadata").put("name", job + "-x7k2p").put("namespace", namespace).with("labels").put("job-name", job);
        pod.with("spec").putArray("containers").addObject().put("name", container).put("image", "busybox");
        ObjectNode status = pod.with("status").put("phase", "Failed");
        status.putArray("containerStatuses").addObject().put("name", container).with("state").with("terminated")
                .put("reason", "Error").put("exitCode", 1).put("message", "migration 0042 failed: relation \"orders\" exists");
        String pods = "/api/v1/namespaces/" + namespace + "/pods";
        crud.handleCreate(new RecordedRequest("POST " + pods + " HTTP/1.1", HttpMethod.POST, pods, jsonHeaders(),
                new Buffer().writeUtf8(pod.toString())));
        String path = pods + "/" + job + "-x7k2p/status";
        crud.dispatch(new RecordedRequest("PUT " + path + " HTTP/1.1", HttpMethod.PUT, path, jsonHeaders(),
                new Buffer().writeUtf8(pod.toString())));
    }

    private MockResponse apply(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        boolean dryRun = q >= 0 && full.substring(q).contains("dryRun=All");
        ObjectNode applied = json.convertValue(json.unmarshal(request.getUtf8Body(), GenericKubernetesResource.class),
                ObjectNode.class);
        MockResponse current = crud.handleGet(path);
        if (current.code() != 200) {
            if (dryRun) {
                return new MockResponse().setResponseCode(201).setBody(applied.toString());
            }
            String collection = path.substring(0, path.lastIndexOf('/'));
            MockResponse created = crud.handleCreate(new RecordedRequest("POST " + collection + " HTTP/1.1", HttpMethod.POST,
                    collection, jsonHeaders(), new Buffer().writeUtf8(applied.toString())));
            if (created.code() < 300) {
                lastApplied.put(path, applied);
            }
            return created;
        }
        ObjectNode live = (ObjectNode) json.unmarshal(current.getBody().readUtf8(), JsonNode.class);
        ObjectNode merged = live.deepCopy();
        JsonNode previous = lastApplied.get(path);
        if (previous != null) {
            dropReleased(merged, previous, applied);
        }
        merge(merged, applied);
        if (merged.equals(live)) {
            return new MockResponse().setResponseCode(200).setBody(live.toString());
        }
        if (dryRun) {
            return new MockResponse().setResponseCode(200).setBody(merged.toString());
        }
        MockResponse updated = crud.handleUpdate(new RecordedRequest("PUT " + path + " HTTP/1.1", HttpMethod.PUT, path,
                jsonHeaders(), new Buffer().writeUtf8(merged.toString())));
        if (updated.code() < 300) {
            lastApplied.put(path, applied);
        }
        return updated;
    }

    private static Headers jsonHeaders() {
        return new Headers.Builder().add("Content-Type", "application/json").build();
    }

    /** Maps merge key by key; anything else is replaced. */
    private static void merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Removes fields the manager applied before and no longer applies (a field it released). */
    private static void dropReleased(ObjectNode target, JsonNode before, JsonNode now) {
        for (Iterator<Map.Entry<String, JsonNode>> it = before.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode still = now.get(e.getKey());
            if (still == null) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && still.isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
                dropReleased(child, e.getValue(), still);
            }
        }
    }
}
