package io.thingstead.accounts;

import io.thingstead.accounts.KeyContext.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Connio scope table: every scope and the key contexts it applies to (docs/connio.md: Keys, contexts and scopes). */
public final class Scopes {
    public static final String ACCOUNT_READ = "account:read";
    /** Our own: modifying the account itself ({@code PUT /accounts/_this_}) is for admins only. */
    public static final String ACCOUNT_MODIFY = "account:modify";
    /**
     * Our own: regenerating a key other than one's own. Admins hold it, power users do not
     * (docs/connio.md: Keys, contexts and scopes: power is admin minus key regeneration).
     */
    public static final String APIKEY_REGENERATE = "apikey:regenerate";

    private static final Set<Type> ACC = Set.of(Type.ACCOUNT);
    private static final Set<Type> ACC_DEV_APP = Set.of(Type.ACCOUNT, Type.DEVICE, Type.APP);
    private static final Set<Type> DEV_APP = Set.of(Type.DEVICE, Type.APP);
    private static final Set<Type> ACC_DEV = Set.of(Type.ACCOUNT, Type.DEVICE);
    private static final Set<Type> ACC_APP = Set.of(Type.ACCOUNT, Type.APP);

    /** Scope → contexts in which it may be granted, in a stable order. */
    public static final Map<String, Set<Type>> CONTEXTS = buildTable();

    /** Old names still accepted on input. */
    private static final Map<String, String> ALIASES =
            Map.of("device:execute-method", "device:execute", "app:execute-method", "app:execute");

    /** What a device key may do for the devices in its context. */
    public static final List<String> DEVICE_KEY =
            List.of("device:read", "device:read-data", "device:write-data", "device:execute", "device:modify");

    private Scopes() {}

    private static Map<String, Set<Type>> buildTable() {
        var t = new java.util.LinkedHashMap<String, Set<Type>>();
        t.put(ACCOUNT_READ, ACC);
        t.put(ACCOUNT_MODIFY, ACC);
        t.put(APIKEY_REGENERATE, ACC);
        // alert:* and method:* are ours: Connio's scope table names none for alerts or method
        // definitions (docs/alerts.md: Who may, docs/methods.md: Who may).
        for (String res :
                List.of("subaccount", "user", "apiclient", "deviceprofile", "appprofile", "alert", "method")) {
            for (String op : List.of("create", "read", "modify", "delete")) {
                t.put(res + ":" + op, ACC);
            }
        }
        t.put("device:create", ACC);
        t.put("device:read", ACC_DEV_APP);
        t.put("device:read-data", ACC_DEV_APP);
        t.put("device:write-data", DEV_APP);
        t.put("device:execute", ACC_DEV_APP);
        t.put("device:modify", ACC_DEV);
        t.put("device:delete", ACC);
        t.put("app:create", ACC);
        t.put("app:read", ACC_APP);
        t.put("app:read-data", ACC_APP);
        t.put("app:execute", ACC_APP);
        t.put("app:modify", ACC_APP);
        t.put("app:write-data", Set.of(Type.APP));
        t.put("app:delete", ACC);
        return java.util.Collections.unmodifiableMap(t);
    }

    /** The canonical name of a scope, or null when unknown. */
    public static String canonical(String scope) {
        if (scope == null) {
            return null;
        }
        String s = ALIASES.getOrDefault(scope, scope);
        return CONTEXTS.containsKey(s) ? s : null;
    }

    /** Scopes of a user key, by role (docs/connio.md: Keys, contexts and scopes). */
    public static Set<String> forRole(Role role) {
        Set<String> all = new LinkedHashSet<>();
        for (var e : CONTEXTS.entrySet()) {
            if (e.getValue().contains(Type.ACCOUNT)) {
                all.add(e.getKey());
            }
        }
        // Data writes by a user key reach public properties only; the Data API enforces that.
        all.add("device:write-data");
        all.add("app:write-data");
        return switch (role) {
            case ADMIN -> all;
            case POWER -> {
                all.removeAll(Set.of(
                        ACCOUNT_MODIFY,
                        APIKEY_REGENERATE,
                        "subaccount:delete",
                        "user:create",
                        "user:modify",
                        "user:delete"));
                yield all;
            }
            case USER -> readOnly(all);
            case GUEST ->
                new LinkedHashSet<>(List.of(
                        ACCOUNT_READ, "deviceprofile:read", "device:read", "app:read", "alert:read", "method:read"));
            case CUSTOM -> readOnly(all);
        };
    }

    private static Set<String> readOnly(Set<String> all) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : all) {
            if (s.endsWith(":read") || s.endsWith(":read-data")) {
                out.add(s);
            }
        }
        return out;
    }
}
