package io.thingstead.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Names;
import io.thingstead.core.Times;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** API clients: the one owner whose key may have any context type, with scopes as created. */
public final class ApiClientService {
    private final Directory dir;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;
    private final KeyService keys;
    private final Rights rights;

    public ApiClientService(Directory dir, Admin admin, Ids ids, InstantSource clock, KeyService keys, Rights rights) {
        this.dir = dir;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
        this.keys = keys;
        this.rights = rights;
    }

    public record Created(ApiClient client, ApiKey key) {}

    /** An API client body: what a client emits, and the {@code context} and {@code scope} of its key. */
    static final FieldSet KNOWN = FieldSet.of(
                    "name", "friendlyName", "description", "tags", "locked", "context", "scope")
            .readOnly("id", "accountId", "dateCreated", "dateModified");

    /**
     * @param grantor the key creating the client: it may grant only the scopes it holds and a
     *     context whose every id it reaches, so an API client never lifts a key above its own rights
     */
    public Created create(Account account, JsonNode body, Principal grantor) {
        Fields f = Fields.of(body, "", KNOWN);
        String name = Names.require("name", f.requiredString("name"));
        KeyContext ctx = checkedContext(account, f, KeyContext.account(account.id()));
        List<String> scopes = orEmpty(KeyRequests.scopes(f, ctx.type()));
        rights.requireGrantable(grantor, scopes);
        rights.requireHeld(grantor, ctx, null);
        String now = Times.format(clock.instant());
        ApiClient c = new ApiClient(
                ids.next("api"),
                account.id(),
                name,
                f.text("friendlyName", 256),
                f.text("description", 4096),
                f.tagsOrEmpty("tags"),
                Boolean.TRUE.equals(f.bool("locked")),
                now,
                now);
        return admin.mutate(() -> {
            requireFreeName(account, name, null);
            ApiKey key = keys.newKey(ApiKey.Owner.APICLIENT, c.id(), account.id(), ctx, scopes);
            admin.persist(List.of(Change.put(Directory.API_CLIENT, c.id(), account.id(), c), KeyService.change(key)));
            return new Created(c, rights.visible(grantor, key, null));
        });
    }

    public List<ApiClient> list(Account account, String name) {
        List<ApiClient> out = new ArrayList<>();
        for (ApiClient c : dir.clients()) {
            if (c.accountId().equals(account.id()) && (name == null || c.name().equalsIgnoreCase(name))) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(ApiClient::id));
        return out;
    }

    public ApiClient get(Account account, String ref) {
        ApiClient c = dir.client(ref);
        if (c == null) {
            for (ApiClient x : dir.clients()) {
                if (x.accountId().equals(account.id()) && x.name().equalsIgnoreCase(ref)) {
                    c = x;
                    break;
                }
            }
        }
        if (c == null || !c.accountId().equals(account.id())) {
            throw ApiException.notFound("API client", ref);
        }
        return c;
    }

    /** Changes a client; only a key holding every right of the client's key changes or deletes it. */
    public ApiClient update(Account account, String ref, JsonNode body, Principal grantor) {
        Fields f = Fields.of(body, "", KNOWN);
        return admin.mutate(() -> {
            ApiClient cur = get(account, ref);
            f.unchanged("id", cur.id()).unchanged("accountId", cur.accountId());
            requireManageable(grantor, cur);
            Fields.requireUnlocked(cur.locked(), f, "API client '" + cur.name() + "'");
            String name = cur.name();
            if (f.present("name")) {
                name = Names.require("name", f.string("name"));
                requireFreeName(account, name, cur.id());
            }
            ApiClient next = new ApiClient(
                    cur.id(),
                    cur.accountId(),
                    name,
                    f.has("friendlyName") ? f.text("friendlyName", 256) : cur.friendlyName(),
                    f.has("description") ? f.text("description", 4096) : cur.description(),
                    f.has("tags") ? f.tagsOrEmpty("tags") : cur.tags(),
                    f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                    cur.dateCreated(),
                    Times.format(clock.instant()));
            admin.persist(List.of(Change.put(Directory.API_CLIENT, next.id(), next.accountId(), next)));
            if (f.present("context") || f.present("scope")) {
                updateKey(account, next, f, grantor);
            }
            return next;
        });
    }

