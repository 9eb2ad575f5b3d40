package io.thingstead.ingest;

/** The write receipt: how many points were accepted and how many rejected. */
public record Receipt(int accepted, int rejected) {}
