package io.thingstead.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopesTest {
    @ParameterizedTest
    @CsvSource({
        "admin, device:create, true",
        "admin, subaccount:delete, true",
        "admin, account:modify, true",
        "admin, apikey:regenerate, true",
        "power, apikey:regenerate, false",
        "user, apikey:regenerate, false",
        "power, device:create, true",
        "power, deviceprofile:modify, true",
        "power, user:create, false",
        "power, user:modify, false",
        "power, subaccount:delete, false",
        "power, account:modify, false",
        "user, device:read, true",
        "user, device:read-data, true",
        "user, device:create, false",
        "user, deviceprofile:modify, false",
        "guest, device:read, true",
        "guest, user:read, false",
        "guest, device:read-data, false"
    })
    void roleGrantsScope(String role, String scope, boolean granted) {
        assertThat(Scopes.forRole(Role.valueOf(role.toUpperCase())).contains(scope))
                .isEqualTo(granted);
    }

    @Test
    void adminAndPowerUsers_writeData_readOnlyRolesDoNot() {
        assertThat(Scopes.forRole(Role.ADMIN)).contains("device:write-data", "app:write-data");
        assertThat(Scopes.forRole(Role.POWER)).contains("device:write-data");
        assertThat(Scopes.forRole(Role.USER)).doesNotContain("device:write-data");
        assertThat(Scopes.forRole(Role.GUEST)).doesNotContain("device:write-data");
    }

    @ParameterizedTest
    @CsvSource({
        "device:execute-method, device:execute",
        "app:execute-method, app:execute",
        "device:read, device:read",
        "device:frobnicate, ",
        "'', "
    })
    void canonical_acceptsAliasesAndRejectsUnknown(String in, String out) {
        assertThat(Scopes.canonical(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource({
        "device:write-data, DEVICE, true",
        "device:write-data, ACCOUNT, false",
        "device:create, DEVICE, false",
        "device:modify, DEVICE, true",
        "device:modify, APP, false",
        "app:write-data, APP, true"
    })
    void scopeAppliesOnlyInItsContexts(String scope, KeyContext.Type context, boolean allowed) {
        assertThat(Scopes.CONTEXTS.get(scope).contains(context)).isEqualTo(allowed);
    }

    @Test
    void principal_requireNamesTheMissingScope() {
        var key = new ApiKey(
                "_key_1",
                "s",
                "_usr_1",
                "_acc_1",
                KeyContext.account("_acc_1"),
                java.util.List.of(),
                -1,
                null,
                null,
                ApiKey.Owner.USER);
        var p = new Principal.Key(key, "_acc_1", key.context(), Scopes.forRole(Role.GUEST));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.require("device:create"))
                .isInstanceOfSatisfying(io.thingstead.core.ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(io.thingstead.core.ErrorCode.MISSING_SCOPE);
                    assertThat(e.getMessage()).contains("device:create");
                });
    }
}
