package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.Account;
import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One authenticated API request: principal, path parameters, query, body and addressed account. */
final class Call {
    private static final int MAX_PAGE_SIZE = 1000;
    private static final int DEFAULT_PAGE_SIZE = 200;

    /** Where a body sent to regenerate a key belongs. */
    static final String KEY_UPDATE_HINT = "POST regenerates the key; PUT the same path to change its context or scope";

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

    /**
     * The query of a request checked against the parameters its route accepts: a parameter the
     * route does not take, or one given twice, is refused.
     */
    static Map<String, String> checkedQuery(Map<String, List<String>> query, FieldSet accepted) {
        accepted.check(query.keySet(), "", "query parameter");
        Map<String, String> out = new HashMap<>();
        query.forEach((name, values) -> {
            if (values.size() > 1) {
                throw ApiException.invalid(name, "is given more than once");
            }
            out.put(name, values.isEmpty() ? "" : values.get(0));
        });
        return out;
    }

    /**
     * A query parameter given in one of its spellings, or null when absent. An empty value is
     * refused: a filter on nothing must not quietly match everything.
     */
    String query(String... names) {
        String used = null;
        for (String n : names) {
            if (query.containsKey(n)) {
                if (used != null && !query.get(n).equals(query.get(used))) {
                    throw ApiException.invalid(n, "is the same parameter as '" + used + "'; send one of them");
                }
                used = used == null ? n : used;
            }
        }
        if (used == null) {
            return null;
        }
        String v = query.get(used);
        if (v.isEmpty()) {
            throw ApiException.invalid(used, "must not be empty");
        }
        return v;
    }

    /** A query parameter whose empty value means something (an empty list), or null when absent. */
    String queryOrEmpty(String name) {
        return query.get(name);
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

    /**
     * For a route that takes no body (key regeneration): nothing, {@code null}, {@code {}} or the
     * {@code {"id"}} Connio's JS SDK sends are fine; anything else would be silently ignored, so it
     * is refused with {@code hint} saying where it belongs.
     */
    void requireNoBody(String hint) {
        if (body == null || body.length == 0) {
            return;
        }
        JsonNode node = json();
        if (node.isNull() || (node.isObject() && (node.isEmpty() || (node.size() == 1 && node.has("id"))))) {
            return;
        }
        throw ApiException.invalid("body", "is not taken by this request; " + hint);
    }

    /** The body, or an empty object when none was sent (bodiless PUTs such as key updates). */
    JsonNode jsonOrEmpty() {
        return body == null || body.length == 0 ? Json.MAPPER.createObjectNode() : json();
    }

    /** A boolean query parameter: absent is {@code fallback}; empty, {@code true} or {@code 1} is true. */
    boolean flag(String name, boolean fallback) {
        String v = query.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "", "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalid(name, "must be true or false, got '" + v + "'");
        };
    }

    /** The account addressed by the path, for a key with account context. */
    Account account() {
        if (account == null) {
            principal.requireContext(KeyContext.Type.ACCOUNT);
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

    /** The items whose friendly name is the {@code friendlyName} (or {@code FriendlyName}) filter, when given. */
    <T> List<T> friendly(List<T> items, java.util.function.Function<T, String> friendlyName) {
        String wanted = query("friendlyName", "FriendlyName");
        return wanted == null
                ? items
                : items.stream()
                        .filter(i -> wanted.equals(friendlyName.apply(i)))
                        .toList();
    }

    <T> Page<T> page(List<T> all) {
        return Page.of(all, paging());
    }

    private int intParam(int fallback, String... names) {
        String v = query(names);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(names[0], "must be an integer, got '" + v + "'");
        }
    }
}
