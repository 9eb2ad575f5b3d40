package io.thingstead.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Times;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Users of an account, their roles, and their user keys (context: the account). */
public final class UserService {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    /** A user body: what a user emits, and its write-only {@code password}. */
    static final FieldSet KNOWN = FieldSet.of(
                    "name",
                    "email",
                    "role",
                    "status",
                    "password",
                    "description",
                    "tags",
                    "avatarUrl",
                    "timezone",
                    "locale",
                    "prefs",
                    "locked")
            .readOnly("id", "accountId", "dateCreated", "dateModified");

    private final Directory dir;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;
    private final KeyService keys;
    private final Rights rights;

    public UserService(Directory dir, Admin admin, Ids ids, InstantSource clock, KeyService keys, Rights rights) {
        this.dir = dir;
        this.rights = rights;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
        this.keys = keys;
    }

    record NewUser(User user, ApiKey key) {}

    /**
     * The admin whose key {@code admin-key --reset} replaces: the oldest enabled admin user of the
     * oldest master account (that of the first start, whose first admin {@code serve} made); the
     * account always keeps one enabled admin ({@link #requireAnotherAdmin}), so a reset reaches an
     * admin that can use the key even when the first one was disabled. Null when there is none.
     */
    public User bootstrapAdmin() {
        Account master = dir.accounts().stream()
                .filter(Account::isMaster)
                .min((a, b) -> Ids.compare(a.id(), b.id()))
                .orElse(null);
        if (master == null) {
            return null;
        }
        return dir.users().stream()
                .filter(u -> u.accountId().equals(master.id())
                        && u.role() == Role.ADMIN
                        && u.status() != User.Status.DISABLED)
                .min((a, b) -> Ids.compare(a.id(), b.id()))
                .orElse(masterAdmin(master.id()));
    }

    User newUser(String accountId, String email, String name, Role role, User.Status status, String now) {
        return new User(
                ids.next("usr"),
                accountId,
                email,
                name,
                status,
                role,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                false,
                now,
                now,
                null);
    }

    /** Validates a user body and builds the user with its key; the caller persists both. */
    NewUser prepare(String accountId, Fields f, Role defaultRole) {
        String email = email(f);
        if (dir.userByEmail(email) != null) {
            throw new ApiException(ErrorCode.NAME_TAKEN, "A user with email '" + email + "' already exists");
        }
        Role role = f.present("role") ? f.oneOf("role", Role.class) : defaultRole;
        String password = f.string("password");
        User.Status status = f.present("status")
                ? f.oneOf("status", User.Status.class)
                : password != null ? User.Status.CONFIRMED : User.Status.INVITED;
        String now = Times.format(clock.instant());
        User u = new User(
                ids.next("usr"),
                accountId,
                email,
                f.text("name", 256),
                status,
                role,
                f.text("description", 4096),
                f.tagsOrEmpty("tags"),
                f.text("avatarUrl", 2048),
                f.text("timezone", 64),
                f.text("locale", 32),
                objectOrNull(f, "prefs"),
                Boolean.TRUE.equals(f.bool("locked")),
                now,
                now,
                password == null ? null : Passwords.hash(password));
        ApiKey key = keys.newKey(ApiKey.Owner.USER, u.id(), accountId, KeyContext.account(accountId), List.of());
        return new NewUser(u, key);
    }

    /** A new user of the account; its role carries no scope the creator does not hold. */
    public User create(Principal creator, Account account, JsonNode body) {
        Fields f = Fields.of(body, "", KNOWN);
        return admin.mutate(() -> {
            NewUser nu = prepare(account.id(), f, Role.USER);
            requireGrantableRole(creator, nu.user().role(), "role");
            admin.persist(List.of(
                    Change.put(Directory.USER, nu.user().id(), account.id(), nu.user()), KeyService.change(nu.key())));
            return nu.user();
        });
    }

