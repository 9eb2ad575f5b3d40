package io.thingstead.accounts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

public record Account(
        String id,
        String name,
        String friendlyName,
        String ownerId,
        Plan plan,
        String status,
        JsonNode organization,
        String description,
        List<String> tags,
        Balance balance,
        boolean locked,
        String dateCreated,
        String dateModified) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String SUSPENDED = "suspended";
    public static final String CREATED = "created";

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
            String status,
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
