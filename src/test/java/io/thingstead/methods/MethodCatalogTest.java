package io.thingstead.methods;

import static io.thingstead.methods.Method.Access.PRIVATE;
import static io.thingstead.methods.Method.Access.PROTECTED;
import static io.thingstead.methods.Method.Access.PUBLIC;
import static io.thingstead.methods.MethodFixture.ACCOUNT;
import static io.thingstead.methods.MethodFixture.BASE;
import static io.thingstead.methods.MethodFixture.CHILD;
import static io.thingstead.methods.MethodFixture.DEVICE;
import static io.thingstead.methods.MethodFixture.GRANDCHILD;
import static io.thingstead.methods.MethodFixture.method;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.core.EntityStore.Stored;
import io.thingstead.profiles.ProfileCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which method a device has under a name, and who may call it, along two profile levels and a builtin. */
class MethodCatalogTest {
    private final ProfileCatalog profiles = MethodFixture.profiles();
    private final Method everywhere = method("_mtd_1", DEVICE, "ping", PUBLIC);
    private final Method baseStart = method("_mtd_2", BASE, "start", PUBLIC);
    private final Method baseHelper = method("_mtd_3", BASE, "helper", PRIVATE);
    private final Method baseCalibrate = method("_mtd_4", BASE, "calibrate", PROTECTED);
    private final Method childStart = method("_mtd_5", CHILD, "Start", PUBLIC);
    private final Method otherAccounts = method("_mtd_6", "_acc_2", DEVICE, "stranger", PUBLIC);
    private final MethodCatalog catalog = MethodFixture.catalog(
            profiles, everywhere, baseStart, baseHelper, baseCalibrate, childStart, otherAccounts);

    private ResolvedMethod resolve(String profileId, String ref) {
        return catalog.resolve(ACCOUNT, profileId, ref).orElseThrow();
    }

    @Test
    void visibleTo_listsOnePerName_nearestFirst_withOwnerAndInheritance() {
        List<ResolvedMethod> seen = catalog.visibleTo(ACCOUNT, GRANDCHILD);
        assertThat(seen).extracting(ResolvedMethod::id).containsExactly("_mtd_5", "_mtd_3", "_mtd_4", "_mtd_1");
        assertThat(seen).allMatch(ResolvedMethod::inherited);
        assertThat(seen.get(0).owningProfileId()).isEqualTo(CHILD);
        assertThat(seen.get(0).qualifiedName()).isEqualTo("child$start");
        assertThat(catalog.visibleTo(ACCOUNT, CHILD).get(0).inherited()).isFalse();
        assertThat(catalog.visibleTo(ACCOUNT, BASE))
                .extracting(ResolvedMethod::id)
                .containsExactly("_mtd_2", "_mtd_3", "_mtd_4", "_mtd_1");
    }

    @Test
    void resolve_followsOverrides_byNameIdOrQualifiedName() {
        assertThat(resolve(GRANDCHILD, "START").id()).isEqualTo("_mtd_5");
        assertThat(resolve(GRANDCHILD, "_mtd_2").id()).as("the overridden id").isEqualTo("_mtd_5");
        assertThat(resolve(GRANDCHILD, "base$start").id()).isEqualTo("_mtd_5");
        assertThat(resolve(BASE, "start").id()).isEqualTo("_mtd_2");
    }

    @Test
    void resolve_findsNothingOfAnotherAccountOrBelow() {
        assertThat(catalog.resolve(ACCOUNT, GRANDCHILD, "stranger")).isEmpty();
        assertThat(catalog.resolve(ACCOUNT, GRANDCHILD, "_mtd_6")).isEmpty();
        assertThat(catalog.resolve(ACCOUNT, BASE, "_mtd_5")).isEmpty();
        assertThat(catalog.resolve("_acc_2", GRANDCHILD, "ping")).isEmpty();
        assertThat(catalog.resolve(ACCOUNT, "_dpf_404", "ping")).isEmpty();
    }

    @Test
    void access_externalCallersReachPublicOnly_theDeviceProtectedToo_privateOnlyFromItsOwnProfilesMethods() {
        ResolvedMethod start = resolve(GRANDCHILD, "start");
        ResolvedMethod calibrate = resolve(GRANDCHILD, "calibrate");
        ResolvedMethod helper = resolve(GRANDCHILD, "helper");
        MethodAccess.Caller external = MethodAccess.Caller.EXTERNAL;
        MethodAccess.Caller device = MethodAccess.Caller.DEVICE;
        assertThat(MethodAccess.allows(external, start)).isTrue();
        assertThat(MethodAccess.allows(external, calibrate)).isFalse();
        assertThat(MethodAccess.allows(external, helper)).isFalse();
        assertThat(MethodAccess.allows(device, calibrate)).isTrue();
        assertThat(MethodAccess.allows(device, helper)).isFalse();
        assertThat(MethodAccess.allows(MethodAccess.Caller.fromMethod(CHILD), calibrate))
                .isTrue();
        assertThat(MethodAccess.allows(MethodAccess.Caller.fromMethod(CHILD), helper))
                .isFalse();
        assertThat(MethodAccess.allows(MethodAccess.Caller.fromMethod(BASE), helper))
                .isTrue();
        assertThat(MethodAccess.allows(MethodAccess.Caller.fromMethod(GRANDCHILD), start))
                .isTrue();
    }

    @Test
    void aDeletedMethod_isTold_andGoneAtOnceBelow() {
        List<String> removed = new java.util.ArrayList<>();
        catalog.onRemoved(removed::add);
        catalog.apply(List.of(new Stored(MethodCatalog.KIND, "_mtd_5", 0, null)))
                .run();
        assertThat(removed).containsExactly("_mtd_5");
        assertThat(resolve(GRANDCHILD, "start").id()).isEqualTo("_mtd_2");
    }
}
