package io.thingstead.api;

import io.thingstead.core.FieldSet;
import io.thingstead.methods.DeviceMethods;
import io.thingstead.methods.Method;
import io.thingstead.methods.MethodService;

/**
 * {@code /methods}, the methods of a profile ({@code /deviceprofiles/{ref}/methods}: its own and
 * those it inherits) and each device's instances of its methods ({@code /devices/{ref}/methods}),
 * with the {@code method:*} scopes of an account-context key (docs/methods.md: Who may).
 */
final class MethodsApi {
    private static final String READ = "method:read";
    private static final String CREATE = "method:create";
    private static final String MODIFY = "method:modify";
    private static final String DELETE = "method:delete";

    private final MethodService methods;
    private final DeviceMethods instances;

    MethodsApi(Platform p) {
        this.methods = p.methods();
        this.instances = p.deviceMethods();
    }

    void register(Router r) {
        r.add("GET", "/methods", Params.paging("ownerId", "owner").plus(Params.FRIENDLY), c -> {
            c.principal().require(READ);
            String account = c.account().id();
            return c.page(c.friendly(methods.list(account, c.query("ownerId", "owner")), Method.View::friendlyName));
        });
        r.add("POST", "/methods", FieldSet.of("ownerId", "owner"), c -> {
            c.principal().require(CREATE);
            return methods.create(c.account().id(), c.query("ownerId", "owner"), c.json());
        });
        r.add("GET", "/methods/{id}", c -> {
            c.principal().require(READ);
            return methods.get(c.account().id(), c.param("id"));
        });
        r.add("PUT", "/methods/{id}", c -> {
            c.principal().require(MODIFY);
            return methods.update(c.account().id(), c.param("id"), c.json());
        });
        r.add("DELETE", "/methods/{id}", c -> {
            c.principal().require(DELETE);
            return new Deleted(methods.delete(c.account().id(), c.param("id")));
        });
        profiles(r);
        devices(r);
    }

    private void profiles(Router r) {
        String list = "/deviceprofiles/{ref}/methods";
        String one = list + "/{method}";
        r.add("GET", list, Params.PAGING.plus(Params.FRIENDLY), c -> {
            c.principal().require(READ);
            var found = methods.ofProfile(c.account().id(), c.param("ref"));
            return c.page(c.friendly(found, Method.View::friendlyName));
        });
        r.add("POST", list, c -> {
            c.principal().require(CREATE);
            return methods.createOnProfile(c.account().id(), c.param("ref"), c.json());
        });
        r.add("GET", one, c -> {
            c.principal().require(READ);
            return methods.getOnProfile(c.account().id(), c.param("ref"), c.param("method"));
        });
        r.add("PUT", one, c -> {
            c.principal().require(MODIFY);
            String account = c.account().id();
            return methods.update(account, methods.ownedBy(account, c.param("ref"), c.param("method")), c.json());
        });
        r.add("DELETE", one, c -> {
            c.principal().require(DELETE);
            String account = c.account().id();
            return new Deleted(methods.delete(account, methods.ownedBy(account, c.param("ref"), c.param("method"))));
        });
    }

    /** A device's instances: read with {@code method:read}, {@code disabled} changed with {@code method:modify}. */
    private void devices(Router r) {
        String list = "/devices/{ref}/methods";
        String one = list + "/{method}";
        r.add("GET", list, Params.PAGING.plus(Params.FRIENDLY), c -> {
            c.principal().require(READ);
            var found = instances.list(c.account().id(), c.param("ref"));
            return c.page(c.friendly(found, i -> i.method().friendlyName()));
        });
        r.add("GET", one, c -> {
            c.principal().require(READ);
            return instances.get(c.account().id(), c.param("ref"), c.param("method"));
        });
        r.add("PUT", one, c -> {
            c.principal().require(MODIFY);
            return instances.change(c.account().id(), c.param("ref"), c.param("method"), c.json());
        });
    }
}
