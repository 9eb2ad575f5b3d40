package io.thingstead.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.core.Subscription;
import org.junit.jupiter.api.Test;

/** The features that tell which ids exist for key contexts add up; none replaces another. */
class RightsContextIdsTest {
    private final Rights rights = new Rights(new Directory());

    @Test
    void aSecondSource_ofContextIds_neverReplacesTheFirst_andEachLeavesOnItsOwn() {
        assertThat(rights.exists("_acc_1", KeyContext.Type.DEVICE, "_dev_1")).isFalse();
        Subscription devices =
                rights.addContextIds((acc, type, id) -> type == KeyContext.Type.DEVICE && id.equals("_dev_1"));
        rights.addContextIds((acc, type, id) -> type == KeyContext.Type.APP && id.equals("_app_1"));

        assertThat(rights.exists("_acc_1", KeyContext.Type.DEVICE, "_dev_1")).isTrue();
        assertThat(rights.exists("_acc_1", KeyContext.Type.APP, "_app_1")).isTrue();
        assertThat(rights.exists("_acc_1", KeyContext.Type.DEVICE, "_dev_2")).isFalse();

        devices.close();
        assertThat(rights.exists("_acc_1", KeyContext.Type.DEVICE, "_dev_1")).isFalse();
        assertThat(rights.exists("_acc_1", KeyContext.Type.APP, "_app_1")).isTrue();
    }
}
