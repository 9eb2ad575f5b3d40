package io.thingstead.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.Account;
import io.thingstead.accounts.ApiClient;
import io.thingstead.accounts.Role;
import io.thingstead.accounts.User;
import io.thingstead.core.Admin;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.devices.Device;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyType;
import io.thingstead.profiles.Retention;
import java.util.List;
import java.util.Map;

/** Stored entities for unit tests, with every field a test does not care about at its default. */
public final class Entities {
    public static final String T = "2026-11-28T10:00:00.000Z";

    private Entities() {}

    /** Stores the changes in one admin mutation, as a service would after its checks. */
    public static void persist(Admin admin, Change... changes) {
        admin.mutate(() -> {
            admin.persist(List.of(changes));
            return null;
        });
    }

    public static Account account(String id, String name, Account.Status status) {
        return new Account(
                id,
                name,
                null,
                null,
                new Account.Plan("unlimited", null),
                status,
                null,
                null,
                List.of(),
                new Account.Balance(0),
                false,
                T,
                T);
    }

    /** A confirmed admin user. */
    public static User user(String id, String accountId, String email) {
        return new User(
                id,
                accountId,
                email,
                null,
                User.Status.CONFIRMED,
                Role.ADMIN,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                false,
                T,
                T,
                null);
    }

    public static ApiClient client(String id, String accountId, String name) {
        return new ApiClient(id, accountId, name, null, null, List.of(), false, T, T);
    }

    public static DeviceProfile profile(String id, String accountId, String name, String baseId) {
        return new DeviceProfile(
                id, accountId, name, null, baseId, null, List.of(), null, null, null, null, false, T, T);
    }

    /** A protected number property that is never published. */
    public static Property property(String id, String accountId, String ownerId, String name) {
        return property(id, accountId, ownerId, name, PropertyType.NUMBER, null);
    }

    /** A protected property of the type and (normalized) boundaries, never published. */
    public static Property property(
            String id, String accountId, String ownerId, String name, PropertyType type, JsonNode boundaries) {
        return new Property(
                id,
                accountId,
                ownerId,
                name,
                null,
                type,
                Property.Access.PROTECTED,
                Property.Publish.NEVER,
                null,
                boundaries,
                Retention.DEFAULT,
                null,
                List.of(),
                false,
                T,
                T);
    }

    /** An enabled device of the builtin {@code Device} profile. */
    public static Device device(String id, String accountId, String name, Map<String, String> customIds) {
        return device(id, accountId, name, Builtins.DEVICE, 0, customIds);
    }

    /** An enabled device of the builtin {@code ConnectedDevice} profile with an activity period in seconds. */
    public static Device device(String id, long period) {
        return device(id, "_acc_1", id, Builtins.CONNECTED_DEVICE, period, Map.of());
    }

    private static Device device(
            String id, String accountId, String name, String profileId, long period, Map<String, String> customIds) {
        return new Device(
                id,
                accountId,
                name,
                null,
                profileId,
                List.of(),
                null,
                List.of(),
                Device.Status.ENABLED,
                period,
                customIds,
                null,
                false,
                false,
                null,
                false,
                T,
                T);
    }

    /** The device with another id, name, friendly name and custom ids, the rest kept. */
    public static Device device(Device d, String id, String name, String friendlyName, Map<String, String> customIds) {
        return new Device(
                id,
                d.accountId(),
                name,
                friendlyName,
                d.profileId(),
                d.apps(),
                d.description(),
                d.tags(),
                d.status(),
                d.period(),
                customIds,
                d.timezone(),
                d.annotateWithLoc(),
                d.annotateWithMeta(),
                d.location(),
                d.locked(),
                d.dateCreated(),
                d.dateModified());
    }
}
