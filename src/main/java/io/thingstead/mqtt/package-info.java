/**
 * The MQTT inbound adapter: an embedded HiveMQ CE broker with an extension that authenticates
 * device keys, checks topic rights against the key's current context, feeds publishes (and wills,
 * which the broker never sees) into the same write pipeline as REST (QoS 1 PUBACK after the
 * durable store), routes and retains nothing a client sends, keeps connection status, and pushes
 * external writes to devices. Symmetric to api; never touches storage.
 */
package io.thingstead.mqtt;
