package io.thingstead.core;

/** Jackson views: {@link Internal} fields are stored but never sent to clients. */
public final class Views {
    private Views() {}

    public interface Public {}

    public interface Internal {}
}
