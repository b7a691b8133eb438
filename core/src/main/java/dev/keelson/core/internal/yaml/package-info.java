/**
 * Core's YAML output: {@link dev.keelson.core.internal.yaml.Yaml} (the entry point),
 * {@link dev.keelson.core.internal.yaml.YamlGenerator} (block layout), {@code ScalarStyle} (how a
 * scalar is spelled: plain or quoted, escapes, numbers), {@code ModelWriter} (fabric8 objects
 * without Jackson's databind) and {@link dev.keelson.core.internal.yaml.OutputWriter} (the files,
 * committed atomically). Depends on {@code dev.keelson.core.internal}, never the other way. Not
 * API: anything here may change in any release.
 */
package dev.keelson.core.internal.yaml;
