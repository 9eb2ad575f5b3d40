/**
 * Device activity: {@code active}/{@code inactive} deadlines kept in memory (no database write per
 * message; only transitions are written), rebuilt on restart. Never imports api, storage or app.
 */
package io.thingstead.activity;