    public int delete(Principal p, Account account, String ref) {
        return admin.mutate(() -> {
            ApiClient cur = get(account, ref);
            requireManageable(p, cur);
            if (cur.locked()) {
                throw ApiException.locked("API client '" + cur.name() + "'");
            }
            keys.deleteOwner(Change.delete(Directory.API_CLIENT, cur.id()), cur.id());
            return 1;
        });
    }

    /** {@code PUT /apiclients/{id}/apikey}: new context and/or scope for the client's key. */
    public ApiKey updateKey(Account account, String ref, JsonNode body, Principal grantor) {
        Fields f = Fields.of(body, "", KeyRequests.KEY);
        return admin.mutate(() -> {
            ApiClient client = get(account, ref);
            KeyRequests.requireUnchanged(f, keys.keyOf(client.id()));
            return updateKey(account, client, f, grantor);
        });
    }

    private void requireManageable(Principal p, ApiClient c) {
        rights.requireCovers(p, keys.keyOf(c.id()), "API client '" + c.name() + "'");
    }

    /** The client's key; its secret only for a key with {@code apiclient:modify} that holds every right of it. */
    public ApiKey key(Principal p, Account account, String ref) {
        p.require("apiclient:read");
        return rights.visible(p, keys.keyOf(get(account, ref).id()), "apiclient:modify");
    }

    public ApiKey regenerateKey(Principal p, Account account, String ref) {
        ApiClient c = get(account, ref);
        rights.requireRegenerate(p, keys.keyOf(c.id()), "apiclient:modify", "The key of API client '" + c.name() + "'");
        return keys.regenerate(c.id());
    }

    private ApiKey updateKey(Account account, ApiClient client, Fields f, Principal grantor) {
        ApiKey cur = keys.keyOf(client.id());
        KeyContext ctx = checkedContext(account, f, cur.context());
        List<String> asked = KeyRequests.scopes(f, ctx.type());
        List<String> scopes = asked != null
                ? asked
                : cur.scope().stream()
                        .filter(s -> Scopes.CONTEXTS.get(s).contains(ctx.type()))
                        .toList();
        rights.requireChange(grantor, cur, ctx, scopes, "The key of API client '" + client.name() + "'");
        return rights.visible(grantor, keys.replaceContext(cur, ctx, scopes), "apiclient:modify");
    }

    private KeyContext checkedContext(Account account, Fields f, KeyContext fallback) {
        KeyContext ctx = KeyRequests.context(f);
        if (ctx == null) {
            return fallback;
        }
        if (ctx.ids().isEmpty() && ctx.type() == KeyContext.Type.ACCOUNT) {
            return KeyContext.account(account.id());
        }
        if (ctx.ids().isEmpty()) {
            // a device or app key acts for the entities it lists; with none it could only fail later
            throw ApiException.invalid("context.ids", "must list at least one " + ctx.type() + " id");
        }
        for (int i = 0; i < ctx.ids().size(); i++) {
            String id = ctx.ids().get(i);
            boolean ok = ctx.type() == KeyContext.Type.ACCOUNT
                    ? id.equals(account.id()) || isSubAccount(account, id)
                    : rights.exists(account.id(), ctx.type(), id);
            if (!ok) {
                throw ApiException.unknownReference(
                        "context.ids[" + i + "]", ctx.type().toString(), id);
            }
        }
        return ctx;
    }

    private boolean isSubAccount(Account account, String id) {
        Account a = dir.account(id);
        return a != null && account.id().equals(a.ownerId());
    }

    private void requireFreeName(Account account, String name, String selfId) {
        for (ApiClient c : dir.clients()) {
            if (c.accountId().equals(account.id()) && c.name().equalsIgnoreCase(name) && !c.id().equals(selfId)) {
                throw new ApiException(ErrorCode.NAME_TAKEN, "An API client named '" + name + "' already exists");
            }
        }
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }
}
