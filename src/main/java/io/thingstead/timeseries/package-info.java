/**
 * Data points and feeds: parsing, validation of each value against the device's resolved profile,
 * the latest state, history and aggregate queries, and the device log. Owns the time-series port.
 * Never imports api, storage or app.
 */
package io.thingstead.timeseries;
