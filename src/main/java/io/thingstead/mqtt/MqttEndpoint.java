package io.thingstead.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.thingstead.accounts.Account;
import io.thingstead.accounts.AccountStatusListener;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import io.thingstead.core.Subscription;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceListener;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.events.EventStream;
import io.thingstead.ingest.Connections;
import io.thingstead.ingest.Ingest;
import io.thingstead.methods.MethodInvoker;
import io.thingstead.runtime.DeviceRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT endpoint: HiveMQ CE embedded with our extension. Connection status changes are applied
 * one at a time, in order, on their own thread, so broker threads never wait for the store.
 */
public final class MqttEndpoint implements AutoCloseable, DeviceListener, AccountStatusListener {
    private static final Logger LOG = LoggerFactory.getLogger(MqttEndpoint.class);

    private final KeyService keys;
    private final DeviceRegistry devices;
    private final Connections connections;
    private final Sessions sessions;
    private final Inbound inbound;
    private final Wills wills;
    private final Outbox outbox;
    private final Delivery delivery;
    private final ExecutorService statusLane = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("thingstead-mqtt-status").daemon(true).unstarted(r));
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("thingstead-mqtt-queues").daemon(true).unstarted(r));
    private final Subscription keySubscription;
    private final Subscription pushes;
    private volatile EmbeddedHiveMQ broker;

    public MqttEndpoint(
            KeyService keys,
            DeviceRegistry devices,
            Ingest ingest,
            Connections connections,
            io.thingstead.timeseries.DataService data,
            EventStream events,
            Function<Principal, Set<String>> reach,
            InstantSource clock,
            Delivery delivery,
            DeviceRuntime runtime,
            MethodInvoker invoker) {
        this.keys = keys;
        this.devices = devices;
        this.connections = connections;
        this.delivery = delivery;
        this.sessions = new Sessions(keys, runtime, this::disconnect);
        Throttle throttle = new Throttle(delivery.rate(), delivery.maxBacklog().toMillis(), runtime);
        this.outbox = new Outbox(
                delivery.bounds(),
                this::send,
                connections::note,
                keyId -> {
                    ApiKey key = keys.find(keyId);
                    return key == null ? List.of() : key.context().ids();
                },
                System::currentTimeMillis);
        Provisioning provisioning = new Provisioning(keys, sessions, devices, data, reach, this::disconnect);
        this.inbound = new Inbound(
                sessions,
                new Publishes(
                        sessions,
                        ingest,
                        provisioning,
                        throttle,
                        new MethodPublishes(invoker, MqttEndpoint::reply, ingest::logRejection),
                        clock,
                        System::currentTimeMillis),
                provisioning);
        this.wills = new Wills(sessions, inbound::will);
        this.keySubscription = keys.onRevoked(this::keyChanged);
        this.pushes = events.subscribe("mqtt-push", new Pushes(sessions, outbox, () -> broker != null));
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * Optional listeners besides plain TCP: TLS (a JKS or PKCS#12 keystore holding the server's key
     * and certificate) and MQTT over WebSocket (path {@code /mqtt}); a port of -1 is off.
     */
    public record Listeners(int tlsPort, Path keystore, String keystorePassword, int wsPort) {
        public static final Listeners NONE = new Listeners(-1, null, null, -1);
    }

    /**
     * Starts the broker on {@code host:port} (no plain listener when {@code port} is -1, e.g. TLS
     * only); its folders live under {@code dir}.
     */
    public void start(String host, int port, Listeners extra, Path dir) {
        // Nobody is connected after a start: whatever was online when the server stopped is not.
        List<Device> wereOnline = new ArrayList<>();
        for (String id : connections.storedOnline(devices.all())) {
            wereOnline.add(devices.get(id));
        }
        connections.status(wereOnline, false, null);
        try {
            Path conf = Files.createDirectories(dir.resolve("conf"));
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("extensions"));
            Files.writeString(
                    conf.resolve("config.xml"),
                    config(host, port, extra, delivery.connectTimeout()),
                    StandardCharsets.UTF_8);
            broker = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(dir.resolve("data"))
                    .withExtensionsFolder(dir.resolve("extensions"))
                    .withEmbeddedExtension(extension())
                    .withoutLoggingBootstrap()
                    .build();
            broker.start().join();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the MQTT broker folders: " + e.getMessage(), e);
        }
    }

    /**
     * The broker's configuration: its default queue (1000, discard) silently drops messages under
     * load, so it is raised; usage statistics (a phone-home) are off; sessions live in memory.
     *
     * <p>A connection must send its CONNECT within {@code connectTimeout} (HiveMQ's default is 10
     * s). HiveMQ closes a connection whose first packet is not a CONNECT as soon as it has read
     * that packet whole and it is 11 bytes or more (MessageBarrier); a shorter one is held by its
     * check for TLS on a plain listener (NonSslHandler waits for 11 bytes), a partial one waits for
     * the rest, and neither ends before this timeout. HiveMQ offers an embedded extension no hook
     * before CONNECT, so this timeout is the bound (README: MQTT).
     */
    static String config(String host, int port, Listeners extra, Duration connectTimeout) {
        StringBuilder listeners = new StringBuilder();
        if (port > 0) {
            listeners.append("<tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>"
                    .formatted(port, xml(host)));
        }
        if (extra.tlsPort() > 0) {
            listeners.append("""
                    <tls-tcp-listener><port>%d</port><bind-address>%s</bind-address><tls>
                      <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                    </tls></tls-tcp-listener>""".formatted(
                            extra.tlsPort(),
                            xml(host),
                            xml(extra.keystore().toAbsolutePath().toString()),
                            xml(extra.keystorePassword()),
                            xml(extra.keystorePassword())));
        }
        if (extra.wsPort() > 0) {
            listeners.append("""
                    <websocket-listener><port>%d</port><bind-address>%s</bind-address><path>/mqtt</path>
                      <subprotocols><subprotocol>mqttv3.1</subprotocol><subprotocol>mqtt</subprotocol></subprotocols>
                      <allow-extensions>true</allow-extensions></websocket-listener>""".formatted(extra.wsPort(), xml(host)));
        }
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    %s
                  </listeners>
                  <mqtt>
                    <queued-messages><max-queue-size>200000</max-queue-size><strategy>discard</strategy></queued-messages>
                    <packets><max-packet-size>1048576</max-packet-size></packets>
                  </mqtt>
                  <restrictions><no-connect-idle-timeout>%d</no-connect-idle-timeout></restrictions>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                  <persistence><mode>in-memory</mode></persistence>
                </hivemq>
                """.formatted(listeners, Math.max(1, connectTimeout.toMillis()));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private EmbeddedExtension extension() {
        Access access = new Access(keys, devices, sessions, outbox);
        SessionChanges changes = new SessionChanges(outbox);
        return EmbeddedExtension.builder()
                .withId("thingstead")
                .withName("Thingstead")
                .withVersion("1")
                .withAuthor("Thingstead")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        Services.securityRegistry().setAuthenticatorProvider(i -> access);
                        Services.securityRegistry().setAuthorizerProvider(i -> access);
                        Services.interceptorRegistry().setConnectInboundInterceptorProvider(i -> new ConnectGate());
                        Services.initializerRegistry().setClientInitializer((i, ctx) -> {
                            ctx.addPublishInboundInterceptor(inbound);
                            ctx.addUnsubscribeInboundInterceptor(changes);
                            ctx.addDisconnectInboundInterceptor(changes);
                            PushAcks acks = new PushAcks(MqttEndpoint.this::sent);
                            ctx.addPublishOutboundInterceptor(acks);
                            ctx.addPubackInboundInterceptor(acks);
                        });
                        Services.eventRegistry()
                                .setClientLifecycleEventListener(i -> new Lifecycle(
                                        sessions,
                                        wills,
                                        outbox,
                                        (session, ip) -> lane(() -> refresh(sessions.reach(session), ip))));
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
                })
                .build();
    }

    private void lane(Runnable task) {
        try {
            statusLane.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // on shutdown every device was already set offline
        }
    }

    /** Writes online/offline for the devices whose state may have changed. */
    private void refresh(Set<String> ids, String ip) {
        try {
            List<Device> online = new ArrayList<>();
            List<Device> offline = new ArrayList<>();
            for (String id : ids) {
                Device d = devices.get(id);
                if (d != null) {
                    (sessions.online(id) ? online : offline).add(d);
                }
            }
            connections.status(online, true, ip);
            connections.status(offline, false, null);
        } catch (RuntimeException e) {
            LOG.error("Updating connection status of {} failed", ids, e);
        }
    }

    /**
     * A key changed. Regenerated or deleted: its sessions end. Re-scoped (a gateway's edge devices
     * changed): the session goes on with the new rights, and the devices it gained or lost follow
     * its connection status at once.
     */
    private void keyChanged(ApiKey old) {
        sessions.keyChanged(old.id());
        List<Sessions.Session> using = sessions.usingKey(old.id());
        if (using.isEmpty()) {
            return;
        }
        if (!keys.exists(old.id())) {
            using.forEach(s -> disconnect(s.clientId()));
            return;
        }
        Set<String> affected = new LinkedHashSet<>(old.context().ids());
        using.forEach(s -> affected.addAll(sessions.reach(s)));
        String ip = using.get(0).ip();
        lane(() -> refresh(affected, ip));
    }

    private void disconnect(String clientId) {
        if (broker != null) {
            Services.clientService().disconnectClient(clientId);
        }
    }

    /**
     * An account was suspended or closed: every session whose key no longer authenticates ends (its
     * sub-accounts' too). Reopening an account reconnects nobody.
     */
    @Override
    public void statusChanged(Account before, Account after) {
        for (Sessions.Session s : sessions.all()) {
            if (sessions.principal(s) == null) {
                disconnect(s.clientId());
            }
        }
    }

    /** Disabling a device ends its session and drops what was queued for it. */
    @Override
    public void updated(Device before, Device after) {
        if (after.status() == Device.Status.DISABLED && before.status() != Device.Status.DISABLED) {
            outbox.dropDevice(after.id());
            disconnect(after.id());
        }
    }

    /**
     * Deleting a device drops what was queued for it; its session and publish rate are runtime
     * state of the device, freed with it (the session by ending its connection).
     */
    @Override
    public void deleted(Device device) {
        outbox.dropDevice(device.id());
    }

    /** Hands a push to the broker for one session. */
    private void send(String clientId, Outbox.Message m) {
        publishTo(clientId, m.topic(), m.payload(), m.property(), "Push for " + m.deviceId());
    }

    /** Hands the answer of a method call to the session that made it (never queued: it asked just now). */
    private static void reply(String clientId, String topic, byte[] payload) {
        publishTo(clientId, topic, payload, null, "Method answer on " + topic);
    }

    /** One QoS 1 publish to one session; {@code mark} (a pushed property) goes as a user property. */
    private static void publishTo(String clientId, String topic, byte[] payload, String mark, String what) {
        var builder = Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE).payload(ByteBuffer.wrap(payload));
        if (mark != null) {
            builder.userProperty(PushAcks.MARK, mark);
        }
        Services.publishService().publishToClient(builder.build(), clientId).whenComplete((result, error) -> {
            if (error != null) {
                LOG.warn("{} to {} failed: {}", what, clientId, error.getMessage());
            }
        });
    }

    private void sweep() {
        try {
            outbox.sweep();
        } catch (RuntimeException e) {
            LOG.error("Sweeping the offline queues failed", e);
        }
    }

    /** A push reached a session: {@code lastOut} of the device it was for. */
    private void sent(String deviceId, String propertyName) {
        Device d = devices.get(deviceId);
        if (d != null) {
            connections.delivered(d, propertyName);
        }
    }

    /** Sets every connected device offline, then stops the broker. */
    @Override
    public void close() {
        pushes.close();
        keySubscription.close();
        wills.close();
        Set<String> reached = new LinkedHashSet<>();
        for (Sessions.Session s : sessions.all()) {
            reached.addAll(sessions.reach(s));
        }
        List<Device> offline =
                reached.stream().map(devices::get).filter(Objects::nonNull).toList();
        try {
            connections.status(offline, false, null);
        } catch (RuntimeException e) {
            LOG.warn("Could not set {} devices offline on shutdown: {}", offline.size(), e.getMessage());
        }
        inbound.close();
        sweeper.shutdownNow();
        statusLane.shutdown();
        if (broker != null) {
            try {
                broker.stop().join();
            } catch (RuntimeException e) {
                LOG.warn("MQTT broker stop: {}", e.getMessage());
            }
        }
    }
}
