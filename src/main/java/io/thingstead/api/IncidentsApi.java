package io.thingstead.api;

import io.thingstead.alerts.AlertEvaluation;
import io.thingstead.core.FieldSet;

/**
 * Incidents of alerts (docs/alerts.md: Incidents): a device's open incidents, acknowledging one,
 * and the account's: reads need {@code alert:read}, acknowledging (a change) {@code alert:modify}
 * as well. Registered before the
 * alert routes, so {@code /devices/{ref}/alerts/incidents} is not read as an alert named so.
 */
final class IncidentsApi {
    private static final String READ = "alert:read";
    private static final String MODIFY = "alert:modify";

    private final AlertEvaluation evaluation;

    IncidentsApi(Platform p) {
        this.evaluation = p.evaluation();
    }

    void register(Router r) {
        r.add("GET", "/devices/{ref}/alerts/incidents", Params.PAGING, c -> {
            c.principal().require(READ);
            return c.page(evaluation.ofDevice(c.account().id(), c.param("ref")));
        });
        r.add("DELETE", "/devices/{ref}/alerts/{alert}/incident", c -> {
            c.principal().require(READ);
            c.principal().require(MODIFY);
            return new Deleted(evaluation.acknowledge(c.account().id(), c.param("ref"), c.param("alert")));
        });
        r.add("GET", "/incidents", Params.PAGING.plus(FieldSet.of("severity", "status")), c -> {
            c.principal().require(READ);
            return c.page(evaluation.ofAccount(c.account().id(), c.query("severity"), c.query("status")));
        });
    }
}