    /** The users of the account with the email, name (when not null) and one of the statuses. */
    public List<User> list(Account account, String email, String name, Set<User.Status> statuses) {
        List<User> out = new ArrayList<>();
        for (User u : dir.users()) {
            if (u.accountId().equals(account.id())
                    && (email == null || u.email().equalsIgnoreCase(email))
                    && (name == null || name.equalsIgnoreCase(u.name()))
                    && statuses.contains(u.status())) {
                out.add(u);
            }
        }
        out.sort(Comparator.comparing(User::id));
        return out;
    }

    /** A user of the account by id or email. */
    public User get(Account account, String ref) {
        User u = dir.user(ref);
        if (u == null) {
            u = dir.userByEmail(ref);
        }
        if (u == null || !u.accountId().equals(account.id())) {
            throw ApiException.notFound("User", ref);
        }
        return u;
    }

    /**
     * Changes a user. Another user is changed only by a key holding every scope of that user's
     * role, into a role whose every scope it holds; the master admin's role, email and password
     * are changed by the master admin alone.
     */
    public User update(Principal p, Account account, String ref, JsonNode body) {
        Fields f = Fields.of(body, "", KNOWN);
        return admin.mutate(() -> {
            User cur = get(account, ref);
            f.unchanged("id", cur.id()).unchanged("accountId", cur.accountId());
            requireManageable(p, cur);
            Fields.requireUnlocked(cur.locked(), f, "User '" + cur.email() + "'");
            String email = cur.email();
            if (f.present("email")) {
                email = email(f);
                User other = dir.userByEmail(email);
                if (other != null && !other.id().equals(cur.id())) {
                    throw new ApiException(ErrorCode.NAME_TAKEN, "A user with email '" + email + "' already exists");
                }
            }
            Role role = f.present("role") ? f.oneOf("role", Role.class) : cur.role();
            if (role != cur.role()) {
                requireGrantableRole(p, role, "role");
            }
            requireOwnCredentials(p, cur, role != cur.role(), !email.equals(cur.email()), f.present("password"));
            User.Status status = f.present("status") ? f.oneOf("status", User.Status.class) : cur.status();
            if (cur.role() == Role.ADMIN && (role != Role.ADMIN || status == User.Status.DISABLED)) {
                requireAnotherAdmin(cur);
            }
            String password = f.string("password");
            User next = new User(
                    cur.id(),
                    cur.accountId(),
                    email,
                    f.has("name") ? f.text("name", 256) : cur.name(),
                    status,
                    role,
                    f.has("description") ? f.text("description", 4096) : cur.description(),
                    f.has("tags") ? f.tagsOrEmpty("tags") : cur.tags(),
                    f.has("avatarUrl") ? f.text("avatarUrl", 2048) : cur.avatarUrl(),
                    f.has("timezone") ? f.text("timezone", 64) : cur.timezone(),
                    f.has("locale") ? f.text("locale", 32) : cur.locale(),
                    f.has("prefs") ? objectOrNull(f, "prefs") : cur.prefs(),
                    f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                    cur.dateCreated(),
                    Times.format(clock.instant()),
                    password == null ? cur.passwordHash() : Passwords.hash(password));
            admin.persist(List.of(Change.put(Directory.USER, next.id(), next.accountId(), next)));
            return next;
        });
    }

    public int delete(Principal p, Account account, String ref) {
        return admin.mutate(() -> {
            User cur = get(account, ref);
            requireManageable(p, cur);
            if (cur.locked()) {
                throw ApiException.locked("User '" + cur.email() + "'");
            }
            if (cur.role() == Role.ADMIN) {
                requireAnotherAdmin(cur);
            }
            keys.deleteOwner(Change.delete(Directory.USER, cur.id()), cur.id());
            return 1;
        });
    }

    /** A user's key: its secret only for the user itself, or a key with {@code user:modify} and every scope of its role. */
    public ApiKey key(Principal p, Account account, String ref) {
        User u = get(account, ref);
        if (isSelf(p, u)) {
            return rights.effective(keys.keyOf(u.id()));
        }
        p.require("user:read");
        ApiKey k = rights.visible(p, keys.keyOf(u.id()), "user:modify");
        return isMasterAdmin(u) ? k.withoutSecret() : k;
    }

