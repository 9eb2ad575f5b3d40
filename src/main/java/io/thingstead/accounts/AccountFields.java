package io.thingstead.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Times;
import java.util.List;
import java.util.Locale;

/** Reads and checks the fields of an account body (docs/connio.md: Accounts). */
final class AccountFields {
    /** An account update: what an account emits; {@code id}, {@code ownerId} and {@code balance} are read-only. */
    static final FieldSet UPDATE = FieldSet.of(
                    "name", "friendlyName", "plan", "status", "organization", "description", "tags", "locked")
            .readOnly("id", "ownerId", "balance", "dateCreated", "dateModified");

    /** A master account (sysadmin): an account and its admin {@code user}. */
    static final FieldSet MASTER = UPDATE.plus("user");

    /** A sub-account: also {@code import} and the {@code owner} that creates it. */
    static final FieldSet SUB = MASTER.plus("import", "owner");

    private static final FieldSet PLAN = FieldSet.of("type", "expiresAt");
    private static final FieldSet ORGANIZATION = FieldSet.of("name", "websiteUrl", "imageUrl");
    private static final FieldSet IMPORT = FieldSet.of("deviceProfiles", "appProfiles", "apps");
    private static final FieldSet IMPORT_PART = FieldSet.of("type", "refs", "locked");

    private AccountFields() {}

    static Account.Plan plan(Fields f, Account.Plan fallback) {
        Fields p = f.object("plan", PLAN);
        if (p == null) {
            return fallback;
        }
        String expires = p.string("expiresAt");
        if (expires != null) {
            expires = Times.format(Times.parse(p.name("expiresAt"), expires));
        }
        return new Account.Plan(p.present("type") ? p.text("type", 64) : fallback.type(), expires);
    }

    static Account.Status status(Fields f, Account.Status fallback) {
        Account.Status s = f.oneOf("status", Account.Status.class);
        return s == null ? fallback : s;
    }

    static JsonNode organization(Fields f) {
        Fields o = f.object("organization", ORGANIZATION);
        if (o == null) {
            return null;
        }
        o.text("name", 256);
        o.text("websiteUrl", 2048);
        o.text("imageUrl", 2048);
        return o.node();
    }

    /**
     * The {@code owner} of a new sub-account can only be the account creating it, and {@code
     * import} can only import everything or nothing: no profile or app is shared with
     * sub-accounts on this server, so there is nothing to pick from.
     */
    static void checkSubAccountExtras(Fields f, Account parent) {
        String owner = f.string("owner");
        if (owner != null && !owner.equals(parent.id()) && !owner.equalsIgnoreCase(parent.name())) {
            throw ApiException.invalid("owner", "must be the account that creates the sub-account");
        }
        Fields imports = f.object("import", IMPORT);
        if (imports == null) {
            return;
        }
        for (String part : IMPORT.names()) {
            Fields p = imports.object(part, IMPORT_PART);
            if (p == null) {
                continue;
            }
            String type = p.string("type");
            if (type != null && !List.of("all", "some", "none").contains(type.toLowerCase(Locale.ROOT))) {
                throw ApiException.invalid(p.name("type"), "must be one of [all, some, none], got '" + type + "'");
            }
            List<String> refs = p.strings("refs");
            p.bool("locked");
            if (refs != null && !refs.isEmpty()) {
                throw ApiException.invalid(
                        p.name("refs"), "names entities that are not shared: sharing is not supported by this server");
            }
        }
    }
}
