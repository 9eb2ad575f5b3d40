/**
 * Main, configuration, wiring by hand (no DI container), bootstrap, lifecycle and the admin-key
 * reset. The only package that knows storage; no other package imports this one.
 */
package io.thingstead.app;