    /** New credentials for a user's key: by the user itself, or a key that may manage it (not the master admin's). */
    public ApiKey regenerateKey(Principal p, Account account, String ref) {
        User u = get(account, ref);
        if (!isSelf(p, u)) {
            if (isMasterAdmin(u)) {
                throw new ApiException(
                        ErrorCode.FORBIDDEN, "Only the master admin '" + u.email() + "' regenerates its own key");
            }
            rights.requireRegenerate(p, keys.keyOf(u.id()), "user:modify", "The key of user '" + u.email() + "'");
        }
        return rights.effective(keys.regenerate(u.id()));
    }

    /** 401 {@code MissingScope} unless the key holds every scope of the role (named by {@code field}). */
    void requireGrantableRole(Principal p, Role role, String field) {
        rights.requireScopes(p, Scopes.forRole(role), "'" + field + "' '" + role + "'");
    }

    /** Another user is managed only by a key that holds every scope of that user's role. */
    private void requireManageable(Principal p, User target) {
        if (!isSelf(p, target)) {
            rights.requireScopes(
                    p, Scopes.forRole(target.role()), "User '" + target.email() + "' (role " + target.role() + ")");
        }
    }

    private void requireOwnCredentials(Principal p, User cur, boolean role, boolean email, boolean password) {
        if (isSelf(p, cur) || !isMasterAdmin(cur) || !(role || email || password)) {
            return;
        }
        String what = role ? "role" : email ? "email" : "password";
        throw new ApiException(
                ErrorCode.FORBIDDEN,
                "The " + what + " of the master admin '" + cur.email() + "' is changed by the master admin alone");
    }

    private static boolean isSelf(Principal p, User u) {
        return p.isUser(u.id());
    }

    /**
     * The master admin of a master account: its oldest admin user, which is the admin created with
     * the account until that one steps down or is deleted (README: Security model).
     */
    public boolean isMasterAdmin(User u) {
        User master = masterAdmin(u.accountId());
        return master != null && master.id().equals(u.id());
    }

    /** The oldest admin user of a master account, or null (not a master account, or no admin). */
    private User masterAdmin(String accountId) {
        Account acc = dir.account(accountId);
        if (acc == null || !acc.isMaster()) {
            return null;
        }
        return dir.users().stream()
                .filter(u -> u.accountId().equals(accountId) && u.role() == Role.ADMIN)
                .min((a, b) -> Ids.compare(a.id(), b.id()))
                .orElse(null);
    }

    /** Each master account keeps at least one enabled admin. */
    private void requireAnotherAdmin(User leaving) {
        Account acc = dir.account(leaving.accountId());
        if (acc == null || !acc.isMaster()) {
            return;
        }
        for (User u : dir.users()) {
            if (!u.id().equals(leaving.id())
                    && u.accountId().equals(leaving.accountId())
                    && u.role() == Role.ADMIN
                    && u.status() != User.Status.DISABLED) {
                return;
            }
        }
        throw new ApiException(ErrorCode.CONFLICT, "A master account needs at least one enabled admin user");
    }

    List<Change> purgeChanges(String accountId) {
        List<Change> out = new ArrayList<>();
        for (User u : dir.users()) {
            if (u.accountId().equals(accountId)) {
                out.add(Change.delete(Directory.USER, u.id()));
            }
        }
        for (ApiClient c : dir.clients()) {
            if (c.accountId().equals(accountId)) {
                out.add(Change.delete(Directory.API_CLIENT, c.id()));
            }
        }
        for (ApiKey k : dir.keys()) {
            if (accountId.equals(k.accountId())) {
                out.add(Change.delete(Directory.KEY, k.id()));
            }
        }
        return out;
    }

    private static String email(Fields f) {
        String email = f.requiredString("email");
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ApiException.invalid("email", "must be an email address");
        }
        return email;
    }

    static JsonNode objectOrNull(Fields f, String field) {
        return f.freeObject(field);
    }
}
