package io.thingstead.api;

import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.ApiClientService;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.UserService;
import io.thingstead.devices.DeviceService;
import io.thingstead.profiles.ProfileService;
import io.thingstead.profiles.PropertyService;

/** The feature services the HTTP API drives. */
public record Platform(
        AccountService accounts,
        UserService users,
        ApiClientService clients,
        KeyService keys,
        ProfileService profiles,
        PropertyService properties,
        DeviceService devices) {}
