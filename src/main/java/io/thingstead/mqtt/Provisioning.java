package io.thingstead.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.JsonInput;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.timeseries.DataService;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Provisioning over MQTT (docs/connio.md: Provisioning): a session with client id {@code _???_…} and an API
 * client's account key with {@code device:read} publishes {@code {"<cidType>": "<cid>",
 * "configProperty"?: "<p>"}} to {@code connio/provisions}; the answer {@code {deviceId, apiKeyId,
 * apiSecret, <p>: value}} goes to {@code connio/provisions/{clientId}}, and the broker then closes
 * the session. One request per session; the answer goes only to the session that asked, and only
 * while its key may still provision.
 */
final class Provisioning {
    static final String CLIENT_PREFIX = "_???_";
    static final String REQUESTS = "connio/provisions";
    static final String RESPONSES = "connio/provisions/";
    private static final List<String> CUSTOM_IDS = List.of("mac", "sn", "esn", "imei");
    /** What a request may name (docs/connio.md: Provisioning): a device by id or custom id, and a config property. */
    private static final FieldSet REQUEST =
            FieldSet.of("id", "cid", "configProperty").plus(CUSTOM_IDS.toArray(String[]::new));

    static final long CLOSE_AFTER_MS = 1000;
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("thingstead-provisioning").daemon(true).unstarted(r));

    /** Requests above this many bytes are answered with an error. */
    static final int MAX_REQUEST = 4096;

    private final KeyService keys;
    private final Sessions sessions;
    /** Generations of the sessions that asked, until they are closed. */
    private final Set<Long> asked = ConcurrentHashMap.newKeySet();

    private final DeviceRegistry devices;
    private final DataService data;
    private final Consumer<String> disconnect;
    /** The ids of an account's sub-accounts, at every depth. */
    private final Function<Principal, Set<String>> reach;

    Provisioning(
            KeyService keys,
            Sessions sessions,
            DeviceRegistry devices,
            DataService data,
            Function<Principal, Set<String>> reach,
            Consumer<String> disconnect) {
        this.reach = reach;
        this.keys = keys;
        this.sessions = sessions;
        this.devices = devices;
        this.data = data;
        this.disconnect = disconnect;
    }

    /** Whether this is the session's first request: a session asks once. */
    boolean admit(Sessions.Session s) {
        return asked.add(s.generation());
    }

    void request(Sessions.Session s, byte[] payload) {
        ObjectNode answer = answer(s, payload);
        var publish = Builders.publish()
                .topic(RESPONSES + s.clientId())
                .qos(Qos.AT_LEAST_ONCE)
                .payload(ByteBuffer.wrap(answer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        // The broker closes the session once the answer is out. It waits a moment first: HiveMQ sends
        // the PUBACK of the request asynchronously, and closing at once could overtake it.
        Runnable close = () -> CLOSER.schedule(
                () -> {
                    if (sessions.get(s.clientId()) == s) {
                        disconnect.accept(s.clientId());
                    }
                    asked.remove(s.generation());
                },
                CLOSE_AFTER_MS,
                TimeUnit.MILLISECONDS);
        if (sessions.get(s.clientId()) != s) {
            asked.remove(s.generation()); // the session that asked is gone: nobody gets the answer
            return;
        }
        Services.publishService().publishToClient(publish, s.clientId()).whenComplete((r, e) -> close.run());
    }

    private ObjectNode answer(Sessions.Session s, byte[] payload) {
        ObjectNode out = JsonInput.MAPPER.createObjectNode();
        Principal p;
        try {
            p = keys.current(s.keyId());
        } catch (RuntimeException gone) {
            return out.put("error", ErrorCode.UNAUTHORIZED.code())
                    .put("message", "The provisioning key is no longer valid");
        }
        if (!Access.mayProvision(p)) {
            return out.put("error", ErrorCode.UNAUTHORIZED.code())
                    .put("message", "The provisioning key is no longer an API client key with device:read");
        }
        if (payload.length > MAX_REQUEST) {
            return out.put("error", ErrorCode.VALIDATION_FAILED.code())
                    .put("message", "The request is over " + MAX_REQUEST + " bytes");
        }
        JsonNode req;
        try {
            req = request(payload);
        } catch (ApiException e) {
            return out.put("error", e.code().code()).put("message", e.getMessage());
        }
        // The accounts the key lists; with subaccount:read also their direct sub-accounts (Connio's
        // cross-account provisioning), never more than the key reaches on REST.
        List<String> accounts = new ArrayList<>(reach.apply(p));
        if (!p.has("subaccount:read")) {
            accounts.retainAll(p.context().ids());
        }
        Device d = null;
        for (int i = 0; d == null && i < accounts.size(); i++) {
            d = find(accounts.get(i), req);
        }
        if (d == null) {
            return out.put("error", ErrorCode.NOT_FOUND.code())
                    .put(
                            "message",
                            "No device of this account (or of its sub-accounts, with subaccount:read) has that id or custom id");
        }
        ApiKey key = keys.keyOf(d.id());
        out.put("deviceId", d.id()).put("apiKeyId", key.id()).put("apiSecret", key.secret());
        String config = req.path("configProperty").asText(null);
        if (config != null) {
            JsonNode value = data.flat(d, true).get(config);
            out.set(config, value == null ? JsonInput.MAPPER.createObjectNode() : value);
        }
        return out;
    }

    /**
     * The request, read by the strict JSON rule REST bodies follow: an object of the names in
     * {@link #REQUEST}, each a string; anything else is refused, naming the field.
     */
    private static JsonNode request(byte[] payload) {
        JsonNode node = JsonInput.parse(payload, "request");
        if (!node.isObject()) {
            throw ApiException.invalid("request", "must be a JSON object such as {\"mac\": \"...\"}");
        }
        Fields f = Fields.of(node, "", REQUEST);
        REQUEST.names().forEach(f::string);
        return node;
    }

    private Device find(String accountId, JsonNode req) {
        String id = req.path("id").asText(null);
        if (id != null) {
            return devices.find(accountId, id);
        }
        for (Device d : devices.ofAccount(accountId)) {
            for (String type : CUSTOM_IDS) {
                String want = req.path(type).asText(null);
                if (want != null && want.equals(d.customIds().get(type))) {
                    return d;
                }
            }
            String any = req.path("cid").asText(null);
            if (any != null && d.customIds().containsValue(any)) {
                return d;
            }
        }
        return null;
    }
}
