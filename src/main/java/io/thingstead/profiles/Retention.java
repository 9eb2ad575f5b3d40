package io.thingstead.profiles;

import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import java.util.List;
import java.util.regex.Pattern;

/** Where and how long a property's points are kept; every property has one (docs/connio.md: Properties). */
public record Retention(String type, String lifetime, long capacity, Condition condition) {
    public static final Retention DEFAULT =
            new Retention("historical", "3months", 100_000, new Condition("always", null));
    private static final Pattern LIFETIME = Pattern.compile("unlimited|[1-9][0-9]{0,5}(days|months|years)");

    public record Condition(String when, Integer value) {}

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
        String type = r.present("type") ? r.string("type") : base.type();
        if (!List.of("historical", "mostrecent").contains(type)) {
            throw ApiException.invalid(r.name("type"), "must be one of [historical, mostrecent], got '" + type + "'");
        }
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
            String when = c.present("when") ? c.string("when") : condition.when();
            if (!List.of("always", "changed", "changedx").contains(when)) {
                throw ApiException.invalid(
                        c.name("when"), "must be one of [always, changed, changedx], got '" + when + "'");
            }
            Long value = c.integer("value");
            if (value == null && "changedx".equals(when) && base.condition().value() != null) {
                value = base.condition().value().longValue();
            }
            if ("changedx".equals(when)) {
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
}
