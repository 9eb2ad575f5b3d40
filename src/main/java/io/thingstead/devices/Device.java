package io.thingstead.devices;

import com.fasterxml.jackson.databind.JsonNode;
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
        String status,
        long period,
        Map<String, String> customIds,
        String timezone,
        boolean annotateWithLoc,
        boolean annotateWithMeta,
        JsonNode location,
        boolean locked,
        String dateCreated,
        String dateModified) {

    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    public static final String DEBUG = "debug";
}
