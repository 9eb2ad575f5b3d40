package io.thingstead.accounts;

/** Tells whether an id may appear in a key context of an account (devices and apps live elsewhere). */
@FunctionalInterface
public interface ContextIds {
    boolean exists(String accountId, KeyContext.Type contextType, String id);
}
