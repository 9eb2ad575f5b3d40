/** Main, configuration, wiring by hand (no DI container), bootstrap and lifecycle. */
package io.thingstead.app;
