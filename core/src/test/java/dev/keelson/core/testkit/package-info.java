/**
 * Seeded property tests for tests (core's test-jar): {@link dev.keelson.core.testkit.Seeded} runs a
 * property over generated samples with plain JUnit 5, and {@link dev.keelson.core.testkit.Gen}
 * builds the samples from a {@link java.util.Random}. Runs are deterministic (a fixed default seed);
 * {@code -Dkeelson.seed=N} on the Maven command line picks another, and a failure names the seed,
 * the try and the command that reproduces it. {@link dev.keelson.core.testkit.DocsSnippets} is the one
 * docs-snippet checker every module's docs test uses, and {@link dev.keelson.core.testkit.NullSweep} the
 * null-argument sweep.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.keelson</groupId><artifactId>keelson-core</artifactId>
 *   <type>test-jar</type><scope>test</scope>
 * </dependency>
 *
 * Seeded.forAll(200, Gen.ints(-2, 30), n -> assertThat(Math.abs(n)).isBetween(0, 30));
 * }</pre>
 */
package dev.keelson.core.testkit;
