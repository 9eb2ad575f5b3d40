package io.thingstead.api;

import io.thingstead.alerts.Alert;
import io.thingstead.alerts.AlertService;
import io.thingstead.core.FieldSet;

/**
 * {@code /alerts}, and the alerts of a profile ({@code /deviceprofiles/{ref}/alerts}, its own) and
 * of a device ({@code /devices/{ref}/alerts}, its own and its profiles'), with the {@code alert:*}
 * scopes of an account-context key (docs/alerts.md: Who may).
 */
final class AlertsApi {
    private static final String READ = "alert:read";
    private static final String CREATE = "alert:create";
    private static final String MODIFY = "alert:modify";
    private static final String DELETE = "alert:delete";

    private final AlertService alerts;

    AlertsApi(Platform p) {
        this.alerts = p.alerts();
    }

    void register(Router r) {
        r.add("GET", "/alerts", Params.paging("ownerId", "owner").plus(Params.FRIENDLY), c -> {
            c.principal().require(READ);
            return c.page(c.friendly(alerts.list(c.account().id(), c.query("ownerId", "owner")), Alert::friendlyName));
        });
        r.add("POST", "/alerts", FieldSet.of("ownerId", "owner"), c -> {
            c.principal().require(CREATE);
            return alerts.create(c.account().id(), c.query("ownerId", "owner"), c.json());
        });
        r.add("GET", "/alerts/{id}", c -> {
            c.principal().require(READ);
            return alerts.get(c.account().id(), c.param("id"));
        });
        r.add("PUT", "/alerts/{id}", c -> {
            c.principal().require(MODIFY);
            return alerts.update(c.account().id(), c.param("id"), c.json());
        });
        r.add("DELETE", "/alerts/{id}", c -> {
            c.principal().require(DELETE);
            return new Deleted(alerts.delete(c.account().id(), c.param("id")));
        });
        nested(r, "/deviceprofiles", true);
        nested(r, "/devices", false);
    }

    /** The same five routes under a profile or a device. */
    private void nested(Router r, String owners, boolean profile) {
        String list = owners + "/{ref}/alerts";
        String one = list + "/{alert}";
        r.add("GET", list, Params.PAGING.plus(Params.FRIENDLY), c -> {
            c.principal().require(READ);
            String account = c.account().id();
            var found = profile ? alerts.ofProfile(account, c.param("ref")) : alerts.ofDevice(account, c.param("ref"));
            return c.page(c.friendly(found, Alert::friendlyName));
        });
        r.add("POST", list, c -> {
            c.principal().require(CREATE);
            String account = c.account().id();
            return profile
                    ? alerts.createOnProfile(account, c.param("ref"), c.json())
                    : alerts.createOnDevice(account, c.param("ref"), c.json());
        });
        r.add("GET", one, c -> {
            c.principal().require(READ);
            return find(c, profile);
        });
        r.add("PUT", one, c -> {
            c.principal().require(MODIFY);
            return alerts.update(c.account().id(), owned(c, profile), c.json());
        });
        r.add("DELETE", one, c -> {
            c.principal().require(DELETE);
            return new Deleted(alerts.delete(c.account().id(), owned(c, profile)));
        });
    }

    private Alert find(Call c, boolean profile) {
        String account = c.account().id();
        return profile
                ? alerts.getOnProfile(account, c.param("ref"), c.param("alert"))
                : alerts.getOnDevice(account, c.param("ref"), c.param("alert"));
    }

    /** The id of an alert the addressed owner holds itself; one a device inherits changes on its profile. */
    private String owned(Call c, boolean profile) {
        String account = c.account().id();
        String ownerId = profile ? alerts.profileId(account, c.param("ref")) : alerts.deviceId(account, c.param("ref"));
        return alerts.ownedBy(ownerId, find(c, profile));
    }
}
