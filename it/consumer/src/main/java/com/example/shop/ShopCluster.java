// snippet:shop-cluster
package com.example.shop;

import dev.keelson.apply.ClusterCommands;
import dev.keelson.core.Keelson;

/** The shop platform's program with the cluster commands of keelson-apply: diff, apply and destroy. */
public final class ShopCluster {

    private ShopCluster() {
    }

    /** {@code java -cp target/shop-platform.jar com.example.shop.ShopCluster diff --env prod}. */
    public static void main(String[] args) {
        System.exit(ClusterCommands.addTo(Keelson.runner(ShopPlatform::platform)).execute(args));
    }
}
// end:shop-cluster
