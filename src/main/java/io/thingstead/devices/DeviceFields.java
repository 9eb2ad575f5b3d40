package io.thingstead.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.DidYouMean;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Locations;
import io.thingstead.core.Names;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and checks the fields of a device create or update body. */
final class DeviceFields {
    private static final int MAX_APPS = 10;

    /**
     * What a device body may hold: the fields a device emits (read-only ones are ignored, or must
     * keep their value on update), {@code profile} on create, and the Python SDK's spellings
     * {@code custom_ids} (update) and {@code loation} (create).
     */
    static final FieldSet KNOWN = FieldSet.of(
                    "name",
                    "friendlyName",
                    "profile",
                    "profileId",
                    "apps",
                    "description",
                    "tags",
                    "status",
                    "period",
                    "customIds",
                    "custom_ids",
                    "timezone",
                    "annotateWithLoc",
                    "annotateWithMeta",
                    "location",
                    "loation",
                    "locked")
            .readOnly("id", "accountId", "dateCreated", "dateModified");

    private static final FieldSet CUSTOM_IDS = FieldSet.of(DeviceFilter.CUSTOM_ID_TYPES.toArray(String[]::new));

    /** What a device key may change on a device it reaches (README: API, Keys). */
    static final List<String> SELF_SERVICE = List.of(
            "friendlyName", "description", "tags", "location", "timezone", "annotateWithLoc", "annotateWithMeta");

    private DeviceFields() {}

    /**
     * 403 {@code Forbidden} naming the first field of the body a device key may not change (with
     * the nearest self-service field when it is no device field at all). Any other field the
     * device's JSON {@code current} holds is accepted with that same value, so a device that reads
     * itself and sends the whole body back with a self-service field changed is served. A body
     * that is not an object is left to {@link Fields#of}.
     */
    static void requireSelfService(JsonNode body, JsonNode current) {
        if (body == null || !body.isObject()) {
            return;
        }
        for (String field : (Iterable<String>) body::fieldNames) {
            if (!SELF_SERVICE.contains(field) && !same(body.get(field), current.get(field))) {
                String hint = KNOWN.accepts(field) ? "" : DidYouMean.hint(field, SELF_SERVICE);
                throw new ApiException(
                        ErrorCode.FORBIDDEN,
                        "A device key cannot change '" + field + "'" + hint + "; it may change only " + SELF_SERVICE);
            }
        }
    }

    /** Equal JSON, numbers by value (60 and 60.0 alike); a field the device leaves out equals null. */
    private static boolean same(JsonNode sent, JsonNode current) {
        JsonNode cur = current == null ? NullNode.getInstance() : current;
        return sent.equals(
                (a, b) -> a.isNumber() && b.isNumber()
                        ? a.decimalValue().compareTo(b.decimalValue())
                        : a.equals(b) ? 0 : 1,
                cur);
    }

    static Device create(Fields f, String accountId, String id, String now, ProfileCatalog profiles) {
        String name = Names.require(f.name("name"), f.requiredString("name"));
        String profileRef = f.string(f.spelling("profile", "profileId"));
        if (profileRef == null) {
            throw ApiException.invalid(f.name("profile"), "is required");
        }
        DeviceProfile profile = profiles.find(accountId, profileRef);
        if (profile == null) {
            throw ApiException.unknownReference(f.name("profile"), "device profile", profileRef);
        }
        return new Device(
                id,
                accountId,
                name,
                f.text("friendlyName", 256),
                profile.id(),
                apps(f),
                f.text("description", 4096),
                f.tagsOrEmpty("tags"),
                status(f),
                period(f, 0),
                customIds(f),
                f.text("timezone", 64),
                Boolean.TRUE.equals(f.bool("annotateWithLoc")),
                Boolean.TRUE.equals(f.bool("annotateWithMeta")),
                location(f),
                Boolean.TRUE.equals(f.bool("locked")),
                now,
                now);
    }

    static Device update(Fields f, Device cur, String now, ProfileCatalog profiles) {
        f.unchanged("id", cur.id()).unchanged("accountId", cur.accountId());
        String name = f.present("name") ? Names.require("name", f.string("name")) : cur.name();
        String profileField = f.spelling("profile", "profileId");
        String profile = f.string(profileField);
        DeviceProfile named = profile == null ? null : profiles.find(cur.accountId(), profile);
        if (profile != null && (named == null || !named.id().equals(cur.profileId()))) {
            throw ApiException.invalid(profileField, "cannot be changed; create a new device instead");
        }
        return new Device(
                cur.id(),
                cur.accountId(),
                name,
                f.has("friendlyName") ? f.text("friendlyName", 256) : cur.friendlyName(),
                cur.profileId(),
                f.has("apps") ? apps(f) : cur.apps(),
                f.has("description") ? f.text("description", 4096) : cur.description(),
                f.has("tags") ? f.tagsOrEmpty("tags") : cur.tags(),
                f.has("status") ? status(f) : cur.status(),
                f.has("period") ? period(f, 0) : cur.period(),
                f.has(f.spelling("customIds", "custom_ids")) ? customIds(f) : cur.customIds(),
                f.has("timezone") ? f.text("timezone", 64) : cur.timezone(),
                f.has("annotateWithLoc") ? Boolean.TRUE.equals(f.bool("annotateWithLoc")) : cur.annotateWithLoc(),
                f.has("annotateWithMeta") ? Boolean.TRUE.equals(f.bool("annotateWithMeta")) : cur.annotateWithMeta(),
                f.has(f.spelling("location", "loation")) ? location(f) : cur.location(),
                f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                cur.dateCreated(),
                now);
    }

    private static List<String> apps(Fields f) {
        List<String> apps = f.strings("apps");
        if (apps == null || apps.isEmpty()) {
            return List.of();
        }
        if (apps.size() > MAX_APPS) {
            throw ApiException.invalid(f.name("apps"), "must list at most " + MAX_APPS + " apps");
        }
        // Apps are not part of this server yet: any app named here is one that does not exist.
        throw ApiException.unknownReference(f.name("apps") + "[0]", "app", apps.get(0));
    }

    /** The status in the body; absent or null, a device is enabled. */
    private static Device.Status status(Fields f) {
        Device.Status s = f.oneOf("status", Device.Status.class);
        return s == null ? Device.Status.ENABLED : s;
    }

    private static long period(Fields f, long fallback) {
        Long p = f.integer("period");
        if (p == null) {
            return fallback;
        }
        if (p < 0 || p > 31_536_000L) {
            throw ApiException.invalid(f.name("period"), "must be a number of seconds from 0 to 31536000");
        }
        return p;
    }

    private static Map<String, String> customIds(Fields f) {
        Fields c = f.object(f.spelling("customIds", "custom_ids"), CUSTOM_IDS);
        Map<String, String> out = new LinkedHashMap<>();
        if (c == null) {
            return out;
        }
        for (var it = c.entries(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            String value = c.string(key);
            if (value.isEmpty()
                    || value.length() > 64
                    || !StandardCharsets.US_ASCII.newEncoder().canEncode(value)) {
                throw ApiException.invalid(c.name(key), "must be 1 to 64 ASCII characters");
            }
            out.put(key, value);
        }
        return out;
    }

    private static JsonNode location(Fields f) {
        String field = f.spelling("location", "loation");
        JsonNode raw = f.raw(field);
        return raw == null ? null : Locations.check(raw, f.name(field));
    }
}
