package dev.keelson.core.spi;

import dev.keelson.core.Require;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * The pod template of a workload object, whichever kind it is: for features and checks that read
 * or adjust the pods of any object in the output, not only a tier's (for those, see
 * {@link TierObjects#podTemplates()}).
 *
 * <pre>{@code
 * for (HasMetadata o : synthesis.objects()) {
 *     PodTemplates.of(o).ifPresent(t -> audit(o, t.getSpec()));
 * }
 * }</pre>
 */
public final class PodTemplates {

    private PodTemplates() {
    }

    /**
     * The pod template of a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob (its job
     * template's); empty for other kinds (a bare Pod has a spec, not a template) and for an object
     * whose spec or template is not set.
     *
     * @param workload any object of the output
     */
    public static Optional<PodTemplateSpec> of(HasMetadata workload) {
        Require.nonNull(workload, "workload");
        PodTemplateSpec template = null;
        if (workload instanceof Deployment d) {
            template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        } else if (workload instanceof StatefulSet s) {
            template = s.getSpec() == null ? null : s.getSpec().getTemplate();
        } else if (workload instanceof DaemonSet d) {
            template = d.getSpec() == null ? null : d.getSpec().getTemplate();
        } else if (workload instanceof ReplicaSet r) {
            template = r.getSpec() == null ? null : r.getSpec().getTemplate();
        } else if (workload instanceof Job j) {
            template = j.getSpec() == null ? null : j.getSpec().getTemplate();
        } else if (workload instanceof CronJob c) {
            template = c.getSpec() == null || c.getSpec().getJobTemplate() == null || c.getSpec().getJobTemplate().getSpec() == null
                    ? null : c.getSpec().getJobTemplate().getSpec().getTemplate();
        }
        return Optional.ofNullable(template);
    }
}
