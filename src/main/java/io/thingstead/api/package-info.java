/**
 * The HTTP inbound adapter: one router, one class per resource, one error mapper that turns
 * {@link io.thingstead.core.ApiException} codes into status + Connio error array. Never touches
 * storage.
 */
package io.thingstead.api;
