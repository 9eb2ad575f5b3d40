package io.thingstead.api;

import io.helidon.logging.common.spi.LoggingProvider;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes Helidon's java.util.logging output to SLF4J/Logback; Helidon finds it as its logging provider. */
public final class HelidonLogging implements LoggingProvider {
    @Override
    public void initialization() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    @Override
    public void runTime() {}
}
