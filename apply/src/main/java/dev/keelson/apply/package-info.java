/**
 * Keelson apply: server-side apply of a synthesized platform to a cluster, with diff, ApplySet
 * pruning, rollout waiting and a per-object report; and the runner's {@code diff} and
 * {@code apply} subcommands.
 *
 * <pre>{@code
 * ApplyReport report = Cluster.connect().apply(platform).environment("prod").prune().run();
 * }</pre>
 *
 * <p>Implementation lives in {@code dev.keelson.apply.internal}, which is not API.
 */
@NullMarked
package dev.keelson.apply;

import org.jspecify.annotations.NullMarked;
