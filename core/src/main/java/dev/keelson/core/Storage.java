package dev.keelson.core;

import org.jspecify.annotations.Nullable;

/**
 * A persistent volume of each pod of a stateful tier: one {@code volumeClaimTemplates} entry of its
 * StatefulSet, so every pod gets a PersistentVolumeClaim of its own ({@code <name>-<tier>-<ordinal>})
 * that outlives the pod.
 *
 * <pre>{@code
 * Storage.of("10Gi")                                   // "data" at /data, ReadWriteOnce, the default class
 * Storage.of("50Gi").storageClass("fast").named("wal").mountedAt("/var/lib/postgresql/wal")
 * }</pre>
 *
 * <p><b>Growing a volume</b> is not a setting here: whether a bound claim can grow is a property of
 * its StorageClass ({@code allowVolumeExpansion: true}), and a StatefulSet's
 * {@code volumeClaimTemplates} cannot be changed after it is created. To grow the volumes, raise the
 * size here (for new pods) and patch each existing PersistentVolumeClaim's
 * {@code spec.resources.requests.storage}; the size is checked when the platform is built (KEE-KIND-010).
 *
 * @param name the claim template's name (and the volume's in the pod). Default: {@code data}
 * @param size the requested size, a Kubernetes quantity such as {@code 10Gi}
 * @param storageClass the StorageClass; {@code null} (the default) uses the cluster's default class
 * @param accessMode how the volume may be mounted. Default: {@link AccessMode#READ_WRITE_ONCE}
 * @param mountPath where the container sees it. Default: {@code /data}
 */
public record Storage(String name, String size, @Nullable String storageClass, AccessMode accessMode, String mountPath) {

    /** How a volume may be mounted (a PersistentVolumeClaim's {@code accessModes}). */
    public enum AccessMode {
        /** One node mounts it read-write ({@code ReadWriteOnce}). The default. */
        READ_WRITE_ONCE("ReadWriteOnce"),
        /** One pod mounts it read-write ({@code ReadWriteOncePod}, GA in Kubernetes 1.29; CSI volumes only). */
        READ_WRITE_ONCE_POD("ReadWriteOncePod"),
        /** Many nodes mount it read-only ({@code ReadOnlyMany}). */
        READ_ONLY_MANY("ReadOnlyMany"),
        /** Many nodes mount it read-write ({@code ReadWriteMany}). */
        READ_WRITE_MANY("ReadWriteMany");

        private final String value;

        AccessMode(String value) {
            this.value = value;
        }

        /** The value Kubernetes spells: {@code ReadWriteOnce}, ... */
        public String value() {
            return value;
        }
    }

    /** Checks nulls at once; the name, size, class and path are checked with the platform (KEE-KIND-010, 011). */
    public Storage {
        Require.nonNull(name, "name");
        Require.nonNull(size, "size");
        Require.nonNull(accessMode, "accessMode");
        Require.nonNull(mountPath, "mountPath");
    }

    /** A volume of {@code size} (e.g. {@code 10Gi}) named {@code data}, at {@code /data}, ReadWriteOnce, of the default StorageClass. */
    public static Storage of(String size) {
        Require.nonNull(size, "size");
        return new Storage("data", size, null, AccessMode.READ_WRITE_ONCE, "/data");
    }

    /** This volume of the StorageClass {@code storageClass} (e.g. {@code fast}); it decides whether the volume can grow. */
    public Storage storageClass(String storageClass) {
        Require.nonNull(storageClass, "storageClass");
        return new Storage(name, size, storageClass, accessMode, mountPath);
    }

    /** This volume with another access mode. */
    public Storage accessMode(AccessMode accessMode) {
        Require.nonNull(accessMode, "accessMode");
        return new Storage(name, size, storageClass, accessMode, mountPath);
    }

    /** This volume under another name (a DNS label: the claims are {@code <name>-<tier>-<ordinal>}). */
    public Storage named(String name) {
        Require.nonNull(name, "name");
        return new Storage(name, size, storageClass, accessMode, mountPath);
    }

    /** This volume mounted at {@code directory} (an absolute path). */
    public Storage mountedAt(String directory) {
        Require.nonNull(directory, "directory");
        return new Storage(name, size, storageClass, accessMode, directory);
    }
}
