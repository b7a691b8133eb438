package dev.keelson.apply.internal;

import dev.keelson.apply.Conflict;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an API server's refusal means, in words with the fix, and the field-manager conflicts of a 409. Internal. */
final class ApiErrors {

    private static final Pattern CONFLICT_MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

    private ApiErrors() {
    }

    /** The field-manager conflicts of a 409 from server-side apply; empty for any other failure. */
    static List<Conflict> conflicts(KubernetesClientException e) {
        Status status = e.getStatus();
        if (e.getCode() != 409 || status == null) {
            return List.of();
        }
        List<Conflict> conflicts = new ArrayList<>();
        if (status.getDetails() != null && status.getDetails().getCauses() != null) {
            for (StatusCause cause : status.getDetails().getCauses()) {
                if (!"FieldManagerConflict".equals(cause.getReason())) {
                    continue;
                }
                String message = cause.getMessage() == null ? "" : cause.getMessage();
                Matcher m = CONFLICT_MANAGER.matcher(message);
                conflicts.add(new Conflict(cause.getField() == null ? "" : cause.getField(), m.find() ? m.group(1) : "",
                        message));
            }
        }
        if (conflicts.isEmpty() && "Conflict".equals(status.getReason()) && status.getMessage() != null
                && status.getMessage().contains("conflict")) {
            Matcher m = CONFLICT_MANAGER.matcher(status.getMessage());
            conflicts.add(new Conflict("", m.find() ? m.group(1) : "", status.getMessage()));
        }
        return conflicts;
    }

    /** A failure in words, with how to fix it where we know. */
    static String explain(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        int code = Math.max(0, e.getCode());
        return switch (code) {
            case 0 -> "no answer from the API server: " + rootCause(e) + ". Fix: check the server URL and network, then run again";
            case 401 -> "HTTP 401 unauthorized: " + message + ". Fix: refresh the credentials of your kubeconfig context";
            case 403 -> "HTTP 403 forbidden: " + message
                    + ". Fix: grant this identity get, patch and (for --prune) list and delete on the resource";
            case 404 -> "HTTP 404 not found: " + message;
            case 422 -> "HTTP 422 invalid: " + message + ". Fix: correct the object in the platform (customize(...))";
            default -> "HTTP " + code + ": " + message;
        };
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
