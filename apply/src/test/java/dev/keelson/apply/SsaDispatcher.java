package dev.keelson.apply;

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
final class SsaDispatcher extends Dispatcher {

    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private final MockDispatcher expectations;
    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final KubernetesSerialization json = new KubernetesSerialization();
    private final Map<String, JsonNode> lastApplied = new HashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    SsaDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        this.responses = responses;
        this.expectations = new MockDispatcher(responses);
    }

    /** Every request so far, as {@code METHOD path?query}. */
    List<String> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The requests that would change state on a real server (not GET, not dry runs). */
    List<String> writes() {
        return requests().stream().filter(r -> !r.startsWith("GET ") && !r.contains("dryRun=All")).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        log.add(request.getMethod() + " " + request.getPath());
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
