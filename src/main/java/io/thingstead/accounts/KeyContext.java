package io.thingstead.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The context of an API key: what it may act on ({@code account}, {@code app} or {@code device} ids). */
public record KeyContext(Type type, List<String> ids) {
    /** What a key's context lists: accounts, apps or devices; the sysadmin key's alone is the system. */
    public enum Type {
        ACCOUNT,
        APP,
        DEVICE,
        SYSTEM;

        /** The types a request may give a key. */
        public static final Set<Type> GRANTABLE = EnumSet.of(ACCOUNT, APP, DEVICE);

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    public KeyContext {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    public static KeyContext account(String accountId) {
        return new KeyContext(Type.ACCOUNT, List.of(accountId));
    }

    public static KeyContext device(String deviceId) {
        return new KeyContext(Type.DEVICE, List.of(deviceId));
    }

    public boolean holds(String id) {
        return ids.contains(id);
    }
}
