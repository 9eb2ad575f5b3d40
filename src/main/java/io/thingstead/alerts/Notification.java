package io.thingstead.alerts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Wire;
import io.thingstead.timeseries.LogLevel;

/**
 * A named notification a handler runs, one of Connio's actions; {@code action} travels as the
 * type of each (docs/alerts.md: Notifications). Texts may hold the template variables of
 * {@link Templates}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "action")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Notification.Log.class, name = "log"),
    @JsonSubTypes.Type(value = Notification.Webhook.class, name = "webhook"),
    @JsonSubTypes.Type(value = Notification.Email.class, name = "email"),
    @JsonSubTypes.Type(value = Notification.Sms.class, name = "sms"),
    @JsonSubTypes.Type(value = Notification.Method.class, name = "method")
})
public sealed interface Notification {
    String name();

    /** The closed set of actions, as a request spells them. */
    enum Action {
        LOG,
        WEBHOOK,
        EMAIL,
        SMS,
        METHOD;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** HTTP methods of a webhook. */
    enum HttpMethod {
        POST,
        PUT,
        GET;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** A line in the device log, at one of its levels. */
    record Log(String name, LogLevel level, String message) implements Notification {}

    /** An HTTP request; with {@code signatureKey}, signed in {@code X-Connio-Signature}. */
    record Webhook(String name, String url, HttpMethod method, String message, String signatureKey)
            implements Notification {}

    record Email(String name, String to, String subject, String message) implements Notification {}

    /** {@code to}: comma-separated E.164 numbers. */
    record Sms(String name, String to, String message) implements Notification {}

    /** A public method of the alert's device, called with {@code parameter}. */
    record Method(String name, String method, JsonNode parameter) implements Notification {}
}
