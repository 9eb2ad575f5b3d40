package io.thingstead.events;

import io.thingstead.testing.WireAssert;
import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void protocol_isSpelledAsConnectionInfoNamesTheEndpoint() {
        WireAssert.assertSpelledAs(Source.Protocol.class, "rest", "mqtt", "method", "platform");
    }
}
