/**
 * Device profiles with single IS-A inheritance, the builtin {@code Device → ConnectedDevice →
 * Gateway} chain, and property definitions (type, access, publish, boundaries, retention). Resolves
 * a profile's chain once and caches it. Never imports api, mqtt, storage or app.
 */
package io.thingstead.profiles;
