/** Implementation of Keelson's core. Not API: anything here may change in any release. */
package dev.keelson.core.internal;
