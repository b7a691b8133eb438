/** Keelson mesh (being built). */
package dev.keelson.mesh;
