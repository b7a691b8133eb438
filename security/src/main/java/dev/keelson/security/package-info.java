/** Keelson security (being built). */
package dev.keelson.security;
