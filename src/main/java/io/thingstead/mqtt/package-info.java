/**
 * The MQTT inbound adapter: an embedded HiveMQ CE broker with an extension that authenticates
 * device keys, checks topic rights against the key's current context, feeds publishes into the
 * same write pipeline as REST (QoS 1 PUBACK after the durable store), keeps connection status,
 * and pushes external writes to devices. Symmetric to api; never touches storage.
 */
package io.thingstead.mqtt;
