package dev.keelson.data;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.PlatformFeature;
import dev.keelson.data.internal.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * A data service the platform deploys: {@link Postgres} or {@link Redis}. Tiers call one by name with
 * {@link DataAccess#to(String...)}.
 *
 * <pre>{@code
 * Platform.named("shop").with(DataServices.postgres("orders-db")...)
 * }</pre>
 */
public abstract sealed class DataService implements PlatformFeature permits Postgres, Redis {

    DataService() {
    }

    /** The service's name: a DNS label, unique among the platform's data services. */
    public abstract String name();

    /** Where clients find the service in {@code environment}. */
    abstract Endpoint endpoint(Platform platform, Environment environment);

    /** The namespace of the service in {@code environment}: the given one, else {@code <environment namespace>-data}. */
    static String namespaceIn(Platform platform, Environment environment, @Nullable String given) {
        return given != null ? given : environment.namespaceIn(platform.name()) + "-data";
    }
}
