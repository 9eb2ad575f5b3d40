package io.thingstead.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the server logs while a test runs: every event at INFO or above from Thingstead, and what
 * the test configuration lets through from the libraries (WARN and above).
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger thingstead = (Logger) LoggerFactory.getLogger("io.thingstead");
    private final Level before = thingstead.getLevel();

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
        thingstead.setLevel(Level.INFO);
    }

    /** The events at INFO or above since the start or the last {@link #clear()}. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // the lock appenders append under
            return appender.list.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                    .toList();
        }
    }

    /** One line per event: level, logger, message, and the exception class when there is one. */
    public List<String> lines() {
        return events().stream()
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : " [" + e.getThrowableProxy().getClassName() + "]"))
                .toList();
    }

    public void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        thingstead.setLevel(before);
    }
}
