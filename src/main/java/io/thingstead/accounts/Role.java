package io.thingstead.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;

/** A user's role; its scopes are {@link Scopes#forRole}'s. On the wire, lower case ({@link Wire}). */
public enum Role {
    ADMIN,
    POWER,
    USER,
    GUEST,
    CUSTOM;

    @JsonValue
    @Override
    public String toString() {
        return Wire.name(this);
    }
}
