/**
 * Implementation of the observability module: how ServiceMonitors, PrometheusRules, dashboards and
 * tracing settings are composed. Not API: exported nowhere, may change in any release.
 */
package dev.keelson.observability.internal;
