package io.thingstead.devices;

import io.thingstead.core.ApiException;
import java.util.ArrayList;
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
