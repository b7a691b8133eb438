/** Keelson apply (being built). */
package dev.keelson.apply;
