/** Implementation of the autoscaling module: validation, object rendering and checks. Not API. */
package dev.keelson.autoscaling.internal;
