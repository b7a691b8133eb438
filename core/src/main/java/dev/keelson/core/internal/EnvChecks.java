package dev.keelson.core.internal;

import dev.keelson.core.ModelPath;
import dev.keelson.core.SecretRef;
import dev.keelson.core.Tier;
import dev.keelson.core.spi.Problems;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A tier's environment variables, configuration and Secrets (rules KEE-ENV-*, KEE-SECRET-*).
 */
final class EnvChecks extends Checks {

    /** The most data a ConfigMap may hold (etcd's object limit as enforced by the API server). */
    private static final int MAX_CONFIG_BYTES = 1024 * 1024;

    EnvChecks(Problems problems) {
        super(problems);
    }

    void checkEnv(Tier tier, ModelPath path) {
        Set<String> variables = new HashSet<>();
        tier.env().keySet().forEach(name -> {
            variables.add(name);
            if (!Names.envName(name)) {
                error("KEE-ENV-001", path.child("env", name), "environment variable name '" + name + "' is not valid",
                        "use letters, digits, '_', '-' and '.', not starting with a digit");
            }
        });
        for (String key : tier.config().keySet()) {
            if (tier.env().containsKey(key)) {
                error("KEE-ENV-003", path.child("env", key), "variable '" + key + "' is set by env(...) and by config(...), and env(...) silently wins",
                        "set it in one place");
            }
        }
        long configBytes = 0;
        for (Map.Entry<String, String> entry : tier.config().entrySet()) {
            String key = entry.getKey();
            if (!Names.configKey(key)) {
                error("KEE-ENV-004", path.child("config", key), "config key '" + key + "' is not valid", "use letters, digits, '_', '-' and '.'");
            }
            configBytes += key.getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (configBytes > MAX_CONFIG_BYTES) {
            error("KEE-ENV-005", path.child("config"), "config holds " + configBytes + " bytes, more than a ConfigMap's " + MAX_CONFIG_BYTES,
                    "keep large files in the image or a volume, and only settings in config(...)");
        }
        Set<String> mounts = new HashSet<>();
        for (SecretRef s : tier.secrets()) {
            ModelPath spath = path.child("secrets", s.secretName());
            if (!Names.dnsSubdomain(s.secretName())) {
                error("KEE-SECRET-001", spath, "secret name '" + s.secretName() + "' is not a DNS name",
                        "name an existing Secret: lower-case letters, digits, '-' and '.'");
            }
            if (s.mounted()) {
                if (!s.mountPath().startsWith("/")) {
                    error("KEE-SECRET-002", spath,
                            "mount path '" + s.mountPath() + "' is not absolute", "use e.g. '/var/run/secrets/" + s.secretName() + "'");
                } else if (tier.writablePaths().contains(s.mountPath())) {
                    error("KEE-SECRET-003", spath, "mount path '" + s.mountPath() + "' is also a writable path, and a directory holds one volume",
                            "mount the Secret elsewhere, e.g. '/var/run/secrets/" + s.secretName() + "'");
                } else if (!mounts.add(s.mountPath())) {
                    error("KEE-SECRET-004", spath, "mount path '" + s.mountPath() + "' is used twice", "mount each Secret in its own directory");
                } else {
                    controlCharacters(s.mountPath(), "mount path", spath);
                }
            } else {
                if (!Names.configKey(s.key())) {
                    error("KEE-SECRET-005", spath, "secret key '" + s.key() + "' is not valid", "use letters, digits, '_', '-' and '.'");
                }
                if (!Names.envName(s.envName())) {
                    error("KEE-ENV-001", spath, "environment variable name '" + s.envName() + "' is not valid",
                            "use letters, digits, '_', '-' and '.', not starting with a digit");
                } else if (!variables.add(s.envName())) {
                    error("KEE-ENV-002", path.child("env", s.envName()), "environment variable '" + s.envName() + "' is set twice",
                            "set each variable once, from a value or from a Secret");
                }
            }
        }
    }
}
