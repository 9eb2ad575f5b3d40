package io.thingstead.api;

/** The Connio delete response. */
record Deleted(int nrOfItems) {}
