/** Keelson observability (being built). */
package dev.keelson.observability;
