package io.thingstead.api;

import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.User;
import io.thingstead.accounts.UserService;

/** {@code /users} and their user keys. */
final class UsersApi {
    private final UserService users;
    private final KeyService keys;

    UsersApi(Platform p) {
        this.users = p.users();
        this.keys = p.keys();
    }

    void register(Router r) {
        r.add("GET", "/users", Params.paging("email", "name", "status"), c -> {
            c.principal().require("user:read");
            return c.page(users.list(c.account(), c.query("email"), c.query("name"), c.query("status")));
        });
        r.add("POST", "/users", c -> {
            c.principal().require("user:create");
            return users.create(c.account(), c.json());
        });
        r.add("GET", "/users/{ref}", c -> {
            User u = users.get(c.account(), c.param("ref"));
            if (!isSelf(c, u)) {
                c.principal().require("user:read");
            }
            return u;
        });
        r.add("PUT", "/users/{ref}", c -> {
            c.principal().require("user:modify");
            return users.update(c.account(), c.param("ref"), c.json());
        });
        r.add("DELETE", "/users/{ref}", c -> {
            c.principal().require("user:delete");
            return new Deleted(users.delete(c.account(), c.param("ref")));
        });
        r.add("GET", "/users/{ref}/apikey", c -> {
            User u = users.get(c.account(), c.param("ref"));
            if (!isSelf(c, u)) {
                // another user's secret lets the caller act as that user: reading it is managing users
                c.principal().require("user:modify");
            }
            return keys.effective(keys.keyOf(u.id()));
        });
        r.add("POST", "/users/{ref}/apikey", c -> {
            c.requireNoBody(Call.KEY_UPDATE_HINT);
            User u = users.get(c.account(), c.param("ref"));
            if (!isSelf(c, u)) {
                c.principal().require("user:modify");
            }
            return keys.effective(keys.regenerate(u.id()));
        });
    }

    /** A user may always read its own record and key, and regenerate its own key. */
    private static boolean isSelf(Call c, User u) {
        ApiKey k = c.principal().key();
        return ApiKey.USER.equals(k.ownerType()) && k.ownerId().equals(u.id());
    }
}
