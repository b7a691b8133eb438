package dev.keelson.apply;

import dev.keelson.core.Require;

/**
 * A field the API server refused to let Keelson's field manager set, because another field manager
 * owns it with a different value (HTTP 409 on server-side apply). Overridden only with
 * {@link Apply#forceConflicts()} ({@code --force-conflicts}).
 *
 * <pre>{@code
 * for (Conflict c : result.conflicts()) {
 *     System.out.println(c.field() + " is owned by " + c.manager());   // .spec.replicas is owned by kubectl-edit
 * }
 * }</pre>
 *
 * @param field the field path as the API server names it, e.g. {@code .spec.replicas}
 * @param manager the field manager that owns it, e.g. {@code kubectl-client-side-apply}; {@code ""} when
 *     the server did not say
 * @param message the server's message
 */
public record Conflict(String field, String manager, String message) {

    /**
     * Checks {@code field}, {@code manager} and {@code message} at once, naming the argument and the call when one is
     * invalid.
     *
     * @param field the field path as the API server names it, e.g. {@code .spec.replicas}
     * @param manager the field manager that owns it, e.g. {@code kubectl-client-side-apply}; {@code ""} when
     *     the server did not say
     * @param message the server's message
     */
    public Conflict {
        Require.nonNull(field, "field");
        Require.nonNull(manager, "manager");
        Require.nonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + " is owned by " + (manager.isEmpty() ? "another field manager" : "'" + manager + "'");
    }
}
