package io.thingstead.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.accounts.ApiClient;
import io.thingstead.accounts.ApiClientService;

/** {@code /apiclients} and their client keys. */
final class ApiClientsApi {
    private final ApiClientService clients;

    ApiClientsApi(Platform p) {
        this.clients = p.clients();
    }

    void register(Router r) {
        r.add("GET", "/apiclients", Params.paging("name").plus(Params.FRIENDLY), c -> {
            c.principal().require("apiclient:read");
            return c.page(c.friendly(clients.list(c.account(), c.query("name")), ApiClient::friendlyName));
        });
        r.add("POST", "/apiclients", c -> {
            c.principal().require("apiclient:create");
            ApiClientService.Created created = clients.create(c.account(), c.json(), c.principal());
            ObjectNode node = Json.publicTree(created.client());
            node.set("apikey", Json.publicTree(created.key()));
            return node;
        });
        r.add("GET", "/apiclients/{ref}", c -> {
            c.principal().require("apiclient:read");
            return clients.get(c.account(), c.param("ref"));
        });
        r.add("PUT", "/apiclients/{ref}", c -> {
            c.principal().require("apiclient:modify");
            return clients.update(c.account(), c.param("ref"), c.json(), c.principal());
        });
        r.add("DELETE", "/apiclients/{ref}", c -> {
            c.principal().require("apiclient:delete");
            return new Deleted(clients.delete(c.principal(), c.account(), c.param("ref")));
        });
        r.add("GET", "/apiclients/{ref}/apikey", c -> clients.key(c.principal(), c.account(), c.param("ref")));
        r.add("POST", "/apiclients/{ref}/apikey", c -> {
            c.requireNoBody(Call.KEY_UPDATE_HINT);
            c.principal().require("apiclient:modify");
            return clients.regenerateKey(c.principal(), c.account(), c.param("ref"));
        });
        r.add("PUT", "/apiclients/{ref}/apikey", c -> {
            c.principal().require("apiclient:modify");
            return clients.updateKey(c.account(), c.param("ref"), c.json(), c.principal());
        });
    }
}
