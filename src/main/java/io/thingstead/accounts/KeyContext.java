package io.thingstead.accounts;

import java.util.List;

/** The context of an API key: what it may act on ({@code account}, {@code app} or {@code device} ids). */
public record KeyContext(String type, List<String> ids) {
    public static final String ACCOUNT = "account";
    public static final String DEVICE = "device";
    public static final String APP = "app";

    public KeyContext {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    public static KeyContext account(String accountId) {
        return new KeyContext(ACCOUNT, List.of(accountId));
    }

    public static KeyContext device(String deviceId) {
        return new KeyContext(DEVICE, List.of(deviceId));
    }

    public boolean holds(String id) {
        return ids.contains(id);
    }
}
