package dev.keelson.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A tier that runs one pod on every node: a DaemonSet, for node agents (log shippers, metrics
 * exporters). It keeps the secure pod defaults; what a node agent often needs beyond them is declared
 * here, by name, and never granted silently: a hostPath volume or the host's network breaks the
 * baseline Pod Security level, so a security baseline reports it (SEC-PSS-004, SEC-PSS-001) until it
 * is waived with a reason ({@code SecurityBaseline...waive(SecurityRule.PSS_004, DaemonSet.class,
 * "logs", "reads the nodes' container logs")}), and the namespace must admit it.
 *
 * <pre>{@code
 * Tier.named("logs").image("ghcr.io/acme/agent:3.1.0")
 *     .daemonSet(NodeAgent.none().hostPath("/var/log"));       // mounted read-only at /var/log
 * }</pre>
 *
 * @param hostPaths the node's directories mounted into the pod, at the same path, in order
 * @param hostNetwork whether the pod uses the node's network namespace. Default: false
 */
public record NodeAgent(List<HostPath> hostPaths, boolean hostNetwork) implements Workload {

    /** A DaemonSet with nothing of the node's: no hostPath, no host network. */
    public static final NodeAgent NONE = new NodeAgent(List.of(), false);

    /**
     * A directory of the node, mounted at the same path.
     *
     * @param path an absolute directory on the node
     * @param readOnly whether the container may only read it
     */
    public record HostPath(String path, boolean readOnly) {
        /** Checks the null at once; the path is checked with the platform (KEE-KIND-030). */
        public HostPath {
            Require.nonNull(path, "path");
        }
    }

    /** Copies the list. */
    public NodeAgent {
        Require.noNulls(hostPaths, "hostPaths");
        hostPaths = List.copyOf(hostPaths);
    }

    /** Nothing of the node: {@link #NONE}. */
    public static NodeAgent none() {
        return NONE;
    }

    /** This agent with the node's {@code directory} mounted read-only at the same path (a weakening: SEC-PSS-004). */
    public NodeAgent hostPath(String directory) {
        Require.nonNull(directory, "directory");
        return withPath(new HostPath(directory, true));
    }

    /** This agent with the node's {@code directory} mounted writable at the same path (a weakening: SEC-PSS-004). */
    public NodeAgent writableHostPath(String directory) {
        Require.nonNull(directory, "directory");
        return withPath(new HostPath(directory, false));
    }

    /** This agent in the node's network namespace (a weakening: SEC-PSS-001); its DNS policy follows ({@code ClusterFirstWithHostNet}). */
    public NodeAgent inHostNetwork() {
        return new NodeAgent(hostPaths, true);
    }

    private NodeAgent withPath(HostPath p) {
        List<HostPath> copy = new ArrayList<>(hostPaths);
        copy.add(p);
        return new NodeAgent(copy, hostNetwork);
    }

    @Override
    public Kind kind() {
        return Kind.DAEMON_SET;
    }
}
