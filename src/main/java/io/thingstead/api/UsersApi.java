package io.thingstead.api;

import io.thingstead.accounts.User;
import io.thingstead.accounts.UserService;
import io.thingstead.core.Wire;
import java.util.Set;

/** {@code /users} and their user keys. */
final class UsersApi {
    private final UserService users;

    UsersApi(Platform p) {
        this.users = p.users();
    }

    void register(Router r) {
        r.add("GET", "/users", Params.paging("email", "name", "status"), c -> {
            c.principal().require("user:read");
            Set<User.Status> statuses = Wire.filter(User.Status.class, c.query("status"));
            return c.page(users.list(c.account(), c.query("email"), c.query("name"), statuses));
        });
        r.add("POST", "/users", c -> {
            c.principal().require("user:create");
            return users.create(c.principal(), c.account(), c.json());
        });
        r.add("GET", "/users/{ref}", c -> {
            User u = users.get(c.account(), c.param("ref"));
            if (!c.principal().isUser(u.id())) {
                c.principal().require("user:read");
            }
            return u;
        });
        r.add("PUT", "/users/{ref}", c -> {
            c.principal().require("user:modify");
            return users.update(c.principal(), c.account(), c.param("ref"), c.json());
        });
        r.add("DELETE", "/users/{ref}", c -> {
            c.principal().require("user:delete");
            return new Deleted(users.delete(c.principal(), c.account(), c.param("ref")));
        });
        r.add("GET", "/users/{ref}/apikey", c -> users.key(c.principal(), c.account(), c.param("ref")));
        r.add("POST", "/users/{ref}/apikey", c -> {
            c.requireNoBody(Call.KEY_UPDATE_HINT);
            return users.regenerateKey(c.principal(), c.account(), c.param("ref"));
        });
    }
}
