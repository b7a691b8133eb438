package dev.keelson.core.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** The pod template of a workload object, whichever kind it is. Internal. */
final class PodTemplates {

    private PodTemplates() {
    }

    /**
     * The pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob (its
     * job template's), or {@code null} for other kinds and for objects without one.
     */
    static PodTemplateSpec of(HasMetadata o) {
        if (o instanceof Deployment d) {
            return d.getSpec() == null ? null : d.getSpec().getTemplate();
        } else if (o instanceof StatefulSet s) {
            return s.getSpec() == null ? null : s.getSpec().getTemplate();
        } else if (o instanceof DaemonSet d) {
            return d.getSpec() == null ? null : d.getSpec().getTemplate();
        } else if (o instanceof ReplicaSet r) {
            return r.getSpec() == null ? null : r.getSpec().getTemplate();
        } else if (o instanceof Job j) {
            return j.getSpec() == null ? null : j.getSpec().getTemplate();
        } else if (o instanceof CronJob c) {
            return c.getSpec() == null || c.getSpec().getJobTemplate() == null || c.getSpec().getJobTemplate().getSpec() == null
                    ? null : c.getSpec().getJobTemplate().getSpec().getTemplate();
        }
        return null;
    }
}
