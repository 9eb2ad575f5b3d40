package io.thingstead.accounts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Copies;
import io.thingstead.core.Wire;
import java.util.List;

public record Account(
        String id,
        String name,
        String friendlyName,
        String ownerId,
        Plan plan,
        Status status,
        JsonNode organization,
        String description,
        List<String> tags,
        Balance balance,
        boolean locked,
        String dateCreated,
        String dateModified) {
    public Account {
        tags = Copies.list(tags);
    }

    /** Open, or suspended or closed: then its keys, and those of its sub-accounts, stop working. */
    public enum Status {
        OPEN,
        SUSPENDED,
        CLOSED;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    public record Plan(String type, String expiresAt) {}

    public record Balance(double amount) {}

    @JsonIgnore
    public boolean isMaster() {
        return ownerId == null;
    }

    Account with(
            String name,
            String friendlyName,
            Plan plan,
            Status status,
            JsonNode organization,
            String description,
            List<String> tags,
            boolean locked,
            String now) {
        return new Account(
                id,
                name,
                friendlyName,
                ownerId,
                plan,
                status,
                organization,
                description,
                tags,
                balance,
                locked,
                dateCreated,
                now);
    }
}
