package io.thingstead.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The addresses a webhook never calls, and those it does (docs/alerts.md: Notifications). */
class DestinationsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]/",
                "http://[::ffff:169.254.169.254]/",
                "http://0.0.0.0:8081/v3",
                "http://[::]/",
                "https://224.0.0.1/"
            })
    void linkLocalUnspecifiedAndMulticast_areRefused(String url) {
        assertThat(Destinations.refused(URI.create(url)))
                .startsWith("refused: ")
                .endsWith("which webhooks never call");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:1880/hook",
                "http://10.1.2.3/hook",
                "http://192.168.1.20/hook",
                "http://[::1]/",
                "https://93.184.216.34/"
            })
    void loopbackPrivateAndPublic_areCalled(String url) {
        assertThat(Destinations.refused(URI.create(url))).isNull();
    }

    @Test
    void aNameThatDoesNotResolve_isLeftToTheCallToFail() {
        assertThat(Destinations.refused(URI.create("http://no-such-host.invalid/")))
                .isNull();
    }
}
