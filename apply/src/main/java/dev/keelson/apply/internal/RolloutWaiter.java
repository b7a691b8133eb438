package dev.keelson.apply.internal;

import dev.keelson.apply.ObjectRef;
import dev.keelson.apply.Rollout;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code apply --wait}: polls the applied workloads until each is rolled out as {@code kubectl
 * rollout status} judges it (Deployments, StatefulSets, DaemonSets) or complete (Jobs), and
 * explains a Job that failed for good by its failed pod. Internal.
 */
final class RolloutWaiter {

    private final KubernetesClient client;
    private final Retrier retrier;
    private final Progress progress;

    RolloutWaiter(KubernetesClient client, Retrier retrier, Progress progress) {
        this.client = client;
        this.retrier = retrier;
        this.progress = progress;
    }

    /**
     * Waits until every Deployment, StatefulSet, DaemonSet and Job of {@code members} is rolled out
     * (or complete), fails for good, or the timeout passes; adds each one's last rollout to
     * {@code rollouts}. Empty when all are ready, else what is late or failed and the fix.
     */
    Optional<Stop> waitFor(List<HasMetadata> members, Duration timeout, List<Rollout> rollouts) {
        // CronJobs are left out: they have no rollout to wait for
        List<ObjectRef> workloads = new ArrayList<>();
        for (HasMetadata m : members) {
            if (m instanceof Deployment || m instanceof StatefulSet || m instanceof DaemonSet || m instanceof Job) {
                workloads.add(ObjectRef.of(m));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = Math.max(20, Math.min(2000, timeout.toMillis() / 20));
        Map<ObjectRef, Rollout> latest = new LinkedHashMap<>();
        Map<ObjectRef, String> shortStatus = new LinkedHashMap<>();
        Set<ObjectRef> pending = new LinkedHashSet<>(workloads);
        Set<ObjectRef> failed = new LinkedHashSet<>();
        while (true) {
            for (ObjectRef ref : new ArrayList<>(pending)) {
                Rollout r;
                try {
                    r = retrier.call(() -> readRollout(ref), new AtomicInteger());
                } catch (KubernetesClientException e) {
                    r = new Rollout(ref, false, "cannot read: " + ApiErrors.explain(e));
                }
                latest.put(ref, r);
                shortStatus.put(ref, shortStatus(r));
                if (r.ready()) {
                    pending.remove(ref);
                } else if (r.status().startsWith(FAILED_PREFIX)) {
                    // a failed Job does not recover by waiting
                    pending.remove(ref);
                    failed.add(ref);
                }
            }
            List<String> waitingFor = new ArrayList<>();
            for (ObjectRef ref : pending) {
                waitingFor.add(shortStatus.get(ref));
            }
            for (ObjectRef ref : failed) {
                waitingFor.add(shortStatus.get(ref));
            }
            progress.waiting(workloads.size() - pending.size() - failed.size(), workloads.size(), waitingFor);
            if (pending.isEmpty() || System.nanoTime() >= deadline) {
                break;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ObjectRef ref : workloads) {
            rollouts.add(latest.get(ref));
        }
        if (pending.isEmpty() && failed.isEmpty()) {
            return Optional.empty();
        }
        String error = "";
        if (!failed.isEmpty()) {
            ObjectRef first = failed.iterator().next();
            error = failed.size() + " of " + workloads.size() + " " + noun(workloads) + " failed: " + first + " ("
                    + latest.get(first).status() + "). Fix: kubectl logs -n " + first.namespace() + " job/" + first.name()
                    + " shows its output; correct it in the platform and apply again";
        }
        if (!pending.isEmpty()) {
            ObjectRef first = pending.iterator().next();
            error += (error.isEmpty() ? "" : "; ") + pending.size() + " of " + workloads.size() + " " + noun(workloads)
                    + " not " + (workloads.stream().allMatch(r -> r.kind().equals("Job")) ? "complete" : "rolled out")
                    + " within " + Stop.format(timeout) + ". Fix: look at their pods (kubectl describe "
                    + first.kind().toLowerCase(Locale.ROOT) + " -n " + first.namespace() + " " + first.name()
                    + "), or wait longer with --wait=<duration>";
        }
        return Stop.because(error);
    }

    private static String noun(List<ObjectRef> workloads) {
        boolean onlyDeployments = workloads.stream().allMatch(r -> r.kind().equals("Deployment"));
        return onlyDeployments ? "Deployment" + (workloads.size() == 1 ? "" : "s") : "workload" + (workloads.size() == 1 ? "" : "s");
    }

    /** What a live progress line shows of a workload: {@code api 1/2 available}, {@code migrate running}. */
    private static String shortStatus(Rollout r) {
        String name = r.object().name();
        if (r.ready()) {
            return name + " ready";
        }
        if (r.status().startsWith(FAILED_PREFIX)) {
            return name + " failed";
        }
        Matcher m = AVAILABLE.matcher(r.status());
        if (m.find()) {
            return name + " " + m.group(1) + " available";
        }
        m = READY.matcher(r.status());
        if (m.find()) {
            return name + " " + m.group(1) + " ready";
        }
        return name + " " + (r.object().kind().equals("Job") ? "running" : "rolling out");
    }

    private static final Pattern AVAILABLE = Pattern.compile("(\\d+/\\d+) available");
    private static final Pattern READY = Pattern.compile("(\\d+/\\d+) ready");
    /** How a Job's status starts when it failed for good. */
    static final String FAILED_PREFIX = "failed";

    /**
     * Complete when the Job has the condition Complete; failed for good with the condition Failed,
     * then the status names the reason and the failed pod's reason or its container's termination.
     */
    Rollout rollout(ObjectRef ref, Job job) {
        JobStatus s = job.getStatus();
        int completions = job.getSpec() == null || job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        int succeeded = s == null || s.getSucceeded() == null ? 0 : s.getSucceeded();
        int active = s == null || s.getActive() == null ? 0 : s.getActive();
        int failedPods = s == null || s.getFailed() == null ? 0 : s.getFailed();
        JobCondition failedCondition = null;
        boolean complete = false;
        if (s != null && s.getConditions() != null) {
            for (JobCondition c : s.getConditions()) {
                if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
                    complete = true;
                } else if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
                    failedCondition = c;
                }
            }
        }
        if (failedCondition != null) {
            String why = FAILED_PREFIX + ": " + (failedCondition.getReason() == null ? "Failed" : failedCondition.getReason())
                    + (failedCondition.getMessage() == null ? "" : " (" + failedCondition.getMessage() + ")");
            String pod = failedPod(ref);
            return new Rollout(ref, false, why + (pod.isEmpty() ? "" : "; " + pod));
        }
        String status = String.format(Locale.ROOT, "%d/%d succeeded, %d active, %d failed pods", succeeded, completions,
                active, failedPods);
        return new Rollout(ref, complete || succeeded >= completions, status);
    }

    /** The first failed pod of a Job: its reason and message, or its container's termination. */
    private String failedPod(ObjectRef job) {
        List<Pod> pods;
        try {
            pods = retrier.call(() -> client.pods().inNamespace(job.namespace()).withLabel("job-name", job.name()).list()
                    .getItems(), new AtomicInteger());
        } catch (KubernetesClientException e) {
            return "";
        }
        for (Pod pod : pods) {
            PodStatus ps = pod.getStatus();
            if (ps == null || !"Failed".equals(ps.getPhase())) {
                continue;
            }
            StringBuilder out = new StringBuilder("pod ").append(pod.getMetadata().getName());
            if (ps.getReason() != null) {
                out.append(": ").append(ps.getReason()).append(ps.getMessage() == null ? "" : " (" + ps.getMessage() + ")");
            }
            if (ps.getContainerStatuses() != null) {
                for (ContainerStatus cs : ps.getContainerStatuses()) {
                    ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
                    if (t == null && cs.getLastState() != null) {
                        t = cs.getLastState().getTerminated();
                    }
                    if (t != null && (t.getExitCode() == null || t.getExitCode() != 0)) {
                        out.append(": container ").append(cs.getName()).append(" terminated ")
                                .append(t.getReason() == null ? "" : t.getReason()).append(", exit code ").append(t.getExitCode())
                                .append(t.getMessage() == null || t.getMessage().isBlank() ? "" : " (" + t.getMessage().strip() + ")");
                        break;
                    }
                }
            }
            return out.toString();
        }
        return "";
    }

    /** The rollout of one workload as the server reports it now. */
    private Rollout readRollout(ObjectRef ref) {
        var apps = client.apps();
        switch (ref.kind()) {
            case "StatefulSet" -> {
                StatefulSet s = apps.statefulSets().inNamespace(ref.namespace()).withName(ref.name()).get();
                return s == null ? new Rollout(ref, false, "not found") : rollout(ref, s);
            }
            case "DaemonSet" -> {
                DaemonSet d = apps.daemonSets().inNamespace(ref.namespace()).withName(ref.name()).get();
                return d == null ? new Rollout(ref, false, "not found") : rollout(ref, d);
            }
            case "Job" -> {
                Job j = client.batch().v1().jobs().inNamespace(ref.namespace()).withName(ref.name()).get();
                return j == null ? new Rollout(ref, false, "not found") : rollout(ref, j);
            }
            default -> {
                Deployment d = apps.deployments().inNamespace(ref.namespace()).withName(ref.name()).get();
                return d == null ? new Rollout(ref, false, "not found") : rollout(ref, d);
            }
        }
    }

    /**
     * Ready when the controller saw the latest generation and every desired replica runs the
     * update revision and is ready ({@code kubectl rollout status} for a StatefulSet).
     */
    static Rollout rollout(ObjectRef ref, StatefulSet st) {
        long generation = st.getMetadata().getGeneration() == null ? 0 : st.getMetadata().getGeneration();
        int desired = st.getSpec() == null || st.getSpec().getReplicas() == null ? 1 : st.getSpec().getReplicas();
        StatefulSetStatus s = st.getStatus();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int ready = s == null || s.getReadyReplicas() == null ? 0 : s.getReadyReplicas();
        boolean revision = s != null && s.getUpdateRevision() != null && s.getUpdateRevision().equals(s.getCurrentRevision());
        boolean done = observed >= generation && updated >= desired && ready >= desired && revision;
        String status = String.format(Locale.ROOT, "generation %d observed %d, %d/%d updated, %d/%d ready, revision %s",
                generation, observed, updated, desired, ready, desired, revision ? "current" : "updating");
        return new Rollout(ref, done, status);
    }

    /** Ready when the controller saw the latest generation and every scheduled pod is updated and available. */
    static Rollout rollout(ObjectRef ref, DaemonSet ds) {
        long generation = ds.getMetadata().getGeneration() == null ? 0 : ds.getMetadata().getGeneration();
        DaemonSetStatus s = ds.getStatus();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int desired = s == null || s.getDesiredNumberScheduled() == null ? 0 : s.getDesiredNumberScheduled();
        int updated = s == null || s.getUpdatedNumberScheduled() == null ? 0 : s.getUpdatedNumberScheduled();
        int available = s == null || s.getNumberAvailable() == null ? 0 : s.getNumberAvailable();
        boolean done = s != null && observed >= generation && updated >= desired && available >= desired;
        String status = String.format(Locale.ROOT, "generation %d observed %d, %d/%d updated, %d/%d available",
                generation, observed, updated, desired, available, desired);
        return new Rollout(ref, done, status);
    }

    /** Ready when the controller saw the latest generation and every desired replica is updated and available. */
    static Rollout rollout(ObjectRef ref, Deployment d) {
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        int desired = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        DeploymentStatus s = d.getStatus();
        long observed = s == null || s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        int updated = s == null || s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int available = s == null || s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
        int total = s == null || s.getReplicas() == null ? 0 : s.getReplicas();
        boolean ready = observed >= generation && updated >= desired && available >= desired && total <= updated;
        String status = String.format(Locale.ROOT, "generation %d observed %d, %d/%d updated, %d/%d available, %d total",
                generation, observed, updated, desired, available, desired, total);
        return new Rollout(ref, ready, status);
    }
}
