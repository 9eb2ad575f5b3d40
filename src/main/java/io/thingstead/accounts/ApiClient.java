package io.thingstead.accounts;

import io.thingstead.core.Copies;
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
        String dateModified) {
    public ApiClient {
        tags = Copies.list(tags);
    }
}
