/**
 * Devices, their device keys (a gateway's key lists its edge devices), status, custom ids, list
 * filters (tags operators, IS-A), and which device a data request acts on. Never imports api,
 * mqtt, storage or app.
 */
package io.thingstead.devices;
