/**
 * Shared vocabulary: ids, names, times, paging, strict JSON input, the error family with its stable
 * codes, the entity store port, and the admin mutations with the projections they change. Depends on no other Thingstead package and
 * on no server framework (Helidon, HiveMQ, JDBC).
 */
package io.thingstead.core;
