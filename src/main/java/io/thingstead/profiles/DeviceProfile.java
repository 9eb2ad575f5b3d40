package io.thingstead.profiles;

import io.thingstead.core.Copies;
import java.util.List;

/** A device profile: a class of devices with one base profile. Builtins have no account. */
public record DeviceProfile(
        String id,
        String accountId,
        String name,
        String friendlyName,
        String baseProfileId,
        String description,
        List<String> tags,
        String deviceClass,
        String productName,
        String vendorName,
        String imageUrl,
        boolean locked,
        String dateCreated,
        String dateModified) {
    public DeviceProfile {
        tags = Copies.list(tags);
    }

    public boolean builtin() {
        return accountId == null;
    }
}
