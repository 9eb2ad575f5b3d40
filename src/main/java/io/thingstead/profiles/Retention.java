package io.thingstead.profiles;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Wire;
import java.util.EnumSet;
import java.util.regex.Pattern;

/**
 * Where and how long a property's points are kept; every property has one (docs/connio.md:
 * Properties).
 */
public record Retention(Type type, String lifetime, long capacity, Condition condition) {
    /** Every point kept for the lifetime ({@code historical}), or only the latest ({@code mostrecent}). */
    public enum Type {
        HISTORICAL,
        MOSTRECENT;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** Which points are kept: all, those that change the value, or those that change it by more than a percentage. */
    public enum When {
        ALWAYS,
        CHANGED,
        CHANGEDX;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    public static final Retention DEFAULT =
            new Retention(Type.HISTORICAL, "3months", 100_000, new Condition(When.ALWAYS, null));
    private static final Pattern LIFETIME = Pattern.compile("unlimited|[1-9][0-9]{0,5}(days|months|years)");

    public record Condition(When when, Integer value) {}

    /** Whether every point is kept for the lifetime (a series with history), not only the latest. */
    public boolean keepsHistory() {
        return switch (type) {
            case HISTORICAL -> true;
            case MOSTRECENT -> false;
        };
    }

    /** SDKs also send {@code context} (docs/connio.md: Properties); it is accepted and has no effect here. */
    private static final FieldSet KNOWN = FieldSet.of("type", "lifetime", "capacity", "condition", "context");

    private static final FieldSet CONDITION = FieldSet.of("when", "value");

    /** The retention in {@code body.retention} merged over {@code base}; null body keeps base. */
    static Retention parse(Fields body, Retention base) {
        Fields r = body.object("retention", KNOWN);
        if (r == null) {
            return base;
        }
        r.freeObject("context");
        Type type = r.present("type") ? spelled(r, "type", Type.class) : base.type();
        String lifetime = r.present("lifetime") ? r.string("lifetime") : base.lifetime();
        if (!LIFETIME.matcher(lifetime).matches()) {
            throw ApiException.invalid(r.name("lifetime"), "must be 'unlimited' or <n>days, <n>months or <n>years");
        }
        long capacity = r.present("capacity") ? r.integer("capacity") : base.capacity();
        if (capacity < 0) {
            throw ApiException.invalid(r.name("capacity"), "must be 0 (unlimited) or more");
        }
        Condition condition = base.condition();
        Fields c = r.object("condition", CONDITION);
        if (c != null) {
            When when = c.present("when") ? spelled(c, "when", When.class) : condition.when();
            Long value = c.integer("value");
            if (value == null && when == When.CHANGEDX && base.condition().value() != null) {
                value = base.condition().value().longValue();
            }
            if (when == When.CHANGEDX) {
                if (value == null || value < 1 || value > 100) {
                    throw ApiException.invalid(c.name("value"), "must be a percentage from 1 to 100 with 'changedx'");
                }
            } else {
                value = null;
            }
            condition = new Condition(when, value == null ? null : value.intValue());
        }
        return new Retention(type, lifetime, capacity, condition);
    }

    /** Connio's retention spellings are read exactly as written, in lower case. */
    private static <E extends Enum<E>> E spelled(Fields f, String field, Class<E> type) {
        return Wire.parse(f.name(field), EnumSet.allOf(type), f.string(field), false);
    }
}
