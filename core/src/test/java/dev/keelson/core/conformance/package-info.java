/**
 * Schema conformance for tests (core's test-jar): {@link dev.keelson.core.conformance.SchemaConformance}
 * checks generated objects, written YAML and whole {@code dist/} trees against the upstream
 * Kubernetes OpenAPI spec and CRDs in {@code shared/schemas}, failing on unknown fields, wrong
 * types and missing required fields, and skipping (with a message) when the folder is absent.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.keelson</groupId><artifactId>keelson-core</artifactId>
 *   <type>test-jar</type><scope>test</scope>
 * </dependency>
 * <dependency>   <!-- the harness reads the CRDs and written YAML with it -->
 *   <groupId>com.fasterxml.jackson.dataformat</groupId><artifactId>jackson-dataformat-yaml</artifactId>
 *   <scope>test</scope>
 * </dependency>
 *
 * SchemaConformance.assertConforms(Keelson.synth(platform).manifest("prod"));
 * SchemaConformance.assertTreeConforms(Path.of("dist"));
 * }</pre>
 */
package dev.keelson.core.conformance;
