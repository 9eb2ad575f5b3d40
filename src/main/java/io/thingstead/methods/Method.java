package io.thingstead.methods;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Copies;
import io.thingstead.core.Wire;
import java.util.List;

/**
 * A method as stored: owned by a device profile ({@code _dpf_}, a builtin one included, for the
 * account that created it), with its JavaScript body in {@code methodImpl} (docs/methods.md).
 */
public record Method(
        String id,
        String accountId,
        String ownerId,
        String name,
        String friendlyName,
        String description,
        List<String> tags,
        Access access,
        Impl methodImpl,
        String inputId,
        String inputTTL,
        boolean locked,
        String dateCreated,
        String dateModified) {
    public Method {
        tags = Copies.list(tags);
    }

    /** Who may call it, from the narrowest to the widest (docs/methods.md: Access). */
    public enum Access {
        PRIVATE,
        PROTECTED,
        PUBLIC;

        /** Whether this access is as wide as {@code other} or wider. */
        public boolean atLeast(Access other) {
            return compareTo(other) >= 0;
        }

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** The languages a body may be written in: JavaScript only. */
    public enum Script {
        JAVASCRIPT;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    /** The body of the method ({@code value} is its one argument) and its language. */
    public record Impl(String funcBody, Script script) {}

    /** The API view, seen from a profile or device that owns it or inherits it. */
    public View view(String qualifiedName, boolean inherited) {
        return new View(
                id,
                accountId,
                ownerId,
                name,
                friendlyName,
                description,
                tags,
                inherited,
                qualifiedName,
                access,
                methodImpl,
                inputId,
                inputTTL,
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
            String description,
            List<String> tags,
            boolean inherited,
            String qualifiedName,
            Access access,
            Impl methodImpl,
            String inputId,
            String inputTTL,
            boolean locked,
            String dateCreated,
            String dateModified) {
        public View {
            tags = Copies.list(tags);
        }
    }
}
