/**
 * Data points and feeds: parsing, validation of each value against the device's resolved profile,
 * the latest values, history and aggregate queries, and the device log. Owns the time-series port.
 * Never imports api, mqtt, storage or app.
 */
package io.thingstead.timeseries;
