package io.thingstead.devices;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Copies;
import io.thingstead.core.Wire;
import java.util.List;
import java.util.Map;

public record Device(
        String id,
        String accountId,
        String name,
        String friendlyName,
        String profileId,
        List<String> apps,
        String description,
        List<String> tags,
        Status status,
        long period,
        Map<String, String> customIds,
        String timezone,
        boolean annotateWithLoc,
        boolean annotateWithMeta,
        JsonNode location,
        boolean locked,
        String dateCreated,
        String dateModified) {
    public Device {
        apps = Copies.list(apps);
        tags = Copies.list(tags);
        customIds = Copies.map(customIds);
    }

    /**
     * Enabled; disabled (its data refused, its key refused everywhere, its MQTT session ended); or
     * debug (enabled, and its rejected points logged) (docs/connio.md: Devices).
     */
    public enum Status {
        ENABLED,
        DISABLED,
        DEBUG;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }
}
