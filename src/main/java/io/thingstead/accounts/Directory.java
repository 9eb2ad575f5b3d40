package io.thingstead.accounts;

import io.thingstead.core.EntityStore;
import io.thingstead.core.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory view of accounts, users, API clients and keys, loaded from the store at start and
 * changed only by the services of this package after their changes are durably stored.
 */
public final class Directory {
    static final String ACCOUNT = "account";
    static final String USER = "user";
    static final String API_CLIENT = "apiclient";
    static final String KEY = "apikey";

    final Map<String, Account> accounts = new ConcurrentHashMap<>();
    final Map<String, String> accountByName = new ConcurrentHashMap<>();
    final Map<String, User> users = new ConcurrentHashMap<>();
    final Map<String, String> userByEmail = new ConcurrentHashMap<>();
    final Map<String, ApiClient> clients = new ConcurrentHashMap<>();
    final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    final Map<String, String> keyByOwner = new ConcurrentHashMap<>();

    public Directory(EntityStore store) {
        store.loadAll(ACCOUNT, Account.class).forEach(this::putAccount);
        store.loadAll(USER, User.class).forEach(this::putUser);
        store.loadAll(API_CLIENT, ApiClient.class).forEach(c -> clients.put(c.id(), c));
        store.loadAll(KEY, ApiKey.class).forEach(this::putKey);
    }

    void putAccount(Account a) {
        Account old = accounts.put(a.id(), a);
        if (old != null) {
            accountByName.remove(Names.key(old.name()));
        }
        accountByName.put(Names.key(a.name()), a.id());
    }

    void removeAccount(String id) {
        Account old = accounts.remove(id);
        if (old != null) {
            accountByName.remove(Names.key(old.name()));
        }
    }

    void putUser(User u) {
        User old = users.put(u.id(), u);
        if (old != null) {
            userByEmail.remove(Names.key(old.email()));
        }
        userByEmail.put(Names.key(u.email()), u.id());
    }

    void removeUser(String id) {
        User old = users.remove(id);
        if (old != null) {
            userByEmail.remove(Names.key(old.email()));
        }
    }

    void putKey(ApiKey k) {
        String previous = keyByOwner.put(k.ownerId(), k.id());
        if (previous != null && !previous.equals(k.id())) {
            keys.remove(previous);
        }
        keys.put(k.id(), k);
    }

    void removeKeyOf(String ownerId) {
        String keyId = keyByOwner.remove(ownerId);
        if (keyId != null) {
            keys.remove(keyId);
        }
    }

    public Account account(String id) {
        return accounts.get(id);
    }

    public Account accountByName(String name) {
        String id = accountByName.get(Names.key(name));
        return id == null ? null : accounts.get(id);
    }

    public ApiKey keyOf(String ownerId) {
        String id = keyByOwner.get(ownerId);
        return id == null ? null : keys.get(id);
    }

    public ApiKey key(String keyId) {
        return keys.get(keyId);
    }

    /** Number of accounts: zero means the store is new and needs its bootstrap. */
    public int accountCount() {
        return accounts.size();
    }

    List<Account> children(String accountId) {
        List<Account> out = new ArrayList<>();
        for (Account a : accounts.values()) {
            if (accountId.equals(a.ownerId())) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(Account::id));
        return out;
    }

    /** 1 for a master account, 2 for its sub-accounts, 3 for theirs. */
    int level(Account a) {
        int level = 1;
        for (Account cur = a; cur.ownerId() != null; cur = accounts.get(cur.ownerId())) {
            level++;
        }
        return level;
    }

    /** An account is usable when it and all its owners are neither closed nor suspended. */
    boolean usable(String accountId) {
        for (Account cur = accounts.get(accountId);
                cur != null;
                cur = cur.ownerId() == null ? null : accounts.get(cur.ownerId())) {
            if (Account.CLOSED.equals(cur.status()) || Account.SUSPENDED.equals(cur.status())) {
                return false;
            }
        }
        return accounts.containsKey(accountId);
    }
}
