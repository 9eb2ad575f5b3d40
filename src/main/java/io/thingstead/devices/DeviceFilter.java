package io.thingstead.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Wire;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Device list filters. {@code tags=house, kitchen^, bathroom^, -mansion}: a plain tag is required
 * (AND), a trailing {@code ^} makes it one of a group of which at least one is required (OR), a
 * leading {@code -} excludes it (NOT). Tags match case-insensitively.
 */
public record DeviceFilter(
        String name,
        String friendlyName,
        String customIdType,
        String customId,
        List<String> allTags,
        List<String> anyTags,
        List<String> noTags,
        String profileId,
        String isAProfileId,
        Device.Status status) {
    public DeviceFilter {
        allTags = List.copyOf(allTags);
        anyTags = List.copyOf(anyTags);
        noTags = List.copyOf(noTags);
    }

    static final List<String> CUSTOM_ID_TYPES = List.of("sn", "mac", "imei", "esn");

    /** The filters of the device list (README: API), as query parameters or keys of a filter object. */
    public static final FieldSet FIELDS = FieldSet.of(
            "name",
            "friendlyName",
            "sn",
            "mac",
            "imei",
            "esn",
            "cidType",
            "cid",
            "tags",
            "profile",
            "profileId",
            "is_a",
            "isA",
            "status");

    /** Where the filters are read from: a value given under one of its spellings, or null. */
    @FunctionalInterface
    public interface Query {
        String get(String... names);

        /**
         * A filter object, e.g. a gateway method's {@code findDevices(filter)}: the keys of the
         * device list's query, {@code tags} also as an array; an unknown key is refused.
         */
        static Query of(JsonNode filter) {
            if (filter == null || filter.isNull()) {
                return names -> null;
            }
            if (!filter.isObject()) {
                throw ApiException.invalid("filter", "must be an object of device list filters");
            }
            FIELDS.check(filter::fieldNames, "filter", "filter");
            return names -> {
                for (String n : names) {
                    JsonNode v = filter.get(n);
                    if (v != null && !v.isNull()) {
                        return text(n, v);
                    }
                }
                return null;
            };
        }

        private static String text(String name, JsonNode v) {
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(item -> parts.add(text(name, item)));
                return String.join(",", parts);
            }
            if (v.isContainerNode()) {
                throw ApiException.invalid("filter." + name, "must be a string");
            }
            return v.asText();
        }
    }

    /**
     * The filter a query asks for; {@code profileId} turns a profile's name or id into its id (one
     * that names nothing into an id that matches nothing, rather than failing).
     */
    public static DeviceFilter from(Query q, Function<String, String> profileId) {
        String[] cid = customId(n -> q.get(n));
        Tags tags = parseTags(q.get("tags"));
        String profileRef = q.get("profile", "profileId");
        String isARef = q.get("is_a", "isA");
        String status = q.get("status");
        Device.Status wanted =
                status == null ? null : Wire.parse("status", EnumSet.allOf(Device.Status.class), status, true);
        return new DeviceFilter(
                q.get("name"),
                q.get("friendlyName"),
                cid == null ? null : cid[0],
                cid == null ? null : cid[1],
                tags.all(),
                tags.any(),
                tags.none(),
                profileRef == null ? null : profileId.apply(profileRef),
                isARef == null ? null : profileId.apply(isARef),
                wanted);
    }

    public static Tags parseTags(String spec) {
        List<String> all = new ArrayList<>();
        List<String> any = new ArrayList<>();
        List<String> none = new ArrayList<>();
        if (spec != null) {
            for (String raw : spec.split(",")) {
                String t = raw.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.startsWith("-")) {
                    none.add(lower(t.substring(1).trim()));
                } else if (t.endsWith("^")) {
                    any.add(lower(t.substring(0, t.length() - 1).trim()));
                } else {
                    all.add(lower(t));
                }
            }
        }
        return new Tags(all, any, none);
    }

    public record Tags(List<String> all, List<String> any, List<String> none) {
        public Tags {
            all = List.copyOf(all);
            any = List.copyOf(any);
            none = List.copyOf(none);
        }
    }

    /** The custom-id filter of a query: {@code sn=}, {@code mac=}, ... or {@code cidType=&cid=}. */
    public static String[] customId(Function<String, String> query) {
        for (String type : CUSTOM_ID_TYPES) {
            if (query.apply(type) != null) {
                return new String[] {type, query.apply(type)};
            }
        }
        String type = query.apply("cidType");
        String value = query.apply("cid");
        if (type == null && value == null) {
            return null;
        }
        if (type == null || value == null || !CUSTOM_ID_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw ApiException.invalid("cidType", "and 'cid' go together; cidType is one of " + CUSTOM_ID_TYPES);
        }
        return new String[] {type.toLowerCase(Locale.ROOT), value};
    }

    Predicate<Device> predicate(Predicate<String> isA) {
        return d -> {
            if (customId != null) {
                return customId.equals(d.customIds().get(customIdType));
            }
            if (name != null) {
                return d.name().equalsIgnoreCase(name);
            }
            if (profileId != null && !profileId.equals(d.profileId())) {
                return false;
            }
            if (isAProfileId != null && !isA.test(d.profileId())) {
                return false;
            }
            if (status != null && status != d.status()) {
                return false;
            }
            if (friendlyName != null && !friendlyName.equals(d.friendlyName())) {
                return false;
            }
            List<String> tags = d.tags().stream().map(DeviceFilter::lower).toList();
            return tags.containsAll(allTags)
                    && (anyTags.isEmpty() || anyTags.stream().anyMatch(tags::contains))
                    && noTags.stream().noneMatch(tags::contains);
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
