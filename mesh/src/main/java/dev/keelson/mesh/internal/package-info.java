/** Implementation of the mesh module. Internal: exported nowhere, may change at any time. */
package dev.keelson.mesh.internal;
