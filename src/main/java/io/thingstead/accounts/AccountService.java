package io.thingstead.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Names;
import io.thingstead.core.Times;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Accounts and sub-accounts (at most three levels), and which account a request addresses. */
public final class AccountService {
    public static final String THIS = "_this_";
    private static final int MAX_LEVELS = 3;
    private static final Account.Plan DEFAULT_PLAN = new Account.Plan("unlimited", null);

    private final Directory dir;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;
    private final UserService users;
    private final Rights rights;
    private final List<AccountPurger> purgers = new CopyOnWriteArrayList<>();

    public AccountService(Directory dir, Admin admin, Ids ids, InstantSource clock, UserService users, Rights rights) {
        this.dir = dir;
        this.rights = rights;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
        this.users = users;
    }

    public void addPurger(AccountPurger purger) {
        purgers.add(purger);
    }

    /** Every listener is told of every status change once it is stored, in the order they were added. */
    public void addStatusListener(AccountStatusListener listener) {
        dir.addStatusListener(listener);
    }

    /**
     * The account a request addresses ({@code /v3/accounts/{ref}/...}, or {@code _this_} for the
     * short form). An account-context key reaches the accounts its context lists and their direct
     * sub-accounts, nothing else; its {@code _this_} is its own account when the context lists it,
     * else the first account listed. A key of another context reaches only its own account.
     * Anything else is not found.
     */
    public Account target(Principal p, String ref) {
        if (p.isSysadmin()) {
            throw new ApiException(ErrorCode.WRONG_CONTEXT, "The sysadmin key only serves /v3/sys resources");
        }
        Account own = dir.account(p.accountId());
        boolean self = ref == null || THIS.equals(ref);
        if (!p.inContext(KeyContext.Type.ACCOUNT)) {
            if (self || ref.equals(own.id()) || Names.key(ref).equals(Names.key(own.name()))) {
                return own;
            }
            throw ApiException.notFound("Account", ref);
        }
        Account found = self ? home(p, own) : lookup(ref);
        if (found == null || !rights.reaches(p, found)) {
            throw ApiException.notFound("Account", self ? THIS : ref);
        }
        return found;
    }

    private Account home(Principal p, Account own) {
        if (p.context().holds(own.id()) || p.context().ids().isEmpty()) {
            return own;
        }
        return dir.account(p.context().ids().get(0));
    }

    private Account lookup(String ref) {
        Account a = dir.account(ref);
        return a != null ? a : dir.accountByName(ref);
    }

    /**
     * A direct sub-account of {@code parent} that the key reaches, by id or name; {@code _this_} is
     * the parent itself. A grandchild of the key's accounts is not found.
     */
    public Account subAccount(Principal p, Account parent, String ref) {
        if (THIS.equals(ref) || ref.equals(parent.id()) || Names.key(ref).equals(Names.key(parent.name()))) {
            return parent;
        }
        Account a = lookup(ref);
        if (a == null || !parent.id().equals(a.ownerId()) || !rights.reaches(p, a)) {
            throw ApiException.notFound("Account", ref);
        }
        return a;
    }

    /** The direct sub-accounts of {@code parent} with one of the statuses that the key reaches. */
    public List<Account> subAccounts(Principal p, Account parent, Set<Account.Status> statuses) {
        List<Account> out = new ArrayList<>();
        for (Account a : dir.children(parent.id())) {
            if (statuses.contains(a.status()) && rights.reaches(p, a)) {
                out.add(a);
            }
        }
        return out;
    }

    public List<Account> masters() {
        List<Account> out = new ArrayList<>();
        for (Account a : dir.accounts()) {
            if (a.isMaster()) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(Account::id));
        return out;
    }

    public Account get(String id) {
        return dir.account(id);
    }

