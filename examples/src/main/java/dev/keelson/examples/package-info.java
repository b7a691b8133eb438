/** Keelson examples (being built). */
package dev.keelson.examples;
