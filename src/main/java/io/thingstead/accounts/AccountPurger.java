package io.thingstead.accounts;

import io.thingstead.core.EntityStore.Change;
import java.util.List;

/** A feature that owns account-scoped entities, so a hard account delete can take them along. */
public interface AccountPurger {
    /**
     * The deletions of everything this feature holds for the account; they reach the feature's
     * memory through its projection once stored.
     */
    List<Change> purgeChanges(String accountId);
}
