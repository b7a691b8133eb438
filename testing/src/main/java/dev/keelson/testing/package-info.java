/**
 * Keelson testing: snapshot and AssertJ assertions for your own platforms. Add
 * {@code dev.keelson:keelson-testing} in test scope.
 *
 * <pre>{@code
 * KeelsonApprovals.verify(platform);                         // every environment, one approved file
 * KeelsonAssertions.assertThat(Keelson.synth(platform).manifest("prod"))
 *     .deployment("api").runsAsNonRoot().hasReplicas(3);
 * }</pre>
 */
@NullMarked
package dev.keelson.testing;

import org.jspecify.annotations.NullMarked;
