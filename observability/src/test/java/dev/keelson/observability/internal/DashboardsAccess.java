package dev.keelson.observability.internal;

/** Test access to package-private helpers. */
public final class DashboardsAccess {

    private DashboardsAccess() {
    }

    public static String uid(String namespace, String tier) {
        return Dashboards.uid(namespace, tier);
    }
}
