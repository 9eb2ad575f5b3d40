package io.thingstead.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Names;
import io.thingstead.core.Times;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Property definitions of profiles: validation of every field, and the IS-A naming rules. */
public final class PropertyService {
    /**
     * A property body: what a property emits ({@code qualifiedName} and {@code inherited} are
     * derived, so read-only), and {@code ownerId}, the profile that owns it.
     */
    static final FieldSet KNOWN = FieldSet.of(
                    "name",
                    "friendlyName",
                    "type",
                    "access",
                    "publish",
                    "measurement",
                    "boundaries",
                    "retention",
                    "description",
                    "tags",
                    "locked",
                    "ownerId")
            .readOnly("id", "accountId", "qualifiedName", "inherited", "dateCreated", "dateModified");

    private static final FieldSet MEASUREMENT = FieldSet.of("type", "unit");
    private static final FieldSet UNIT = FieldSet.of("label", "symbol");

    /** Names that collide with device attributes in the flat state (docs/connio.md: Properties). */
    static final Set<String> RESERVED = Set.of(
            "id",
            "accountid",
            "name",
            "friendlyname",
            "customids",
            "status",
            "apps",
            "location",
            "profileid",
            "properties");

    static final Set<String> MEASUREMENTS = Set.of(
            "custom",
            "time",
            "acceleration",
            "currency",
            "electricity",
            "fitnessEnergy",
            "weight",
            "lengthDistance",
            "relativeHumidity",
            "light",
            "pressure",
            "speed",
            "soundsLevel",
            "temperature",
            "percentage");

    private final ProfileCatalog catalog;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;

    public PropertyService(ProfileCatalog catalog, Admin admin, Ids ids, InstantSource clock) {
        this.catalog = catalog;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
    }

    /** Told the id of every property deleted from a profile that stays, so its data goes too. */
    public io.thingstead.core.Subscription onDeleted(java.util.function.Consumer<String> listener) {
        return catalog.onPropertyDeleted(listener);
    }

    /** Every property of the profile, inherited ones marked. */
    public List<Property.View> ofProfile(DeviceProfile profile) {
        return catalog.resolvedProperties(profile.id()).stream()
                .map(ProfileCatalog.Resolved::view)
                .toList();
    }

    /** Every property the account's own profiles define. */
    public List<Property.View> ofAccount(String accountId) {
        List<Property.View> out = new ArrayList<>();
        for (Property p : catalog.propertiesOfAccount(accountId)) {
            out.add(view(p));
        }
        return out;
    }

    /** A property by id, as seen from its owner. */
    public Property.View get(String accountId, String id) {
        return view(byId(accountId, id));
    }

    /** A property of a profile (own or inherited) by id, name or qualified name. */
    public Property.View get(DeviceProfile profile, String ref) {
        ProfileCatalog.Resolved r = catalog.resolveProperty(profile.id(), ref);
        if (r == null) {
            throw ApiException.notFound("Property", ref);
        }
        return r.view();
    }

    public Property.View create(DeviceProfile owner, JsonNode body) {
        Fields f = Fields.of(body, "", KNOWN);
        String ownerRef = f.string("ownerId");
        if (ownerRef != null && !ownerRef.equals(owner.id()) && !ownerRef.equalsIgnoreCase(owner.name())) {
            throw ApiException.invalid("ownerId", "must be the profile the property is created on");
        }
        String name = Names.require("name", f.requiredString("name"));
        if (RESERVED.contains(Names.key(name))) {
            throw new ApiException(ErrorCode.RESERVED_PROPERTY_NAME, "'name' '" + name + "' is reserved");
        }
        if (!f.present("type")) {
            throw ApiException.invalid("type", "is required");
        }
        PropertyType type = f.oneOf("type", PropertyType.class);
        String now = Times.format(clock.instant());
        Property p = new Property(
                ids.next("prp"),
                owner.accountId(),
                owner.id(),
                name,
                f.text("friendlyName", 256),
                type,
                access(f, Property.Access.PROTECTED),
                publish(f, Property.Publish.NEVER),
                measurement(f, type),
                Boundaries.normalize(type, f.raw("boundaries")),
                Retention.parse(f, Retention.DEFAULT),
                f.text("description", 4096),
                f.tagsOrEmpty("tags"),
                Boolean.TRUE.equals(f.bool("locked")),
                now,
                now);
        requirePublishable(p);
        return admin.mutate(() -> {
            ProfileService.requireModifiable(catalog.profile(owner.id()), null);
            requireFreeName(owner.id(), name, null);
            admin.persist(List.of(Change.put(ProfileCatalog.PROPERTY, p.id(), p.accountId(), p)));
            return view(p);
        });
    }

