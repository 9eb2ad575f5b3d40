package io.thingstead.accounts;

import java.util.Locale;

public enum Role {
    ADMIN,
    POWER,
    USER,
    GUEST,
    CUSTOM;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
