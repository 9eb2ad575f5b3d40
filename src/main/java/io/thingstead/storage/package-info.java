/**
 * Implementations of the store ports: the embedded SQLite store (default) and PostgreSQL, with one
 * set of Flyway migrations for both. Nothing outside app may import this package.
 */
package io.thingstead.storage;
