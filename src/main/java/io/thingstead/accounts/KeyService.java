package io.thingstead.accounts;

import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Ids;
import io.thingstead.core.Secrets;
import io.thingstead.core.Subscription;
import io.thingstead.core.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Authenticates keys and creates, regenerates and re-scopes them. */
public final class KeyService {
    public static final int UNLIMITED_RATE = -1;

    private final Directory dir;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;

    public KeyService(Directory dir, Admin admin, Ids ids, InstantSource clock) {
        this.dir = dir;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Called with the old key whenever a key stops being valid as it was (regenerated, re-scoped,
     * owner deleted), once the change is stored, whoever stored it.
     */
    public Subscription onRevoked(Consumer<ApiKey> listener) {
        return dir.onKeyChanged(listener);
    }

    public Principal authenticate(String keyId, String secret) {
        ApiKey key = dir.key(keyId);
        if (key == null || secret == null || !constantTimeEquals(key.secret(), secret)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "Wrong API key id or secret");
        }
        return principalOf(key);
    }

    /**
     * What a key may do now, for a live session that authenticated with it earlier: context
     * changes apply at once; a regenerated or deleted key is no longer valid.
     */
    public Principal current(String keyId) {
        ApiKey key = dir.key(keyId);
        if (key == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The key is no longer valid");
        }
        return principalOf(key);
    }

    private Principal principalOf(ApiKey key) {
        if (key.ownerType() == ApiKey.Owner.SYSADMIN) {
            return new Principal.Key(key, null, key.context(), Set.of());
        }
        if (!dir.usable(key.accountId())) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The account of this key is closed or suspended");
        }
        if (key.ownerType() == ApiKey.Owner.USER) {
            User user = dir.user(key.ownerId());
            if (user == null || user.status() == User.Status.DISABLED) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "The user of this key is disabled");
            }
            return new Principal.Key(key, key.accountId(), key.context(), Scopes.forRole(user.role()));
        }
        return new Principal.Key(key, key.accountId(), key.context(), new LinkedHashSet<>(key.scope()));
    }

    /** The key with this id now, or null (regenerated and deleted keys are gone). */
    public ApiKey find(String keyId) {
        return keyId == null ? null : dir.key(keyId);
    }

    /** Whether a key id is valid now (regenerated and deleted keys are not). */
    public boolean exists(String keyId) {
        return dir.key(keyId) != null;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A new key for an owner; the caller persists the returned change inside its mutation. */
    public ApiKey newKey(
            ApiKey.Owner ownerType, String ownerId, String accountId, KeyContext ctx, List<String> scopes) {
        String now = Times.format(clock.instant());
        return new ApiKey(
                ids.next("key"),
                Secrets.next(),
                ownerId,
                accountId,
                ctx,
                List.copyOf(scopes),
                UNLIMITED_RATE,
                now,
                now,
                ownerType);
    }

    /** A key with given credentials (bootstrap from {@code THINGSTEAD_ADMIN_KEY}). */
    public ApiKey fixedKey(
            String keyId,
            String secret,
            ApiKey.Owner ownerType,
            String ownerId,
            String accountId,
            KeyContext ctx,
            List<String> scopes) {
        String now = Times.format(clock.instant());
        return new ApiKey(
                keyId, secret, ownerId, accountId, ctx, List.copyOf(scopes), UNLIMITED_RATE, now, now, ownerType);
    }

    public static Change change(ApiKey key) {
        return Change.put(Directory.KEY, key.id(), key.accountId(), key);
    }

    /**
     * Deletes an owner (user, API client, device) with its key in one atomic write, and takes the
     * owner out of every other key's context (a gateway listing a deleted edge device). Must run
     * inside an admin mutation.
     */
    public void deleteOwner(Change ownerDeletion, String ownerId) {
        List<Change> changes = new ArrayList<>(List.of(ownerDeletion));
        ApiKey key = dir.keyOf(ownerId);
        if (key != null) {
            changes.add(Change.delete(Directory.KEY, key.id()));
        }
        String now = Times.format(clock.instant());
        for (ApiKey holder : keysHolding(ownerId)) {
            List<String> remaining = holder.context().ids().stream()
                    .filter(id -> !id.equals(ownerId))
                    .toList();
            changes.add(change(holder.withContextAndScope(
                    new KeyContext(holder.context().type(), remaining), holder.scope(), now)));
        }
        admin.persist(changes);
    }

    public ApiKey keyOf(String ownerId) {
        ApiKey key = dir.keyOf(ownerId);
        if (key == null) {
            throw ApiException.notFound("API key of", ownerId);
        }
        return key;
    }

    /** New id and secret; the old credentials stop working at once. */
    public ApiKey regenerate(String ownerId) {
        return admin.mutate(() -> {
            ApiKey old = keyOf(ownerId);
            ApiKey fresh = old.withCredentials(ids.next("key"), Secrets.next(), Times.format(clock.instant()));
            admin.persist(List.of(Change.delete(Directory.KEY, old.id()), change(fresh)));
            return fresh;
        });
    }

    /** Replaces context and scope; must run inside an admin mutation. */
    public ApiKey replaceContext(ApiKey old, KeyContext ctx, List<String> scopes) {
        ApiKey updated = old.withContextAndScope(ctx, scopes, Times.format(clock.instant()));
        admin.persist(List.of(change(updated)));
        return updated;
    }

    private static final String SYSADMIN_OWNER = "_sysadmin_";

    public ApiKey sysadminKey() {
        return dir.keyOf(SYSADMIN_OWNER);
    }

    /** The one sysadmin key, for {@code /v3/sys}; it belongs to no account. */
    public ApiKey createSysadmin(String keyId, String secret) {
        return admin.mutate(() -> {
            ApiKey key = fixedKey(
                    keyId,
                    secret,
                    ApiKey.Owner.SYSADMIN,
                    SYSADMIN_OWNER,
                    null,
                    new KeyContext(KeyContext.Type.SYSTEM, List.of()),
                    List.of());
            admin.persist(List.of(change(key)));
            return key;
        });
    }

    /** Every key whose context lists the given id (e.g. gateways that hold a device). */
    public List<ApiKey> keysHolding(String id) {
        List<ApiKey> out = new ArrayList<>();
        for (ApiKey k : dir.keys()) {
            if (k.context().holds(id) && !id.equals(k.ownerId())) {
                out.add(k);
            }
        }
        return out;
    }
}
