package io.thingstead.accounts;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Subscribers;
import io.thingstead.core.Subscription;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a key holds, and the rule that keeps every key inside it: a key never reads, grants or
 * changes more than it holds itself (README: Security model).
 *
 * <p>A key holds its scopes (a user key: those of its user's current role) and the ids it reaches.
 * An account-context key reaches the accounts its context lists and their direct sub-accounts,
 * and every device of those; a device-context key reaches exactly the devices it lists.
 */
public final class Rights {
    private final Directory dir;
    private final Subscribers<ContextIds> contextIds = new Subscribers<>();

    public Rights(Directory dir) {
        this.dir = dir;
    }

    /**
     * Adds a feature that tells which of its ids (devices, later apps) exist in an account; an id
     * exists when any of them says so.
     */
    public Subscription addContextIds(ContextIds ids) {
        return contextIds.add(ids);
    }

    boolean exists(String accountId, KeyContext.Type type, String id) {
        return contextIds.any(c -> c.exists(accountId, type, id));
    }

    /** The accounts an account-context key reaches: those it lists and their direct sub-accounts. */
    public Set<String> reach(Principal p) {
        Set<String> out = new LinkedHashSet<>();
        if (!p.inContext(KeyContext.Type.ACCOUNT)) {
            return out;
        }
        for (String id : p.context().ids()) {
            if (dir.account(id) != null) {
                out.add(id);
                dir.children(id).forEach(child -> out.add(child.id()));
            }
        }
        return out;
    }

    /** Whether an account-context key reaches the account (listed, or a direct sub-account of one listed). */
    public boolean reaches(Principal p, Account a) {
        return p.inContext(KeyContext.Type.ACCOUNT)
                && (p.context().holds(a.id())
                        || (a.ownerId() != null && p.context().holds(a.ownerId())));
    }

    /** Whether the key holds an id of a context of the given type. */
    public boolean holds(Principal p, KeyContext.Type type, String id) {
        if (p.isSysadmin()) {
            return true;
        }
        if (p.inContext(KeyContext.Type.ACCOUNT)) {
            Set<String> reach = reach(p);
            if (type == KeyContext.Type.ACCOUNT) {
                return reach.contains(id);
            }
            return reach.stream().anyMatch(accountId -> exists(accountId, type, id));
        }
        return p.inContext(type) && p.context().holds(id);
    }

    /** The scopes a key carries now: a user key those of its user's role. */
    public List<String> scopesOf(ApiKey k) {
        if (k.ownerType() == ApiKey.Owner.USER) {
            User user = dir.user(k.ownerId());
            if (user != null) {
                return List.copyOf(Scopes.forRole(user.role()));
            }
        }
        return k.scope();
    }

    /** The key as clients see it: a user key lists the scopes of its user's current role. */
    public ApiKey effective(ApiKey k) {
        return k.ownerType() == ApiKey.Owner.USER ? k.withScope(scopesOf(k)) : k;
    }

    /** Whether the principal holds every right of the key: it is its own key, or it holds each scope and id. */
    public boolean covers(Principal p, ApiKey k) {
        if (p.isSysadmin() || k.id().equals(p.keyId())) {
            return true;
        }
        return missing(p, scopesOf(k)) == null && unheld(p, k.context(), null) < 0;
    }

    /**
     * The key as the principal may see it: whole when the principal holds {@code modifyScope} (when
     * not null) and every right of the key, else every field but the secret, which is null.
     */
    public ApiKey visible(Principal p, ApiKey k, String modifyScope) {
        boolean own = k.id().equals(p.keyId());
        boolean whole = own || ((modifyScope == null || p.has(modifyScope) || p.isSysadmin()) && covers(p, k));
        ApiKey shown = effective(k);
        return whole ? shown : shown.withoutSecret();
    }

    /** 401 {@code MissingScope} unless the key holds every scope that {@code what} carries. */
    public void requireScopes(Principal p, Collection<String> scopes, String what) {
        String m = missing(p, scopes);
        if (m != null) {
            throw new ApiException(
                    ErrorCode.MISSING_SCOPE, what + " carries '" + m + "', which this key does not hold");
        }
    }

    /** 401 {@code MissingScope} or 403 {@code Forbidden} unless the principal holds every right of the key. */
    public void requireCovers(Principal p, ApiKey k, String what) {
        if (covers(p, k)) {
            return;
        }
        requireScopes(p, scopesOf(k), what);
        int i = unheld(p, k.context(), null);
        throw new ApiException(
                ErrorCode.FORBIDDEN,
                what + " reaches " + k.context().type() + " '"
                        + k.context().ids().get(i) + "', which this key does not reach");
    }

    /** 403 {@code Forbidden} unless the key holds every id of {@code next} that {@code before} did not list. */
    public void requireHeld(Principal p, KeyContext next, KeyContext before) {
        int i = unheld(p, next, before);
        if (i >= 0) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "'context.ids[" + i + "]' adds " + next.type() + " '"
                            + next.ids().get(i) + "', which the key granting it does not reach");
        }
    }

    /**
     * Regenerating the key of another owner: {@code modifyScope}, {@code apikey:regenerate}, and
     * every right of the key (whoever regenerates it reads its new secret).
     */
    public void requireRegenerate(Principal p, ApiKey k, String modifyScope, String what) {
        if (k.id().equals(p.keyId())) {
            return;
        }
        p.require(modifyScope);
        p.require(Scopes.APIKEY_REGENERATE);
        requireCovers(p, k, what);
    }

    /**
     * Changing a key's context or scopes: the principal holds every right of the key as it is,
     * every scope it will carry, and every id the change adds.
     */
    public void requireChange(Principal p, ApiKey before, KeyContext next, List<String> scopes, String what) {
        requireCovers(p, before, what);
        requireGrantable(p, scopes);
        requireHeld(p, next, before.context());
    }

    /** 401 {@code MissingScope} naming the first scope of a request's {@code scope} the key does not hold. */
    public void requireGrantable(Principal p, List<String> scopes) {
        for (int i = 0; i < scopes.size(); i++) {
            String s = scopes.get(i);
            if (!p.isSysadmin() && !p.has(s)) {
                throw new ApiException(
                        ErrorCode.MISSING_SCOPE,
                        "'scope[" + i + "]' grants '" + s + "', which the key granting it does not hold");
            }
        }
    }

    private static String missing(Principal p, Collection<String> scopes) {
        if (p.isSysadmin()) {
            return null;
        }
        for (String s : scopes) {
            if (!p.has(s)) {
                return s;
            }
        }
        return null;
    }

    /** The index of the first id of {@code ctx} not listed in {@code before} that the key does not hold, or -1. */
    private int unheld(Principal p, KeyContext ctx, KeyContext before) {
        for (int i = 0; i < ctx.ids().size(); i++) {
            String id = ctx.ids().get(i);
            boolean kept = before != null && before.type() == ctx.type() && before.holds(id);
            if (!kept && !holds(p, ctx.type(), id)) {
                return i;
            }
        }
        return -1;
    }
}
