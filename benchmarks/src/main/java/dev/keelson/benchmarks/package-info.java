/**
 * Benchmarks of synthesis: {@link dev.keelson.benchmarks.SynthesisBenchmark} (JMH, in process) and
 * {@link dev.keelson.benchmarks.SynthMain} (whole process, timed by {@code run-whole-process.sh}).
 * The platform measured is {@link dev.keelson.benchmarks.BenchmarkPlatform}: N tiers of nine
 * objects each. Figures and commands are in {@code benchmarks/RESULTS.md}.
 */
package dev.keelson.benchmarks;
