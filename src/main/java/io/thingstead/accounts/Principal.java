package io.thingstead.accounts;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.util.Set;

/**
 * Who acts, and so who a stored write names: an authenticated {@link Key} (every request and MQTT
 * session), a {@link Method} running for a device, or the {@link Platform} itself (the builtin
 * properties it maintains). Every authorization check reads the same few facts of it (its account,
 * context and scopes); only a key has an {@link ApiKey}.
 */
public sealed interface Principal permits Principal.Key, Principal.Method, Principal.Platform {
    /** The platform, writing the builtin properties ({@code active}, {@code lastIn}, ...). */
    Platform PLATFORM = new Platform();

    /** The account it acts in, or null (the sysadmin key, the platform). */
    String accountId();

    KeyContext context();

    Set<String> scopes();

    /** The id of the key it authenticated with, or null when no key acts. */
    default String keyId() {
        return null;
    }

    /** The device whose own key this is, or null when it is not a device key. */
    default String keyDevice() {
        return null;
    }

    default boolean isSysadmin() {
        return false;
    }

    default boolean isDeviceKey() {
        return keyDevice() != null;
    }

    default boolean isUserKey() {
        return false;
    }

    /** Whether this is the user key of the given user. */
    default boolean isUser(String userId) {
        return false;
    }

    default boolean has(String scope) {
        return scopes().contains(scope);
    }

    /** 401 {@code MissingScope} naming the scope when the key lacks it. */
    default void require(String scope) {
        if (!has(scope)) {
            throw new ApiException(ErrorCode.MISSING_SCOPE, "The key lacks the scope '" + scope + "'");
        }
    }

    default boolean inContext(KeyContext.Type type) {
        return context().type() == type;
    }

    /** 401 {@code WrongKeyContext} unless the key has the given context type. */
    default void requireContext(KeyContext.Type type) {
        if (!inContext(type)) {
            throw new ApiException(
                    ErrorCode.WRONG_CONTEXT,
                    "This request needs a key with context '" + type + "'; this key has '"
                            + context().type() + "'");
        }
    }

    /**
     * An authenticated key, its account, its context and its effective scopes (a user key's scopes
     * follow its user's current role).
     */
    record Key(ApiKey key, String accountId, KeyContext context, Set<String> scopes) implements Principal {
        public Key {
            scopes = Set.copyOf(scopes);
        }

        @Override
        public String keyId() {
            return key.id();
        }

        @Override
        public String keyDevice() {
            return key.ownerType() == ApiKey.Owner.DEVICE ? key.ownerId() : null;
        }

        @Override
        public boolean isSysadmin() {
            return key.ownerType() == ApiKey.Owner.SYSADMIN;
        }

        @Override
        public boolean isUserKey() {
            return key.ownerType() == ApiKey.Owner.USER;
        }

        @Override
        public boolean isUser(String userId) {
            return isUserKey() && key.ownerId().equals(userId);
        }

        /** Whether this key is owned by an API client. */
        public boolean isApiClientKey() {
            return key.ownerType() == ApiKey.Owner.APICLIENT;
        }
    }

    /**
     * A device method running for {@code deviceId} (of {@code accountId}): it reaches that device
     * alone, with the scopes of the device's own key, and holds no key of its own. {@code depth}
     * is how deep the run nests (1: called from outside; a method it calls, or one its write of a
     * bound input starts, runs one deeper), so that chains of methods stay bounded.
     */
    record Method(String deviceId, String accountId, String method, int depth) implements Principal {
        /** A run called from outside (depth 1). */
        public Method(String deviceId, String accountId, String method) {
            this(deviceId, accountId, method, 1);
        }

        @Override
        public KeyContext context() {
            return KeyContext.device(deviceId);
        }

        @Override
        public Set<String> scopes() {
            return Set.copyOf(Scopes.DEVICE_KEY);
        }
    }

    /** The platform itself: no account, no key, no scopes; it writes only what it maintains. */
    record Platform() implements Principal {
        @Override
        public String accountId() {
            return null;
        }

        @Override
        public KeyContext context() {
            return new KeyContext(KeyContext.Type.SYSTEM, java.util.List.of());
        }

        @Override
        public Set<String> scopes() {
            return Set.of();
        }
    }
}
