package io.thingstead.api;

import io.thingstead.alerts.AlertEvaluation;
import io.thingstead.core.FieldSet;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.events.Source;
import io.thingstead.ingest.Ingest;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.timeseries.DataService;
import io.thingstead.timeseries.Feed;
import java.time.InstantSource;

/**
 * The Data API: feeds and conventional objects in, latest values, state, history and queries out.
 * {@code /data/properties/...} and {@code /data} are the device-key shortcuts for {@code _this_}.
 */
final class DataApi {
    /** State parts (docs/connio.md: Reading data); {@code methods} is empty here; {@code alerts} lists the alerts with an open incident. */
    private static final FieldSet STATE = FieldSet.of("header", "meta", "stats", "properties", "methods", "alerts");

    private static final FieldSet HISTORY = FieldSet.of("limit", "order", "source");

    private final Ingest ingest;
    private final DataService data;
    private final DeviceAccess access;
    private final InstantSource clock;
    private final Json.Writer deviceJson;
    private final AlertEvaluation evaluation;

    DataApi(Platform p, Json.Writer deviceJson) {
        this.ingest = p.ingest();
        this.data = p.data();
        this.access = p.access();
        this.clock = p.clock();
        this.deviceJson = deviceJson;
        this.evaluation = p.evaluation();
    }

    void register(Router r) {
        r.add("POST", "/data/devices/{ref}", c -> write(c, c.param("ref"), Feed.ofObject(c.json(), clock.instant())));
        r.add(
                "POST",
                "/data/devices/{ref}/properties",
                c -> write(c, c.param("ref"), Feed.parse(c.json(), null, clock.instant())));
        r.add(
                "POST",
                "/data/devices/{ref}/properties/{prop}",
                c -> write(c, c.param("ref"), Feed.parse(c.json(), c.param("prop"), clock.instant())));
        r.add("POST", "/data/properties", c -> write(c, "_this_", Feed.parse(c.json(), null, clock.instant())));
        r.add(
                "POST",
                "/data/properties/{prop}",
                c -> write(c, "_this_", Feed.parse(c.json(), c.param("prop"), clock.instant())));

        r.add("GET", "/data/devices/{ref}", c -> flat(c, c.param("ref")));
        r.add("GET", "/data", c -> flat(c, "_this_"));
        r.add("GET", "/data/devices/{ref}/state", STATE, c -> {
            DeviceAccess.Access a = read(c, c.param("ref"));
            var state = data.state(
                    a.device(),
                    a.byDevice(),
                    c.flag("header", true),
                    c.flag("meta", false),
                    c.flag("stats", false),
                    c.queryOrEmpty("properties"),
                    deviceJson.tree(a.device()));
            state.set("alerts", Json.MAPPER.valueToTree(evaluation.state(a.device())));
            // docs/alerts.md: A gateway that goes down
            String gateway = evaluation.unreachableThrough(a.device());
            state.put("reachability", gateway == null ? null : "unreachable");
            state.put("unreachableThrough", gateway);
            return state;
        });
        r.add("GET", "/data/devices/{ref}/properties/{prop}", HISTORY, c -> history(c, c.param("ref")));
        r.add("GET", "/data/properties/{prop}", HISTORY, c -> history(c, "_this_"));
        r.add("POST", "/data/devices/{ref}/properties/{prop}/query", c -> query(c, c.param("ref")));
        r.add("POST", "/data/properties/{prop}/query", c -> query(c, "_this_"));
    }

    private Object write(Call c, String ref, Feed feed) {
        Source source =
                new Source(Source.Protocol.REST, c.remoteIp(), c.principal().keyId());
        return ingest.write(c.principal(), c.anyContextAccount().id(), ref, feed, source);
    }

    private DeviceAccess.Access read(Call c, String ref) {
        return access.resolve(c.principal(), c.anyContextAccount().id(), ref, "device:read-data");
    }

    private Object flat(Call c, String ref) {
        DeviceAccess.Access a = read(c, ref);
        return data.flat(a.device(), a.byDevice());
    }

    private Object history(Call c, String ref) {
        DeviceAccess.Access a = read(c, ref);
        ProfileCatalog.Resolved p = data.property(a.device(), c.param("prop"), a.byDevice());
        return data.history(a.device(), p, c.query("limit"), c.query("order"), c.query("source"));
    }

    private Object query(Call c, String ref) {
        DeviceAccess.Access a = read(c, ref);
        ProfileCatalog.Resolved p = data.property(a.device(), c.param("prop"), a.byDevice());
        return data.query(a.device(), p, c.jsonOrEmpty());
    }
}
