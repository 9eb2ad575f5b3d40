package io.thingstead.accounts;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.util.Set;

/**
 * Who a request acts as: an authenticated key, its account, its context and its effective scopes
 * (a user key's scopes follow its user's current role).
 */
public record Principal(ApiKey key, String accountId, KeyContext context, Set<String> scopes) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean isSysadmin() {
        return key.ownerType() == ApiKey.Owner.SYSADMIN;
    }

    public boolean isDeviceKey() {
        return key.ownerType() == ApiKey.Owner.DEVICE;
    }

    public boolean isUserKey() {
        return key.ownerType() == ApiKey.Owner.USER;
    }

    /** Whether this is the user key of the given user. */
    public boolean isUser(String userId) {
        return isUserKey() && key.ownerId().equals(userId);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** 401 {@code MissingScope} naming the scope when the key lacks it. */
    public void require(String scope) {
        if (!has(scope)) {
            throw new ApiException(ErrorCode.MISSING_SCOPE, "The key lacks the scope '" + scope + "'");
        }
    }

    public boolean inContext(KeyContext.Type type) {
        return context.type() == type;
    }

    /** 401 {@code WrongKeyContext} unless the key has the given context type. */
    public void requireContext(KeyContext.Type type) {
        if (!inContext(type)) {
            throw new ApiException(
                    ErrorCode.WRONG_CONTEXT,
                    "This request needs a key with context '" + type + "'; this key has '" + context.type() + "'");
        }
    }
}
