/** Keelson autoscaling (being built). */
package dev.keelson.autoscaling;
