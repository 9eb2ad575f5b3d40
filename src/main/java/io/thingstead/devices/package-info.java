/**
 * Devices, their device keys (a gateway's key lists its edge devices), status, custom ids, and
 * list filters (tags operators, IS-A). Never imports api, storage or app.
 */
package io.thingstead.devices;
