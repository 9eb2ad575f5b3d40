package io.thingstead.api;

import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.ApiClientService;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.UserService;
import io.thingstead.alerts.AlertEvaluation;
import io.thingstead.alerts.AlertService;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.devices.DeviceService;
import io.thingstead.ingest.Ingest;
import io.thingstead.methods.DeviceMethods;
import io.thingstead.methods.MethodInvoker;
import io.thingstead.methods.MethodService;
import io.thingstead.profiles.ProfileService;
import io.thingstead.profiles.PropertyService;
import io.thingstead.timeseries.DataService;
import java.time.InstantSource;

/** The feature services the HTTP API drives. */
public record Platform(
        AccountService accounts,
        UserService users,
        ApiClientService clients,
        KeyService keys,
        ProfileService profiles,
        PropertyService properties,
        DeviceService devices,
        DeviceAccess access,
        Ingest ingest,
        DataService data,
        AlertService alerts,
        AlertEvaluation evaluation,
        MethodService methods,
        DeviceMethods deviceMethods,
        MethodInvoker invoker,
        InstantSource clock) {}
