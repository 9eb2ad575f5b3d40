package io.thingstead.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.accounts.Account;
import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.Scopes;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Names;
import io.thingstead.core.Wire;
import java.util.Set;

/** {@code /accounts}: the caller's account, its sub-accounts, and the sysadmin's master accounts. */
final class AccountsApi {
    private final AccountService accounts;

    AccountsApi(Platform p) {
        this.accounts = p.accounts();
    }

    void register(Router r, Router sys) {
        r.add("GET", "/accounts", Params.paging("status").plus(Params.FRIENDLY), this::list);
        r.add("POST", "/accounts", this::create);
        r.add("GET", "/accounts/{ref}", this::get);
        r.add("PUT", "/accounts/{ref}", this::update);
        r.add("DELETE", "/accounts/{ref}", FieldSet.of("hard"), this::delete);
        sys.add("POST", "/accounts", this::createMaster);
        sys.add("GET", "/accounts", Params.PAGING, this::listMasters);
        sys.add("GET", "/accounts/{ref}", this::getAny);
    }

    private Object list(Call c) {
        c.principal().require("subaccount:read");
        Set<Account.Status> statuses = statusFilter(c.query("status"));
        return c.page(c.friendly(accounts.subAccounts(c.principal(), c.account(), statuses), Account::friendlyName));
    }

    /** Connio's {@code created} is a status no account holds here: it is a valid filter that lists none. */
    private static Set<Account.Status> statusFilter(String status) {
        Set<Account.Status> statuses = Wire.filter(Account.Status.class, status);
        if (statuses.isEmpty() && !"created".equalsIgnoreCase(status)) {
            throw ApiException.invalid("status", "must be one of [open, closed, suspended], got '" + status + "'");
        }
        return statuses;
    }

    private Object create(Call c) {
        c.principal().require("subaccount:create");
        return view(accounts.createSub(c.principal(), c.account(), c.json()));
    }

    private Object get(Call c) {
        return resolve(c, Scopes.ACCOUNT_READ, "subaccount:read");
    }

    private Object update(Call c) {
        Account target = resolve(c, Scopes.ACCOUNT_MODIFY, "subaccount:modify");
        return accounts.update(c.principal(), target, c.json());
    }

    private Object delete(Call c) {
        Account target = resolve(c, "subaccount:delete", "subaccount:delete");
        if (target.id().equals(c.account().id())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "An account cannot close itself");
        }
        return new Deleted(c.flag("hard", false) ? accounts.hardDelete(target) : accounts.close(target));
    }

    /** The account itself needs {@code selfScope}; one of its sub-accounts needs {@code subScope}. */
    private Account resolve(Call c, String selfScope, String subScope) {
        String ref = c.param("ref");
        Account base = c.account();
        boolean self = AccountService.THIS.equals(ref)
                || ref.equals(base.id())
                || Names.key(ref).equals(Names.key(base.name()));
        c.principal().require(self ? selfScope : subScope);
        return accounts.subAccount(c.principal(), base, ref);
    }

    private Object createMaster(Call c) {
        requireSysadmin(c);
        return view(accounts.createMaster(c.json()));
    }

    private Object listMasters(Call c) {
        requireSysadmin(c);
        return c.page(accounts.masters());
    }

    private Object getAny(Call c) {
        requireSysadmin(c);
        Account a = accounts.get(c.param("ref"));
        if (a == null) {
            throw ApiException.notFound("Account", c.param("ref"));
        }
        return a;
    }

    private static void requireSysadmin(Call c) {
        if (!c.principal().isSysadmin()) {
            throw new ApiException(ErrorCode.WRONG_CONTEXT, "Only the sysadmin key may use /v3/sys resources");
        }
    }

    /** The account, with its admin user and that user's key when one was created with it. */
    private Object view(AccountService.Created created) {
        ObjectNode node = Json.publicTree(created.account());
        if (created.user() != null) {
            node.set("user", Json.publicTree(created.user()));
            node.set("apikey", Json.publicTree(created.key()));
        }
        return node;
    }
}
