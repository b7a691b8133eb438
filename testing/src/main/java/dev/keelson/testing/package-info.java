/** Keelson testing (being built). */
package dev.keelson.testing;
