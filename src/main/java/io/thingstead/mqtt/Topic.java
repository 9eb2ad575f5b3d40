package io.thingstead.mqtt;

import io.thingstead.accounts.Principal;
import java.util.Locale;

/**
 * A Connio topic. Inbound ({@code connio/data/out/devices/{id}/...}): {@code properties/{p}} (a raw
 * value), {@code json} or {@code properties/json} (a Data Feed), {@code methods/{m}} and {@code
 * methods/json}. Outbound: {@code connio/data/in/devices/{id}/properties/{p}}, and the answers of
 * method calls on {@code connio/data/in/devices/{id}/methods/{m}} (or {@code .../methods/json}).
 */
record Topic(Kind kind, String deviceId, String name) {
    enum Kind {
        VALUE,
        FEED,
        METHOD,
        METHOD_FEED
    }

    /** Every Connio topic starts so. */
    static final String NAMESPACE = "connio/";

    static final String OUT = "connio/data/out/devices/";
    static final String IN = "connio/data/in/devices/";

    /** The inbound topic, or null when it is not one of ours. */
    static Topic parse(String topic) {
        if (!topic.startsWith(OUT)) {
            return null;
        }
        String[] parts = topic.substring(OUT.length()).split("/", -1);
        if (parts[0].isEmpty()) {
            return null;
        }
        String id = parts[0];
        if (parts.length == 2 && parts[1].equals("json")) {
            return new Topic(Kind.FEED, id, null);
        }
        if (parts.length == 3 && parts[1].equals("properties") && !parts[2].isEmpty()) {
            return parts[2].equals("json") ? new Topic(Kind.FEED, id, null) : new Topic(Kind.VALUE, id, parts[2]);
        }
        if (parts.length == 3 && parts[1].equals("methods") && !parts[2].isEmpty()) {
            return parts[2].equals("json")
                    ? new Topic(Kind.METHOD_FEED, id, null)
                    : new Topic(Kind.METHOD, id, parts[2]);
        }
        return null;
    }

    /** Whether the key may publish on this topic: its current context lists the topic's device. */
    boolean reachableBy(Principal p) {
        return p != null && p.context().holds(deviceId);
    }

    /** The device id a subscription filter is about, or null when the filter is not ours or has wildcards there. */
    static String subscribedDevice(String filter) {
        if (!filter.startsWith(IN)) {
            return null;
        }
        String rest = filter.substring(IN.length());
        int slash = rest.indexOf('/');
        String id = slash < 0 ? rest : rest.substring(0, slash);
        if (id.isEmpty() || id.contains("+") || id.contains("#")) {
            return null;
        }
        return id;
    }

    /** Whether the MQTT topic filter (with {@code +} and {@code #} wildcards) matches the topic name. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** Where a pushed property value goes: property names are lower-case in topics. */
    static String push(String deviceId, String property) {
        return IN + deviceId + "/properties/" + property.toLowerCase(Locale.ROOT);
    }

    /** Where the answer of a method call on this topic goes: the same path under {@code in}. */
    static String methodAnswer(Topic call) {
        return IN + call.deviceId() + "/methods/" + (call.kind() == Kind.METHOD_FEED ? "json" : call.name());
    }
}
