package io.thingstead.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.JsonView;
import io.thingstead.core.Copies;
import io.thingstead.core.Views;
import io.thingstead.core.Wire;
import java.util.List;

/**
 * An API key. Keys never exist on their own: each belongs to a user, a device, an API client, or
 * the system administrator ({@link #ownerType}).
 */
public record ApiKey(
        String id,
        String secret,
        String ownerId,
        String accountId,
        KeyContext context,
        List<String> scope,
        int rateLimit,
        String dateCreated,
        String dateModified,
        @JsonView(Views.Internal.class) Owner ownerType) {
    public ApiKey {
        scope = Copies.list(scope);
    }

    /** What owns a key. */
    public enum Owner {
        USER,
        DEVICE,
        APICLIENT,
        SYSADMIN;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    public ApiKey withCredentials(String newId, String newSecret, String now) {
        return new ApiKey(newId, newSecret, ownerId, accountId, context, scope, rateLimit, dateCreated, now, ownerType);
    }

    /** The key as shown to a caller that may not hold its secret: every field, the secret null. */
    public ApiKey withoutSecret() {
        return new ApiKey(
                id, null, ownerId, accountId, context, scope, rateLimit, dateCreated, dateModified, ownerType);
    }

    public ApiKey withScope(List<String> scopes) {
        return new ApiKey(
                id,
                secret,
                ownerId,
                accountId,
                context,
                List.copyOf(scopes),
                rateLimit,
                dateCreated,
                dateModified,
                ownerType);
    }

    public ApiKey withContextAndScope(KeyContext ctx, List<String> scopes, String now) {
        return new ApiKey(
                id, secret, ownerId, accountId, ctx, List.copyOf(scopes), rateLimit, dateCreated, now, ownerType);
    }
}
