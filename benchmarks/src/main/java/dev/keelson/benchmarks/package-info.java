/** Keelson benchmarks (being built). */
package dev.keelson.benchmarks;
