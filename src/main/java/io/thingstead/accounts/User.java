package io.thingstead.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Copies;
import io.thingstead.core.Views;
import io.thingstead.core.Wire;
import java.util.List;

public record User(
        String id,
        String accountId,
        String email,
        String name,
        Status status,
        Role role,
        String description,
        List<String> tags,
        String avatarUrl,
        String timezone,
        String locale,
        JsonNode prefs,
        boolean locked,
        String dateCreated,
        String dateModified,
        @JsonView(Views.Internal.class) String passwordHash) {
    public User {
        tags = Copies.list(tags);
    }

    /** Invited (no password yet), confirmed, or disabled (its key refused everywhere). */
    public enum Status {
        INVITED,
        CONFIRMED,
        DISABLED;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }
}
