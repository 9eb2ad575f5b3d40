/**
 * Implementations of the store ports ({@link io.thingstead.core.EntityStore}, {@link
 * io.thingstead.timeseries.TimeSeries}): the embedded SQLite store (default) and PostgreSQL, with
 * one set of Flyway migrations for both. The only package that uses JDBC; nothing outside app may
 * import it, and it never imports api, mqtt or app.
 */
package io.thingstead.storage;
