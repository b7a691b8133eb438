/**
 * A picture of a synthesized platform: {@link dev.keelson.graph.PlatformGraph} draws one
 * environment's tiers, namespaces, exposure and flows as Mermaid, DOT, SVG or a self-contained HTML
 * page, and {@link dev.keelson.graph.GraphCommand} is the runner's {@code graph} subcommand.
 */
@NullMarked
package dev.keelson.graph;

import org.jspecify.annotations.NullMarked;