    /**
     * Creates a sub-account of {@code parent}, with its admin user when the body names one; that
     * user is a user the creator makes, so it needs {@code user:create} and a role whose every
     * scope the creator holds. The answer shows the user's key secret only to a creator holding
     * every right of it.
     */
    public Created createSub(Principal creator, Account parent, JsonNode body) {
        Fields f = Fields.of(body, "", AccountFields.SUB);
        AccountFields.checkSubAccountExtras(f, parent);
        if (dir.level(parent) >= MAX_LEVELS) {
            throw new ApiException(
                    ErrorCode.VALIDATION_FAILED, "Sub-accounts are at most " + MAX_LEVELS + " levels deep");
        }
        if (f.present("user")) {
            creator.require("user:create");
        }
        Created c = create(parent.id(), f, creator);
        return c.key() == null ? c : new Created(c.account(), c.user(), rights.visible(creator, c.key(), null));
    }

    /** Creates a master account (sysadmin), with its admin user and key. */
    public Created createMaster(JsonNode body) {
        Fields f = Fields.of(body, "", AccountFields.MASTER);
        if (!f.present("user")) {
            throw ApiException.invalid("user", "is required: a master account needs its admin user");
        }
        return create(null, f, null);
    }

    /** A created account, with the admin user and its key when one was made. */
    public record Created(Account account, User user, ApiKey key) {}

    private Created create(String ownerId, Fields f, Principal creator) {
        String name = Names.require("name", f.requiredString("name"));
        String now = Times.format(clock.instant());
        Account a = new Account(
                ids.next("acc"),
                name,
                f.text("friendlyName", 256),
                ownerId,
                AccountFields.plan(f, DEFAULT_PLAN),
                AccountFields.status(f, Account.Status.OPEN),
                AccountFields.organization(f),
                f.text("description", 4096),
                f.tags("tags"),
                new Account.Balance(0),
                Boolean.TRUE.equals(f.bool("locked")),
                now,
                now);
        Fields userBody = f.object("user", UserService.KNOWN);
        return admin.mutate(() -> {
            if (dir.accountByName(name) != null) {
                throw new ApiException(ErrorCode.NAME_TAKEN, "An account named '" + name + "' already exists");
            }
            List<Change> changes = new ArrayList<>();
            changes.add(Change.put(Directory.ACCOUNT, a.id(), a.id(), a));
            UserService.NewUser admin0 = userBody == null ? null : users.prepare(a.id(), userBody, Role.ADMIN);
            if (admin0 != null && creator != null) {
                users.requireGrantableRole(creator, admin0.user().role(), "user.role");
            }
            if (admin0 != null) {
                changes.add(Change.put(Directory.USER, admin0.user().id(), a.id(), admin0.user()));
                changes.add(KeyService.change(admin0.key()));
            }
            admin.persist(changes);
            return new Created(
                    a, admin0 == null ? null : admin0.user(), admin0 == null ? null : rights.effective(admin0.key()));
        });
    }

    /** The bootstrap: master account, its admin user and that user's key with given credentials. */
    public Created bootstrap(String accountName, String email, String keyId, String secret, KeyService keys) {
        String now = Times.format(clock.instant());
        Account a = new Account(
                ids.next("acc"),
                accountName,
                accountName,
                null,
                DEFAULT_PLAN,
                Account.Status.OPEN,
                null,
                null,
                List.of(),
                new Account.Balance(0),
                false,
                now,
                now);
        return admin.mutate(() -> {
            User u = users.newUser(a.id(), email, "Administrator", Role.ADMIN, User.Status.CONFIRMED, now);
            ApiKey k = keys.fixedKey(
                    keyId, secret, ApiKey.Owner.USER, u.id(), a.id(), KeyContext.account(a.id()), List.of());
            admin.persist(List.of(
                    Change.put(Directory.ACCOUNT, a.id(), a.id(), a),
                    Change.put(Directory.USER, u.id(), a.id(), u),
                    KeyService.change(k)));
            return new Created(a, u, k);
        });
    }

