/**
 * The stream of stored events: what the store writer committed (points with their previous values,
 * deleted data, connection changes), told after each commit to any number of subscribers, each on
 * bounded lanes per device. Owns {@link io.thingstead.events.Source}. Never imports api, mqtt,
 * storage, app or ingest (the writer publishes here; features subscribe here).
 */
package io.thingstead.events;
