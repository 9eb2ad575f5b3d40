package io.thingstead.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.timeseries.DataService;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Provisioning over MQTT (reference §4.7): a session with client id {@code _???_…} and an account
 * key with {@code device:read} publishes {@code {"<cidType>": "<cid>", "configProperty"?: "<p>"}} to
 * {@code connio/provisions}; the answer {@code {deviceId, apiKeyId, apiSecret, <p>: value}} goes to
 * {@code connio/provisions/{clientId}}, and the broker then closes the session.
 */
final class Provisioning {
    static final String CLIENT_PREFIX = "_???_";
    static final String REQUESTS = "connio/provisions";
    static final String RESPONSES = "connio/provisions/";
    private static final List<String> CUSTOM_IDS = List.of("mac", "sn", "esn", "imei");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long CLOSE_AFTER_MS = 1000;
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("thingstead-provisioning").daemon(true).unstarted(r));

    private final KeyService keys;
    private final DeviceRegistry devices;
    private final DataService data;
    private final Consumer<String> disconnect;
    /** The ids of an account's sub-accounts, at every depth. */
    private final Function<String, List<String>> subAccounts;

    Provisioning(
            KeyService keys,
            DeviceRegistry devices,
            DataService data,
            Function<String, List<String>> subAccounts,
            Consumer<String> disconnect) {
        this.subAccounts = subAccounts;
        this.keys = keys;
        this.devices = devices;
        this.data = data;
        this.disconnect = disconnect;
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
        Services.publishService()
                .publishToClient(publish, s.clientId())
                .whenComplete((r, e) ->
                        CLOSER.schedule(() -> disconnect.accept(s.clientId()), CLOSE_AFTER_MS, TimeUnit.MILLISECONDS));
    }

    private ObjectNode answer(Sessions.Session s, byte[] payload) {
        ObjectNode out = JSON.createObjectNode();
        Principal p;
        try {
            p = keys.current(s.keyId());
        } catch (RuntimeException gone) {
            return out.put("error", "Unauthorized").put("message", "The provisioning key is no longer valid");
        }
        JsonNode req;
        try {
            req = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            req = null;
        }
        if (req == null || !req.isObject()) {
            return out.put("error", "ValidationFailed")
                    .put("message", "The request must be a JSON object such as {\"mac\": \"...\"}");
        }
        // An account key with subaccount:read also finds the devices of its sub-accounts (Connio's
        // cross-account provisioning).
        List<String> accounts = new ArrayList<>(List.of(p.accountId()));
        if (p.has("subaccount:read")) {
            accounts.addAll(subAccounts.apply(p.accountId()));
        }
        Device d = null;
        for (int i = 0; d == null && i < accounts.size(); i++) {
            d = find(accounts.get(i), req);
        }
        if (d == null) {
            return out.put("error", "ResourceNotFound")
                    .put(
                            "message",
                            "No device of this account (or of its sub-accounts, with subaccount:read) has that id or custom id");
        }
        ApiKey key = keys.keyOf(d.id());
        out.put("deviceId", d.id()).put("apiKeyId", key.id()).put("apiSecret", key.secret());
        String config = req.path("configProperty").asText(null);
        if (config != null) {
            JsonNode value = data.flat(d, true).get(config);
            out.set(config, value == null ? JSON.createObjectNode() : value);
        }
        return out;
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
