/**
 * Device activity: {@code active}/{@code inactive} deadlines kept in memory (no database write per
 * message; only transitions are written), rebuilt on restart. Decides when, not what is written:
 * ingest writes the transitions. Never imports api, mqtt, storage or app.
 */
package io.thingstead.activity;
