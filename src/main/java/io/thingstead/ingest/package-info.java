/**
 * The one write pipeline REST, MQTT and methods share: authorize, validate against the resolved
 * profile, derive the builtin properties, and store durably through a group-committing writer
 * before acknowledging. Never imports api, storage or app.
 */
package io.thingstead.ingest;
