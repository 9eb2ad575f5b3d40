package io.thingstead.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A property definition as stored, owned by one profile. */
public record Property(
        String id,
        String accountId,
        String ownerId,
        String name,
        String friendlyName,
        PropertyType type,
        String access,
        String publish,
        JsonNode measurement,
        JsonNode boundaries,
        Retention retention,
        String description,
        List<String> tags,
        boolean locked,
        String dateCreated,
        String dateModified) {

    /** The API view, seen from a profile that owns it or inherits it. */
    public View view(String qualifiedName, boolean inherited) {
        return new View(
                id,
                accountId,
                ownerId,
                name,
                friendlyName,
                qualifiedName,
                inherited,
                type,
                access,
                publish,
                measurement,
                boundaries,
                retention,
                description,
                tags,
                locked,
                dateCreated,
                dateModified);
    }

    public record View(
            String id,
            String accountId,
            String ownerId,
            String name,
            String friendlyName,
            String qualifiedName,
            boolean inherited,
            PropertyType type,
            String access,
            String publish,
            JsonNode measurement,
            JsonNode boundaries,
            Retention retention,
            String description,
            List<String> tags,
            boolean locked,
            String dateCreated,
            String dateModified) {}
}
