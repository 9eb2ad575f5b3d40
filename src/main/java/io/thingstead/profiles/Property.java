package io.thingstead.profiles;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Copies;
import io.thingstead.core.Wire;
import java.util.List;

/** A property definition as stored, owned by one profile. */
public record Property(
        String id,
        String accountId,
        String ownerId,
        String name,
        String friendlyName,
        PropertyType type,
        Access access,
        Publish publish,
        JsonNode measurement,
        JsonNode boundaries,
        Retention retention,
        String description,
        List<String> tags,
        boolean locked,
        String dateCreated,
        String dateModified) {
    public Property {
        tags = Copies.list(tags);
    }

    /** Who reads and writes its data besides its device: nobody, read only, or read and write. */
    public enum Access {
        PRIVATE,
        PROTECTED,
        PUBLIC;

        /** Whether a key other than the device's own reads the property's data. */
        public boolean othersRead() {
            return switch (this) {
                case PRIVATE -> false;
                case PROTECTED, PUBLIC -> true;
            };
        }

        /** Whether a key other than the device's own writes the property's data. */
        public boolean othersWrite() {
            return switch (this) {
                case PRIVATE, PROTECTED -> false;
                case PUBLIC -> true;
            };
        }

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** Which stored values are pushed to the device's subscribers: all, those that change it, none. */
    public enum Publish {
        ALWAYS,
        CHANGED,
        NEVER;

        /** Whether a new latest value is pushed, given whether it differs from the one it replaces. */
        public boolean pushes(boolean changed) {
            return switch (this) {
                case ALWAYS -> true;
                case CHANGED -> changed;
                case NEVER -> false;
            };
        }

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

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
            Access access,
            Publish publish,
            JsonNode measurement,
            JsonNode boundaries,
            Retention retention,
            String description,
            List<String> tags,
            boolean locked,
            String dateCreated,
            String dateModified) {
        public View {
            tags = Copies.list(tags);
        }
    }
}
