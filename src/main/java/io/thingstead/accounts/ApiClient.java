package io.thingstead.accounts;

import java.util.List;

public record ApiClient(
        String id,
        String accountId,
        String name,
        String friendlyName,
        String description,
        List<String> tags,
        boolean locked,
        String dateCreated,
        String dateModified) {}
