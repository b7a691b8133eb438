// snippet:shop-cluster
package com.example.shop;

import dev.keelson.apply.ClusterCommands;
import dev.keelson.core.Keelson;
import dev.keelson.core.Platform;

/** The shop platform's program with the cluster commands of keelson-apply: diff and apply. */
public final class ShopCluster {

    private ShopCluster() {
    }

    /** {@code java -cp target/shop-platform.jar com.example.shop.ShopCluster diff --env prod}. */
    public static void main(String[] args) {
        Platform platform = ShopPlatform.platform();
        System.exit(ClusterCommands.addTo(Keelson.runner(platform), platform).execute(args));
    }
}
// end:shop-cluster
