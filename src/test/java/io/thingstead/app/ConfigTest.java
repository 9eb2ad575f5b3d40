package io.thingstead.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    @Test
    void defaults() {
        Config c = Config.parse(new String[0], Map.of());
        assertThat(c.httpPort()).isEqualTo(8081);
        assertThat(c.mqttPort()).isEqualTo(1883);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.store()).isEqualTo("embedded");
        assertThat(c.adminKey()).isNull();
    }

    @Test
    void environment_isRead() {
        Config c = Config.parse(
                new String[0],
                Map.of(
                        "THINGSTEAD_HTTP_PORT",
                        "9000",
                        "THINGSTEAD_MQTT_PORT",
                        "9001",
                        "THINGSTEAD_DATA_DIR",
                        "/tmp/x",
                        "THINGSTEAD_STORE",
                        "jdbc:postgresql://h/db",
                        "THINGSTEAD_ADMIN_KEY",
                        "_key_1:abc"));
        assertThat(c.httpPort()).isEqualTo(9000);
        assertThat(c.mqttPort()).isEqualTo(9001);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.store()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(c.adminKey()).isEqualTo("_key_1:abc");
    }

    @Test
    void flags_winOverEnvironment_inBothSpellings() {
        Config c = Config.parse(
                new String[] {"--http-port", "7000", "--data-dir=/tmp/y", "--store", "embedded"},
                Map.of(
                        "THINGSTEAD_HTTP_PORT",
                        "9000",
                        "THINGSTEAD_DATA_DIR",
                        "/tmp/x",
                        "THINGSTEAD_STORE",
                        "jdbc:postgresql://h/db"));
        assertThat(c.httpPort()).isEqualTo(7000);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/y"));
        assertThat(c.store()).isEqualTo("embedded");
    }

    @Test
    void maxFutureSkew_defaultsToADay_andComesFromFlagOrEnvironment() {
        assertThat(Config.parse(new String[0], Map.of()).maxFutureSkew()).isEqualTo(Duration.ofDays(1));
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_MAX_FUTURE_SKEW", "2h"))
                        .maxFutureSkew())
                .isEqualTo(Duration.ofHours(2));
        assertThat(Config.parse(new String[] {"--max-future-skew", "PT5M"}, Map.of("THINGSTEAD_MAX_FUTURE_SKEW", "2h"))
                        .maxFutureSkew())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(Config.parse(new String[] {"--max-future-skew=0s"}, Map.of()).maxFutureSkew())
                .isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> Config.parse(new String[] {"--max-future-skew", "soon"}, Map.of()))
                .isInstanceOf(Config.Invalid.class)
                .hasMessage(
                        "--max-future-skew must be a duration such as 1d, 12h, 30m, 45s, 500ms or PT1H, got 'soon'");
    }

    @Test
    void mqttOff_tlsAndWebSocketListeners() throws Exception {
        assertThat(Config.parse(new String[] {"--mqtt-port", "off"}, Map.of()).mqttPort())
                .isEqualTo(Config.MQTT_OFF);
        assertThat(Config.parse(new String[0], Map.of()).mqttListeners()).isEqualTo(Config.MqttListeners.NONE);

        Path ks = java.nio.file.Files.createTempFile("ks", ".p12");
        Config c = Config.parse(
                new String[] {"--mqtt-tls-keystore", ks.toString(), "--mqtt-ws-port", "8000"},
                Map.of("THINGSTEAD_MQTT_TLS_PASSWORD", "pw"));
        assertThat(c.mqttListeners()).isEqualTo(new Config.MqttListeners(8883, ks, "pw", 8000));

        assertThatThrownBy(() -> Config.parse(new String[] {"--mqtt-tls-keystore", ks.toString()}, Map.of()))
                .hasMessageContaining("THINGSTEAD_MQTT_TLS_PASSWORD");
        assertThatThrownBy(() -> Config.parse(
                        new String[] {"--mqtt-tls-keystore", "/nonexistent.p12"},
                        Map.of("THINGSTEAD_MQTT_TLS_PASSWORD", "pw")))
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> Config.parse(new String[] {"--mqtt-tls-port", "8883"}, Map.of()))
                .hasMessageContaining("--mqtt-tls-keystore");
    }

    @Test
    void portZero_picksAFreePort_andOff_turnsAListenerOff_forEveryMqttListener() throws Exception {
        Path ks = java.nio.file.Files.createTempFile("ks", ".p12");
        Config zero = Config.parse(
                new String[] {"--mqtt-tls-keystore", ks.toString(), "--mqtt-tls-port", "0", "--mqtt-ws-port", "0"},
                Map.of("THINGSTEAD_MQTT_TLS_PASSWORD", "pw"));
        assertThat(zero.mqttListeners()).isEqualTo(new Config.MqttListeners(0, ks, "pw", 0));

        Config off = Config.parse(
                new String[] {
                    "--mqtt-port",
                    "off",
                    "--mqtt-tls-keystore",
                    ks.toString(),
                    "--mqtt-tls-port",
                    "OFF",
                    "--mqtt-ws-port",
                    "off"
                },
                Map.of("THINGSTEAD_MQTT_TLS_PASSWORD", "pw"));
        assertThat(off.mqttPort()).isEqualTo(Config.OFF);
        assertThat(off.mqttListeners().tlsPort()).isEqualTo(Config.OFF);
        assertThat(off.mqttListeners().wsPort()).isEqualTo(Config.OFF);

        // TLS alone (no plain MQTT) is a configuration of its own
        Config tlsOnly = Config.parse(
                new String[] {"--mqtt-port", "off", "--mqtt-tls-keystore", ks.toString()},
                Map.of("THINGSTEAD_MQTT_TLS_PASSWORD", "pw"));
        assertThat(tlsOnly.mqttListeners().tlsPort()).isEqualTo(Config.DEFAULT_MQTT_TLS_PORT);
        assertThat(Config.parse(new String[] {"--mqtt-tls-port", "off"}, Map.of())
                        .mqttListeners())
                .isEqualTo(Config.MqttListeners.NONE);
        assertThatThrownBy(() -> Config.parse(new String[] {"--http-port", "off"}, Map.of()))
                .hasMessageContaining("--http-port");
    }

    @Test
    void httpReadTimeout_isSecondsFromOneToAnHour() {
        assertThat(Config.parse(new String[0], Map.of()).httpReadTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(Config.parse(new String[] {"--http-read-timeout", "5"}, Map.of())
                        .httpReadTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_HTTP_READ_TIMEOUT", "7"))
                        .httpReadTimeout())
                .isEqualTo(Duration.ofSeconds(7));
        for (String bad : new String[] {"0", "3601", "1.5", "soon"}) {
            assertThatThrownBy(() -> Config.parse(new String[] {"--http-read-timeout", bad}, Map.of()))
                    .hasMessageContaining("--http-read-timeout");
        }
    }

    @Test
    void storeFlagsOnly_readTheStoreAndRefuseServerFlags() {
        Config c = Config.parse(
                new String[] {"--data-dir", "/tmp/z"},
                Map.of("THINGSTEAD_STORE", "jdbc:postgresql://h/db", "THINGSTEAD_HTTP_PORT", "9000"),
                Config.STORE_FLAGS);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/z"));
        assertThat(c.store()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(c.httpPort()).isEqualTo(Config.DEFAULT_HTTP_PORT);
        assertThatThrownBy(() -> Config.parse(new String[] {"--http-port", "1"}, Map.of(), Config.STORE_FLAGS))
                .hasMessageContaining("Unknown option '--http-port'");
    }

    @Test
    void badValues_areRefusedWithTheirName() {
        assertThatThrownBy(() -> Config.parse(new String[] {"--http-port", "70000"}, Map.of()))
                .hasMessageContaining("--http-port");
        assertThatThrownBy(() -> Config.parse(new String[] {"--mqtt-port", "x"}, Map.of()))
                .hasMessageContaining("--mqtt-port");
        assertThatThrownBy(() -> Config.parse(new String[] {"--store", "mysql://x"}, Map.of()))
                .hasMessageContaining("--store");
        assertThatThrownBy(() -> Config.parse(new String[] {"--bogus", "1"}, Map.of()))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Config.parse(new String[] {"--http-port"}, Map.of()))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Config.parse(new String[0], Map.of("THINGSTEAD_ADMIN_KEY", "nocolon")))
                .hasMessageContaining("THINGSTEAD_ADMIN_KEY");
    }

    @Test
    void nodeId_defaultsTo0_andComesFromItsFlagOrVariable() {
        assertThat(Config.parse(new String[0], Map.of()).nodeId()).isZero();
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_NODE_ID", "17"))
                        .nodeId())
                .isEqualTo(17);
        assertThat(Config.parse(new String[] {"--node-id", "1023"}, Map.of("THINGSTEAD_NODE_ID", "17"))
                        .nodeId())
                .isEqualTo(1023);
    }

    @Test
    void nodeId_outside0To1023_isRefusedInOneLine() {
        for (String bad : new String[] {"1024", "-1", "x"}) {
            assertThatThrownBy(() -> Config.parse(new String[] {"--node-id", bad}, Map.of()))
                    .isInstanceOf(Config.Invalid.class)
                    .hasMessage("--node-id must be a number from 0 to 1023, got '" + bad + "'");
        }
    }

    @Test
    void writeLanes_autoOrUnset_is0ForTheStoresDefault_andANumberFrom1To16IsTaken() {
        assertThat(Config.parse(new String[0], Map.of()).writeLanes()).isZero();
        assertThat(Config.parse(new String[] {"--write-lanes", "auto"}, Map.of())
                        .writeLanes())
                .isZero();
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_WRITE_LANES", "8"))
                        .writeLanes())
                .isEqualTo(8);
        for (String bad : new String[] {"0", "17", "x"}) {
            assertThatThrownBy(() -> Config.parse(new String[] {"--write-lanes", bad}, Map.of()))
                    .isInstanceOf(Config.Invalid.class)
                    .hasMessage("--write-lanes must be a number from 1 to 16, got '" + bad + "'");
        }
    }

    @Test
    void methodScriptMax_defaultsTo64KiB_andTakesBytesFrom1KiBTo1MiB() {
        assertThat(Config.parse(new String[0], Map.of()).methodScriptMax()).isEqualTo(65536);
        assertThat(Config.parse(new String[] {"--method-script-max", "2048"}, Map.of())
                        .methodScriptMax())
                .isEqualTo(2048);
        assertThat(Config.parse(new String[0], Map.of("THINGSTEAD_METHOD_SCRIPT_MAX", "1048576"))
                        .methodScriptMax())
                .isEqualTo(1 << 20);
        for (String bad : new String[] {"1023", "1048577", "64k"}) {
            assertThatThrownBy(() -> Config.parse(new String[] {"--method-script-max", bad}, Map.of()))
                    .isInstanceOf(Config.Invalid.class)
                    .hasMessage("--method-script-max must be a number from 1024 to 1048576, got '" + bad + "'");
        }
    }
}
