package io.thingstead.accounts;

import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Views;
import java.util.List;

public record User(
        String id,
        String accountId,
        String email,
        String name,
        String status,
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

    public static final String INVITED = "invited";
    public static final String CONFIRMED = "confirmed";
    public static final String DISABLED = "disabled";
}
