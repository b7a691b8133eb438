package dev.keelson.data;

import dev.keelson.core.Environment;
import dev.keelson.core.Platform;
import dev.keelson.core.Resources;
import dev.keelson.core.Tier;
import dev.keelson.core.testkit.NullSweep;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("every public method of the data module names the call and the parameter when given null")
class NullArgumentsTest {

    @Test
    @DisplayName("DataServices, Postgres, Redis, Backups and DataAccess refuse null in every argument not marked @Nullable")
    void sweep() {
        Platform shop = Fixtures.shop().build();
        NullSweep.of("dev.keelson.data")
                .sample(Platform.class, () -> shop)
                .sample(Tier.class, () -> shop.tiers().get(1))
                .sample(Environment.class, Environment::prod)
                .sample(Postgres.class, Fixtures::ordersDb)
                .sample(Redis.class, Fixtures::cache)
                .sample(DataService.class, Fixtures::cache)
                .sample(Backups.class, () -> Backups.s3("s3://b/p", "s"))
                .sample(DataAccess.class, () -> DataAccess.to("cache"))
                .sample(Resources.class, () -> Resources.requests("100m", "128Mi"))
                .run();
    }
}
