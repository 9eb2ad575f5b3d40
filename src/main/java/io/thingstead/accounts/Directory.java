package io.thingstead.accounts;

import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Names;
import io.thingstead.core.Projection;
import io.thingstead.core.Subscribers;
import io.thingstead.core.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-memory view of accounts, users, API clients and keys: a projection of what the store
 * holds, changed only by {@link #apply}. It tells its listeners when a key stops being valid as it
 * was (changed or deleted) and when an account's status changes, whichever node made the change.
 */
public final class Directory implements Projection {
    static final String ACCOUNT = "account";
    static final String USER = "user";
    static final String API_CLIENT = "apiclient";
    static final String KEY = "apikey";

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> accountByName = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, String> userByEmail = new ConcurrentHashMap<>();
    private final Map<String, ApiClient> clients = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Map<String, String> keyByOwner = new ConcurrentHashMap<>();
    private final Subscribers<Consumer<ApiKey>> keyListeners = new Subscribers<>();
    private final List<AccountStatusListener> statusListeners = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, Class<?>> kinds() {
        return Map.of(ACCOUNT, Account.class, USER, User.class, API_CLIENT, ApiClient.class, KEY, ApiKey.class);
    }

    /**
     * Account names and user emails are unique system-wide, API client names within their account
     * (all case-insensitive); an owner has one key.
     */
    @Override
    public List<UniqueKey> uniqueKeys(String kind, Object doc) {
        return switch (doc) {
            case Account a ->
                List.of(UniqueKey.name(
                        "account-name", "", a.name(), "An account named '" + a.name() + "' already exists"));
            case User u ->
                List.of(UniqueKey.name(
                        "user-email", "", u.email(), "A user with email '" + u.email() + "' already exists"));
            case ApiClient c ->
                List.of(UniqueKey.name(
                        "apiclient-name",
                        c.accountId(),
                        c.name(),
                        "An API client named '" + c.name() + "' already exists"));
            case ApiKey k ->
                List.of(new UniqueKey(
                        "apikey-owner",
                        "",
                        k.ownerId(),
                        ErrorCode.CONFLICT,
                        "The key of '" + k.ownerId() + "' was replaced by another request; read it again"));
            default -> throw new IllegalArgumentException("Not a directory entity: " + kind);
        };
    }

    @Override
    public Runnable apply(List<Stored> changes) {
        List<Runnable> news = new ArrayList<>();
        for (Stored s : changes) {
            switch (s.kind()) {
                case ACCOUNT -> applyAccount(s, news);
                case USER -> applyUser(s);
                case API_CLIENT -> {
                    if (s.isDelete()) {
                        clients.remove(s.id());
                    } else {
                        clients.put(s.id(), (ApiClient) s.doc());
                    }
                }
                case KEY -> applyKey(s, news);
                default -> throw new IllegalArgumentException("Not a directory entity: " + s.kind());
            }
        }
        return () -> news.forEach(Runnable::run);
    }

    private void applyAccount(Stored s, List<Runnable> news) {
        Account old = s.isDelete() ? accounts.remove(s.id()) : accounts.put(s.id(), (Account) s.doc());
        if (old != null) {
            accountByName.remove(Names.key(old.name()), old.id());
        }
        if (s.doc() instanceof Account a) {
            accountByName.put(Names.key(a.name()), a.id());
            if (old != null && old.status() != a.status()) {
                news.add(() -> statusListeners.forEach(l -> l.statusChanged(old, a)));
            }
        }
    }

    private void applyUser(Stored s) {
        User old = s.isDelete() ? users.remove(s.id()) : users.put(s.id(), (User) s.doc());
        if (old != null) {
            userByEmail.remove(Names.key(old.email()), old.id());
        }
        if (s.doc() instanceof User u) {
            userByEmail.put(Names.key(u.email()), u.id());
        }
    }

    /** A key changed or deleted is announced with its old self: sessions holding it re-check or end. */
    private void applyKey(Stored s, List<Runnable> news) {
        ApiKey old = s.isDelete() ? keys.remove(s.id()) : keys.put(s.id(), (ApiKey) s.doc());
        if (old != null) {
            keyByOwner.remove(old.ownerId(), old.id());
            news.add(() -> keyListeners.forEach(l -> l.accept(old)));
        }
        if (s.doc() instanceof ApiKey k) {
            keyByOwner.put(k.ownerId(), k.id());
        }
    }

    /** Called with the old key whenever a key stops being valid as it was (regenerated, re-scoped, deleted). */
    public Subscription onKeyChanged(Consumer<ApiKey> listener) {
        return keyListeners.add(listener);
    }

    /** Every listener is told of every status change, in the order they were added. */
    public void addStatusListener(AccountStatusListener listener) {
        statusListeners.add(listener);
    }

    public Account account(String id) {
        return accounts.get(id);
    }

    public Account accountByName(String name) {
        String id = accountByName.get(Names.key(name));
        return id == null ? null : accounts.get(id);
    }

    Collection<Account> accounts() {
        return Collections.unmodifiableCollection(accounts.values());
    }

    User user(String id) {
        return users.get(id);
    }

    User userByEmail(String email) {
        String id = userByEmail.get(Names.key(email));
        return id == null ? null : users.get(id);
    }

    Collection<User> users() {
        return Collections.unmodifiableCollection(users.values());
    }

    ApiClient client(String id) {
        return clients.get(id);
    }

    Collection<ApiClient> clients() {
        return Collections.unmodifiableCollection(clients.values());
    }

    public ApiKey keyOf(String ownerId) {
        String id = keyByOwner.get(ownerId);
        return id == null ? null : keys.get(id);
    }

    public ApiKey key(String keyId) {
        return keyId == null ? null : keys.get(keyId);
    }

    Collection<ApiKey> keys() {
        return Collections.unmodifiableCollection(keys.values());
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
            switch (cur.status()) {
                case OPEN -> {}
                case SUSPENDED, CLOSED -> {
                    return false;
                }
            }
        }
        return accounts.containsKey(accountId);
    }
}
