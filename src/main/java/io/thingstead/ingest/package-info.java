/**
 * The one write pipeline REST, MQTT, methods and the platform's own writes share: authorize,
 * validate against the resolved profile, derive the builtin properties, and store durably through
 * a group-committing writer before acknowledging; the writer then tells the stored events
 * (package events). Deletes of a device's or a property's data queue with the writes. Never
 * imports api, storage or app.
 */
package io.thingstead.ingest;
