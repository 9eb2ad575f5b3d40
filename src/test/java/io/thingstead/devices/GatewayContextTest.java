package io.thingstead.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyRequests;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Fields;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.ProfileCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayContextTest {
    private static final ProfileCatalog CATALOG = new ProfileCatalog();

    private static final Device GW = device("_dev_1", Builtins.GATEWAY);
    private static final Device PLAIN = device("_dev_2", Builtins.CONNECTED_DEVICE);
    private static final Device EDGE = device("_dev_3", Builtins.DEVICE);
    private static final Map<String, Device> ACCOUNT = Map.of(GW.id(), GW, PLAIN.id(), PLAIN, EDGE.id(), EDGE);

    private static Device device(String id, String profileId) {
        return new Device(
                id,
                "_acc_1",
                "n" + id.substring(5),
                null,
                profileId,
                List.of(),
                null,
                List.of(),
                Device.Status.ENABLED,
                0,
                Map.of(),
                null,
                false,
                false,
                null,
                false,
                "t",
                "t");
    }

    private static KeyContext check(Device d, String json) throws Exception {
        JsonNode body = new ObjectMapper().readTree(json.replace('\'', '"'));
        return GatewayContext.check(Fields.of(body, "", KeyRequests.KEY), d, CATALOG, ACCOUNT::get);
    }

    private static ErrorCode codeOf(Device d, String json) {
        try {
            check(d, json);
        } catch (ApiException e) {
            return e.code();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for " + json);
    }

    @Test
    void noContext_meansNoChange() throws Exception {
        assertThat(check(GW, "{}")).isNull();
    }

    @Test
    void gateway_mayListEdgesAfterItself() throws Exception {
        KeyContext ctx = check(GW, "{'context':{'type':'device','ids':['_dev_1','_dev_2','_dev_3']}}");

        assertThat(ctx.ids()).containsExactly("_dev_1", "_dev_2", "_dev_3");
    }

    @Test
    void nonGateway_mayListOnlyItself() throws Exception {
        assertThat(check(PLAIN, "{'context':{'type':'device','ids':['_dev_2']}}")
                        .ids())
                .containsExactly("_dev_2");
        assertThat(codeOf(PLAIN, "{'context':{'type':'device','ids':['_dev_2','_dev_3']}}"))
                .isEqualTo(ErrorCode.NOT_A_GATEWAY);
    }

    @Test
    void firstIdMustBeTheDeviceItself() {
        assertThat(codeOf(GW, "{'context':{'type':'device','ids':['_dev_3','_dev_1']}}"))
                .isEqualTo(ErrorCode.GATEWAY_MUST_BE_FIRST);
    }

    @Test
    void unknownEdge_orAccountContext_orNoIds_isValidationFailed() {
        assertThat(codeOf(GW, "{'context':{'type':'device','ids':['_dev_1','_dev_9']}}"))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(GW, "{'context':{'type':'account','ids':['_dev_1']}}"))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(codeOf(GW, "{'context':{'type':'device','ids':[]}}")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThatThrownBy(() -> check(GW, "{'context':{'type':'device','ids':['_dev_1','_dev_9']}}"))
                .hasMessageContaining("'context.ids[1]'");
    }

    @Test
    void anEdgeFoundByNameInsteadOfId_isRejected() {
        assertThat(codeOf(GW, "{'context':{'type':'device','ids':['_dev_1','n3']}}"))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }
}
