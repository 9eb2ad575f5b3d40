package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.Account;
import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.Page;
import java.util.List;
import java.util.Map;

/** One authenticated API request: principal, path parameters, query, body and addressed account. */
final class Call {
    private static final int MAX_PAGE_SIZE = 1000;
    private static final int DEFAULT_PAGE_SIZE = 200;

    private final Principal principal;
    private final String accountRef;
    private final Map<String, String> params;
    private final Map<String, String> query;
    private final byte[] body;
    private final AccountService accounts;
    private final String remoteIp;
    private Account account;
    private JsonNode json;

    Call(
            Principal principal,
            String accountRef,
            Map<String, String> params,
            Map<String, String> query,
            byte[] body,
            AccountService accounts,
            String remoteIp) {
        this.principal = principal;
        this.accountRef = accountRef;
        this.params = params;
        this.query = query;
        this.body = body;
        this.accounts = accounts;
        this.remoteIp = remoteIp;
    }

    Principal principal() {
        return principal;
    }

    String param(String name) {
        return params.get(name);
    }

    /** First value of a query parameter, or null. */
    String query(String name) {
        return query.get(name);
    }

    /** First present of several spellings of a query parameter. */
    String query(String... names) {
        for (String n : names) {
            if (query.get(n) != null) {
                return query.get(n);
            }
        }
        return null;
    }

    Map<String, String> queryMap() {
        return query;
    }

    String remoteIp() {
        return remoteIp;
    }

    JsonNode json() {
        if (json == null) {
            json = Json.parse(body);
        }
        return json;
    }

    /** The body, or an empty object when none was sent (bodiless PUTs such as key updates). */
    JsonNode jsonOrEmpty() {
        return body == null || body.length == 0 ? Json.MAPPER.createObjectNode() : json();
    }

    boolean flag(String name) {
        String v = query.get(name);
        return v != null && (v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1"));
    }

    /** The account addressed by the path, for a key with account context. */
    Account account() {
        if (account == null) {
            principal.requireContext(KeyContext.ACCOUNT);
            account = accounts.target(principal, accountRef);
        }
        return account;
    }

    /** The account addressed by the path, for keys of any context (device keys reach their own account). */
    Account anyContextAccount() {
        if (account == null) {
            account = accounts.target(principal, accountRef);
        }
        return account;
    }

    Page.Request paging() {
        int pageSize = intParam(DEFAULT_PAGE_SIZE, "pageSize", "PageSize", "pagesize");
        int pageNo = intParam(1, "pageNo", "page", "Page", "pageno");
        int skip = intParam(0, "skip", "Skip");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.invalid("pageSize", "must be from 1 to " + MAX_PAGE_SIZE);
        }
        if (pageNo < 1) {
            throw ApiException.invalid("pageNo", "must be 1 or more");
        }
        if (skip < 0) {
            throw ApiException.invalid("skip", "must be 0 or more");
        }
        return new Page.Request(pageSize, pageNo, skip);
    }

    <T> Page<T> page(List<T> all) {
        return Page.of(all, paging());
    }

    private int intParam(int fallback, String... names) {
        for (String n : names) {
            String v = query.get(n);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    throw ApiException.invalid(names[0], "must be an integer, got '" + v + "'");
                }
            }
        }
        return fallback;
    }
}
