package io.thingstead.api;

import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.devices.DeviceService;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileService;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyService;

/** {@code /deviceprofiles}, their nested {@code /properties}, and the flat {@code /properties}. */
final class ProfilesApi {
    private final ProfileService profiles;
    private final PropertyService properties;
    private final DeviceService devices;
    private final DeviceAccess access;

    ProfilesApi(Platform p) {
        this.profiles = p.profiles();
        this.properties = p.properties();
        this.devices = p.devices();
        this.access = p.access();
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
            String owner = c.query("ownerId", "owner");
            if (owner == null) {
                c.principal().require("deviceprofile:read");
                return c.page(c.friendly(properties.ofAccount(c.account().id()), Property.View::friendlyName));
            }
            return c.page(c.friendly(properties.ofProfile(owner(c, owner)), Property.View::friendlyName));
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

    /**
     * The profile whose properties {@code ?ownerId=} lists: a profile of the account (with
     * {@code deviceprofile:read}), or a device's profile, its properties being the device's (with
     * {@code device:read} or {@code deviceprofile:read}; a device-context key for the devices it
     * reaches, as Connio's Node-RED nodes ask with the device's own key).
     */
    private DeviceProfile owner(Call c, String ref) {
        Principal p = c.principal();
        String scope = "device:read";
        if (p.inContext(KeyContext.Type.ACCOUNT)) {
            DeviceProfile profile = profiles.find(c.account().id(), ref);
            if (profile != null) {
                p.require("deviceprofile:read");
                return profile;
            }
            if (!p.has(scope) && p.has("deviceprofile:read")) {
                scope = "deviceprofile:read";
            }
        }
        DeviceAccess.Access a = access.resolve(p, c.anyContextAccount().id(), ref, scope);
        return devices.profileOf(a.device());
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
