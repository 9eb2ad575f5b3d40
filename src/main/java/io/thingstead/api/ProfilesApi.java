package io.thingstead.api;

import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileService;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyService;

/** {@code /deviceprofiles}, their nested {@code /properties}, and the flat {@code /properties}. */
final class ProfilesApi {
    private final ProfileService profiles;
    private final PropertyService properties;

    ProfilesApi(Platform p) {
        this.profiles = p.profiles();
        this.properties = p.properties();
    }

    void register(Router r) {
        r.add(
                "GET",
                "/deviceprofiles",
                Params.paging("name", "base", "baseProfile").plus(Params.FRIENDLY),
                c -> {
                    c.principal().require("deviceprofile:read");
                    return c.page(c.friendly(
                            profiles.list(c.account().id(), c.query("name"), c.query("base", "baseProfile")),
                            DeviceProfile::friendlyName));
                });
        r.add("POST", "/deviceprofiles", c -> {
            c.principal().require("deviceprofile:create");
            return profiles.create(c.account().id(), c.json());
        });
        r.add("GET", "/deviceprofiles/{ref}", c -> {
            c.principal().require("deviceprofile:read");
            return profiles.get(c.account().id(), c.param("ref"));
        });
        r.add("PUT", "/deviceprofiles/{ref}", c -> {
            c.principal().require("deviceprofile:modify");
            return profiles.update(c.account().id(), c.param("ref"), c.json());
        });
        r.add("DELETE", "/deviceprofiles/{ref}", c -> {
            c.principal().require("deviceprofile:delete");
            return new Deleted(profiles.delete(c.account().id(), c.param("ref")));
        });

        r.add("GET", "/deviceprofiles/{ref}/properties", Params.PAGING.plus(Params.FRIENDLY), c -> {
            c.principal().require("deviceprofile:read");
            return c.page(c.friendly(properties.ofProfile(profile(c)), Property.View::friendlyName));
        });
        r.add("POST", "/deviceprofiles/{ref}/properties", c -> {
            c.principal().require("deviceprofile:modify");
            return properties.create(profile(c), c.json());
        });
        r.add("GET", "/deviceprofiles/{ref}/properties/{prop}", c -> {
            c.principal().require("deviceprofile:read");
            return properties.get(profile(c), c.param("prop"));
        });
        r.add("PUT", "/deviceprofiles/{ref}/properties/{prop}", c -> {
            c.principal().require("deviceprofile:modify");
            return properties.update(c.account().id(), ownedBy(c), c.json());
        });
        r.add("DELETE", "/deviceprofiles/{ref}/properties/{prop}", c -> {
            c.principal().require("deviceprofile:modify");
            return new Deleted(properties.delete(c.account().id(), ownedBy(c)));
        });

        r.add("GET", "/properties", Params.paging("ownerId", "owner").plus(Params.FRIENDLY), c -> {
            c.principal().require("deviceprofile:read");
            String owner = c.query("ownerId", "owner");
            return c.page(c.friendly(
                    owner == null
                            ? properties.ofAccount(c.account().id())
                            : properties.ofProfile(profiles.get(c.account().id(), owner)),
                    Property.View::friendlyName));
        });
        r.add("POST", "/properties", FieldSet.of("ownerId", "owner"), c -> {
            c.principal().require("deviceprofile:modify");
            var body = c.json();
            String owner = body.hasNonNull("ownerId") && body.get("ownerId").isTextual()
                    ? body.get("ownerId").textValue()
                    : c.query("ownerId", "owner");
            if (owner == null) {
                throw ApiException.invalid("ownerId", "is required: the profile that owns the property");
            }
            DeviceProfile p = profiles.list(c.account().id(), null, null).stream()
                    .filter(x -> x.id().equals(owner) || x.name().equalsIgnoreCase(owner))
                    .findFirst()
                    .orElseThrow(() -> ApiException.unknownReference("ownerId", "device profile", owner));
            return properties.create(p, body);
        });
        r.add("GET", "/properties/{id}", c -> {
            c.principal().require("deviceprofile:read");
            return properties.get(c.account().id(), c.param("id"));
        });
        r.add("PUT", "/properties/{id}", c -> {
            c.principal().require("deviceprofile:modify");
            return properties.update(c.account().id(), c.param("id"), c.json());
        });
        r.add("DELETE", "/properties/{id}", c -> {
            c.principal().require("deviceprofile:modify");
            return new Deleted(properties.delete(c.account().id(), c.param("id")));
        });
    }

    private DeviceProfile profile(Call c) {
        return profiles.get(c.account().id(), c.param("ref"));
    }

    /** The id of a property the addressed profile itself owns; inherited ones change on their owner. */
    private String ownedBy(Call c) {
        DeviceProfile p = profile(c);
        Property.View v = properties.get(p, c.param("prop"));
        if (v.inherited()) {
            throw ApiException.invalid(
                    "property", "'" + v.name() + "' is inherited; change it on the profile that owns it");
        }
        return v.id();
    }
}
