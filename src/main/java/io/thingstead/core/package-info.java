/**
 * Shared vocabulary: ids, names, times, the error family with its stable codes, and the entity store
 * port. Depends on no other Thingstead package.
 */
package io.thingstead.core;
