package io.thingstead.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three kinds of principal: a key answers as before, a method and the platform hold no key. */
class PrincipalTest {
    private static Principal.Key key(ApiKey.Owner owner, String ownerId, KeyContext context) {
        ApiKey k = new ApiKey("_key_1", "s", ownerId, "_acc_1", context, List.of(), -1, null, null, owner);
        return new Principal.Key(k, "_acc_1", context, java.util.Set.of("device:read"));
    }

    @Test
    void aDeviceKey_isADeviceKeyOfItsOwner_andNothingElse() {
        Principal p = key(ApiKey.Owner.DEVICE, "_dev_1", KeyContext.device("_dev_1"));
        assertThat(p.isDeviceKey()).isTrue();
        assertThat(p.keyDevice()).isEqualTo("_dev_1");
        assertThat(p.keyId()).isEqualTo("_key_1");
        assertThat(p.isSysadmin() || p.isUserKey()).isFalse();
    }

    @Test
    void aUserKey_andTheSysadminKey_answerAsTheirOwners() {
        Principal user = key(ApiKey.Owner.USER, "_usr_1", KeyContext.account("_acc_1"));
        assertThat(user.isUserKey()).isTrue();
        assertThat(user.isUser("_usr_1")).isTrue();
        assertThat(user.isUser("_usr_2")).isFalse();
        assertThat(user.isDeviceKey()).isFalse();
        Principal sys = key(ApiKey.Owner.SYSADMIN, "_sys_", new KeyContext(KeyContext.Type.SYSTEM, List.of()));
        assertThat(sys.isSysadmin()).isTrue();
        assertThat(((Principal.Key) key(ApiKey.Owner.APICLIENT, "_acl_1", KeyContext.account("_acc_1")))
                        .isApiClientKey())
                .isTrue();
    }

    @Test
    void aMethod_reachesItsDeviceAlone_withADeviceKeysScopes_andHoldsNoKey() {
        Principal m = new Principal.Method("_dev_1", "_acc_1", "reboot");
        assertThat(m.context()).isEqualTo(KeyContext.device("_dev_1"));
        assertThat(m.scopes()).containsExactlyInAnyOrderElementsOf(Scopes.DEVICE_KEY);
        assertThat(m.keyId()).isNull();
        assertThat(m.isDeviceKey() || m.isUserKey() || m.isSysadmin()).isFalse();
    }

    @Test
    void thePlatform_hasNoAccountKeyOrScope_soEveryScopeCheckRefusesIt() {
        Principal p = Principal.PLATFORM;
        assertThat(p.accountId()).isNull();
        assertThat(p.keyId()).isNull();
        assertThat(p.inContext(KeyContext.Type.ACCOUNT) || p.inContext(KeyContext.Type.DEVICE))
                .isFalse();
        assertThatThrownBy(() -> p.require("device:write-data"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_SCOPE));
    }

    @Test
    void everyKind_isNamedBySwitchingOverTheSealedType() {
        for (Principal p : List.of(
                key(ApiKey.Owner.DEVICE, "_dev_1", KeyContext.device("_dev_1")),
                new Principal.Method("_dev_1", "_acc_1", "reboot"),
                Principal.PLATFORM)) {
            String kind = switch (p) {
                case Principal.Key k -> "key " + k.key().id();
                case Principal.Method m -> "method " + m.method();
                case Principal.Platform x -> "platform";
            };
            assertThat(kind).isNotBlank();
        }
    }
}
