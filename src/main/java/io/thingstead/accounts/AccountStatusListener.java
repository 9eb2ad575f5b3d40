package io.thingstead.accounts;

/**
 * Told after an account's status changed (suspended, closed, reopened), once the change is
 * stored. The accounts below it follow: a key is usable only while its account and every owner
 * above it are open (sessions of such keys end, for instance).
 */
@FunctionalInterface
public interface AccountStatusListener {
    void statusChanged(Account before, Account after);
}