    public Property.View update(String accountId, String id, JsonNode body) {
        Fields f = Fields.of(body, "", KNOWN);
        return admin.mutate(() -> {
            Property cur = byId(accountId, id);
            f.unchanged("id", cur.id()).unchanged("accountId", cur.accountId()).unchanged("ownerId", cur.ownerId());
            if (Builtins.isBuiltinProperty(cur.id())) {
                throw ApiException.locked("Property '" + cur.name() + "'");
            }
            Fields.requireUnlocked(cur.locked(), f, "Property '" + cur.name() + "'");
            ProfileService.requireModifiable(catalog.profile(cur.ownerId()), null);
            String name = cur.name();
            if (f.present("name")) {
                name = Names.require("name", f.string("name"));
                if (RESERVED.contains(Names.key(name))) {
                    throw new ApiException(ErrorCode.RESERVED_PROPERTY_NAME, "'name' '" + name + "' is reserved");
                }
                requireFreeName(cur.ownerId(), name, cur.id());
            }
            PropertyType type = cur.type();
            if (f.present("type") && f.oneOf("type", PropertyType.class) != type) {
                throw ApiException.invalid("type", "cannot be changed once the property exists");
            }
            Property next = new Property(
                    cur.id(),
                    cur.accountId(),
                    cur.ownerId(),
                    name,
                    f.has("friendlyName") ? f.text("friendlyName", 256) : cur.friendlyName(),
                    cur.type(),
                    f.present("access") ? access(f, cur.access()) : cur.access(),
                    f.present("publish") ? publish(f, cur.publish()) : cur.publish(),
                    f.has("measurement") ? measurement(f, type) : cur.measurement(),
                    f.has("boundaries") ? Boundaries.normalize(type, f.raw("boundaries")) : cur.boundaries(),
                    Retention.parse(f, cur.retention()),
                    f.has("description") ? f.text("description", 4096) : cur.description(),
                    f.has("tags") ? f.tagsOrEmpty("tags") : cur.tags(),
                    f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                    cur.dateCreated(),
                    Times.format(clock.instant()));
            requirePublishable(next);
            admin.persist(List.of(Change.put(ProfileCatalog.PROPERTY, next.id(), next.accountId(), next)));
            return view(next);
        });
    }

    public int delete(String accountId, String id) {
        return admin.mutate(() -> {
            Property cur = byId(accountId, id);
            if (Builtins.isBuiltinProperty(cur.id()) || cur.locked()) {
                throw ApiException.locked("Property '" + cur.name() + "'");
            }
            ProfileService.requireModifiable(catalog.profile(cur.ownerId()), null);
            admin.persist(List.of(Change.delete(ProfileCatalog.PROPERTY, cur.id())));
            return 1;
        });
    }

    private Property byId(String accountId, String id) {
        Property p = catalog.property(id);
        if (p == null || !(p.accountId() == null || p.accountId().equals(accountId))) {
            throw ApiException.notFound("Property", id);
        }
        return p;
    }

    private Property.View view(Property p) {
        DeviceProfile owner = catalog.profile(p.ownerId());
        return p.view(Names.key(owner.name()) + "$" + Names.key(p.name()), false);
    }

    /** A name must be new along the owner's chain and in every profile that inherits from it. */
    private void requireFreeName(String ownerId, String name, String selfId) {
        String key = Names.key(name);
        for (String id : catalog.chain(ownerId)) {
            for (Property p : catalog.ownProperties(id)) {
                if (Names.key(p.name()).equals(key) && !p.id().equals(selfId)) {
                    boolean inherited = !id.equals(ownerId);
                    throw new ApiException(
                            inherited ? ErrorCode.VALIDATION_FAILED : ErrorCode.NAME_TAKEN,
                            "'name' '" + name + "' is already "
                                    + (inherited
                                            ? "inherited from profile '"
                                                    + catalog.profile(id).name() + "'"
                                            : "defined by this profile"));
                }
            }
        }
        for (String id : catalog.descendantsAndSelf(ownerId)) {
            for (Property p : catalog.ownProperties(id)) {
                if (!id.equals(ownerId) && Names.key(p.name()).equals(key)) {
                    throw ApiException.invalid(
                            "name",
                            "'" + name + "' is already defined by the inheriting profile '"
                                    + catalog.profile(id).name() + "'");
                }
            }
        }
    }

    /** A private property is never pushed to anyone (docs/connio.md: Properties). */
    private static void requirePublishable(Property p) {
        if (p.access() == Property.Access.PRIVATE && p.publish() != Property.Publish.NEVER) {
            throw ApiException.invalid("publish", "must be 'never' for a private property: it cannot be published");
        }
    }

    private static Property.Access access(Fields f, Property.Access fallback) {
        Property.Access access = f.oneOf("access", Property.Access.class);
        return access == null ? fallback : access;
    }

    private static Property.Publish publish(Fields f, Property.Publish fallback) {
        Property.Publish publish = f.oneOf("publish", Property.Publish.class);
        return publish == null ? fallback : publish;
    }

    private static JsonNode measurement(Fields f, PropertyType type) {
        Fields m = f.object("measurement", MEASUREMENT);
        if (m == null) {
            return null;
        }
        if (type != PropertyType.NUMBER) {
            throw ApiException.invalid("measurement", "applies to number properties only");
        }
        String mt = m.requiredString("type");
        if (MEASUREMENTS.stream().noneMatch(x -> x.equalsIgnoreCase(mt))) {
            throw ApiException.invalid(m.name("type"), "must be one of " + MEASUREMENTS + ", got '" + mt + "'");
        }
        Fields unit = m.object("unit", UNIT);
        if (unit != null) {
            unit.text("label", 64);
            unit.text("symbol", 16);
        }
        return m.node();
    }
}
