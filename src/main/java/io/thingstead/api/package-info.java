/**
 * The HTTP inbound adapter: one router, one class per resource, one error mapper that turns
 * {@link io.thingstead.core.ApiException} codes into status + Connio error array, and the HTTP
 * framing limits. The only package that uses Helidon. Never touches storage, mqtt or app.
 */
package io.thingstead.api;
