/**
 * Implementation of the data module: how the CloudNativePG and Redis objects, the data namespace and
 * its network policies are composed. Not API: exported nowhere, may change in any release.
 */
package dev.keelson.data.internal;
