// snippet:shop-platform-test
package com.example.shop;

import static dev.keelson.testing.KeelsonAssertions.assertThat;

import dev.keelson.testing.KeelsonApprovals;
import org.junit.jupiter.api.Test;

class ShopPlatformTest {

    @Test
    void platformIsUnchanged() {
        // approved file: ShopPlatformTest.platformIsUnchanged.approved.yaml, next to this class
        KeelsonApprovals.verify(ShopPlatform.platform());
    }

    @Test
    void apiIsLockedDownInProd() {
        assertThat(ShopPlatform.platform(), "prod")
                .deployment("api")
                .runsAsNonRoot()
                .hasReadOnlyRootFilesystem()
                .dropsAllCapabilities();
    }
}
// end:shop-platform-test
