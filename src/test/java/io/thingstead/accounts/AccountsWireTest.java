package io.thingstead.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.testing.Http;
import io.thingstead.testing.WireAssert;
import org.junit.jupiter.api.Test;

/** The closed sets of accounts travel as Connio spells them, and a request's spelling is read once. */
class AccountsWireTest {
    private static Fields body(String json) {
        return Fields.of(Http.json(json), "", FieldSet.of("role", "status", "context", "scope"));
    }

    @Test
    void role_isSpelledInLowerCase_andReadInAnyCase() {
        WireAssert.assertSpelledAs(Role.class, "admin", "power", "user", "guest", "custom");
        assertThat(body("{'role':'Power'}").oneOf("role", Role.class)).isEqualTo(Role.POWER);
        assertThatThrownBy(() -> body("{'role':'owner'}").oneOf("role", Role.class))
                .hasMessage("'role' must be one of [admin, power, user, guest, custom], got 'owner'");
    }

    @Test
    void userStatus_isSpelledInLowerCase_andReadInAnyCase() {
        WireAssert.assertSpelledAs(User.Status.class, "invited", "confirmed", "disabled");
        assertThat(body("{'status':'Disabled'}").oneOf("status", User.Status.class))
                .isEqualTo(User.Status.DISABLED);
        assertThatThrownBy(() -> body("{'status':'active'}").oneOf("status", User.Status.class))
                .hasMessage("'status' must be one of [invited, confirmed, disabled], got 'active'");
    }

    @Test
    void accountStatus_isSpelledInLowerCase_andReadInAnyCase() {
        WireAssert.assertSpelledAs(Account.Status.class, "open", "suspended", "closed");
        assertThat(AccountFields.status(body("{'status':'SUSPENDED'}"), Account.Status.OPEN))
                .isEqualTo(Account.Status.SUSPENDED);
        assertThat(AccountFields.status(body("{}"), Account.Status.CLOSED)).isEqualTo(Account.Status.CLOSED);
        assertThatThrownBy(() -> AccountFields.status(body("{'status':'created'}"), Account.Status.OPEN))
                .hasMessage("'status' must be one of [open, suspended, closed], got 'created'");
    }

    @Test
    void keyOwner_isSpelledInLowerCase() {
        WireAssert.assertSpelledAs(ApiKey.Owner.class, "user", "device", "apiclient", "sysadmin");
    }

    @Test
    void keyContextType_isSpelledInLowerCase_andARequestGivesOneOfThreeInAnyCase() {
        WireAssert.assertSpelledAs(KeyContext.Type.class, "account", "app", "device", "system");
        assertThat(KeyRequests.context(body("{'context':{'type':'Device','ids':['_dev_1']}}")))
                .isEqualTo(KeyContext.device("_dev_1"));
        assertThat(KeyRequests.context(body("{}"))).isNull();
    }

    @Test
    void keyContextType_ofNoGrantableMember_isRefused_spelledInLowerCase() {
        assertThatThrownBy(() -> KeyRequests.context(body("{'context':{'type':'system'}}")))
                .hasMessage("'context.type' must be one of [account, app, device], got 'system'");
        assertThatThrownBy(() -> KeyRequests.context(body("{'context':{'type':'Tenant'}}")))
                .hasMessage("'context.type' must be one of [account, app, device], got 'tenant'");
        assertThatThrownBy(() -> KeyRequests.context(body("{'context':{'ids':[]}}")))
                .hasMessage("'context.type' is required");
    }
}
