/**
 * Shared vocabulary: ids, names, times, paging, strict JSON input, the error family with its stable
 * codes, and the entity store port with the admin lock. Depends on no other Thingstead package and
 * on no server framework (Helidon, HiveMQ, JDBC).
 */
package io.thingstead.core;