    /** Changes an account; a sub-account's plan and lock are its owner's to set, not its own keys'. */
    public Account update(Principal p, Account target, JsonNode body) {
        Fields f = Fields.of(body, "", AccountFields.UPDATE);
        return admin.mutate(() -> {
            Account cur = dir.account(target.id());
            f.unchanged("id", cur.id()).unchanged("ownerId", cur.ownerId());
            if (!cur.isMaster() && cur.id().equals(p.accountId())) {
                requireOwnerField(
                        f.has("plan") && !AccountFields.plan(f, DEFAULT_PLAN).equals(cur.plan()), "plan", cur);
                requireOwnerField(
                        f.has("locked") && Boolean.TRUE.equals(f.bool("locked")) != cur.locked(), "locked", cur);
            }
            Fields.requireUnlocked(cur.locked(), f, "Account '" + cur.name() + "'");
            String name = cur.name();
            if (f.present("name")) {
                name = Names.require("name", f.string("name"));
                Account other = dir.accountByName(name);
                if (other != null && !other.id().equals(cur.id())) {
                    throw new ApiException(ErrorCode.NAME_TAKEN, "An account named '" + name + "' already exists");
                }
            }
            Account next = cur.with(
                    name,
                    f.has("friendlyName") ? f.text("friendlyName", 256) : cur.friendlyName(),
                    f.has("plan") ? AccountFields.plan(f, DEFAULT_PLAN) : cur.plan(),
                    f.has("status") ? AccountFields.status(f, cur.status()) : cur.status(),
                    f.has("organization") ? AccountFields.organization(f) : cur.organization(),
                    f.has("description") ? f.text("description", 4096) : cur.description(),
                    f.has("tags") ? f.tags("tags") : cur.tags(),
                    f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                    Times.format(clock.instant()));
            if (cur.isMaster() && next.status() == Account.Status.CLOSED) {
                throw new ApiException(ErrorCode.FORBIDDEN, "A master account cannot be closed through the API");
            }
            admin.persist(List.of(Change.put(Directory.ACCOUNT, next.id(), next.id(), next)));
            return next;
        });
    }

    private static void requireOwnerField(boolean changed, String field, Account cur) {
        if (changed) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "A sub-account's '" + field + "' is set by its owner account, not by the keys of '" + cur.name()
                            + "'");
        }
    }

    /** Soft delete: the account is closed and its keys stop working. */
    public int close(Account target) {
        return admin.mutate(() -> {
            Account cur = dir.account(target.id());
            if (cur.isMaster()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "A master account cannot be closed through the API");
            }
            if (cur.locked()) {
                throw ApiException.locked("Account '" + cur.name() + "'");
            }
            if (cur.status() == Account.Status.CLOSED) {
                return 0;
            }
            Account next = cur.with(
                    cur.name(),
                    cur.friendlyName(),
                    cur.plan(),
                    Account.Status.CLOSED,
                    cur.organization(),
                    cur.description(),
                    cur.tags(),
                    cur.locked(),
                    Times.format(clock.instant()));
            admin.persist(List.of(Change.put(Directory.ACCOUNT, next.id(), next.id(), next)));
            return 1;
        });
    }

    /** Physical delete of the account, its sub-accounts and everything they hold. */
    public int hardDelete(Account target) {
        return admin.mutate(() -> {
            Account cur = dir.account(target.id());
            if (cur.isMaster()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "A master account cannot be deleted through the API");
            }
            if (cur.locked()) {
                throw ApiException.locked("Account '" + cur.name() + "'");
            }
            List<String> doomed = new ArrayList<>();
            collect(cur, doomed);
            List<Change> changes = new ArrayList<>();
            for (String accountId : doomed) {
                for (AccountPurger p : purgers) {
                    changes.addAll(p.purgeChanges(accountId));
                }
                changes.addAll(users.purgeChanges(accountId));
                changes.add(Change.delete(Directory.ACCOUNT, accountId));
            }
            admin.persist(changes);
            return doomed.size();
        });
    }

    private void collect(Account a, List<String> out) {
        for (Account child : dir.children(a.id())) {
            collect(child, out);
        }
        out.add(a.id());
    }
}
