package io.thingstead.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.testing.Entities;
import io.thingstead.testing.InMemoryEntityStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileCatalogTest {
    static final String ACC = "_acc_200000000000000001";
    static final String OTHER_ACC = "_acc_200000000000000002";
    static final String SENSOR = "_dpf_200000000000000010";
    static final String TEMP_SENSOR = "_dpf_200000000000000011";
    static final String MY_GATEWAY = "_dpf_200000000000000012";
    static final String OTHER_SENSOR = "_dpf_200000000000000020";
    static final String BATTERY = "_prp_200000000000000010";
    static final String RSSI = "_prp_200000000000000011";
    static final String TEMP = "_prp_200000000000000012";

    ProfileCatalog catalog;
    Admin admin;

    @BeforeEach
    void seed() {
        InMemoryEntityStore store = new InMemoryEntityStore();
        store.with(ProfileCatalog.PROFILE, SENSOR, ACC, profile(SENSOR, ACC, "Sensor", Builtins.DEVICE))
                .with(ProfileCatalog.PROFILE, TEMP_SENSOR, ACC, profile(TEMP_SENSOR, ACC, "TempSensor", SENSOR))
                .with(ProfileCatalog.PROFILE, MY_GATEWAY, ACC, profile(MY_GATEWAY, ACC, "MyGateway", Builtins.GATEWAY))
                .with(
                        ProfileCatalog.PROFILE,
                        OTHER_SENSOR,
                        OTHER_ACC,
                        profile(OTHER_SENSOR, OTHER_ACC, "Sensor", Builtins.DEVICE))
                // stored out of id order on purpose: the catalog orders by id
                .with(ProfileCatalog.PROPERTY, RSSI, ACC, property(RSSI, ACC, SENSOR, "rssi"))
                .with(ProfileCatalog.PROPERTY, BATTERY, ACC, property(BATTERY, ACC, SENSOR, "battery"))
                .with(ProfileCatalog.PROPERTY, TEMP, ACC, property(TEMP, ACC, TEMP_SENSOR, "Temp"));
        admin = new Admin(store);
        catalog = admin.register(new ProfileCatalog());
    }

    private void persist(Change... changes) {
        Entities.persist(admin, changes);
    }

    static DeviceProfile profile(String id, String account, String name, String base) {
        return Entities.profile(id, account, name, base);
    }

    static Property property(String id, String account, String owner, String name) {
        return Entities.property(id, account, owner, name);
    }

    @Test
    void require_findsAVisibleProfileByIdOrName_andIsNotFoundForAnotherAccountsProfile() {
        assertThat(catalog.require(ACC, "sensor").id()).isEqualTo(SENSOR);
        assertThat(catalog.require(OTHER_ACC, "Sensor").id()).isEqualTo(OTHER_SENSOR);
        assertThat(catalog.require(ACC, Builtins.GATEWAY).builtin()).isTrue();
        assertThatThrownBy(() -> catalog.require(OTHER_ACC, TEMP_SENSOR))
                .isInstanceOf(ApiException.class)
                .hasMessage("Device profile '" + TEMP_SENSOR + "' not found");
    }

    @Test
    void builtinsAreLoadedWithoutAnyStoredDocument() {
        ProfileCatalog empty = new ProfileCatalog();

        assertThat(empty.visibleTo(ACC))
                .extracting(DeviceProfile::id, DeviceProfile::name, DeviceProfile::baseProfileId, DeviceProfile::locked)
                .containsExactly(
                        tuple(Builtins.DEVICE, "Device", null, true),
                        tuple(Builtins.CONNECTED_DEVICE, "ConnectedDevice", Builtins.DEVICE, true),
                        tuple(Builtins.GATEWAY, "Gateway", Builtins.CONNECTED_DEVICE, true));
        assertThat(empty.profile(Builtins.DEVICE).builtin()).isTrue();
    }

    @Test
    void chainRunsFromTheProfileUpToDevice() {
        assertThat(catalog.chain(TEMP_SENSOR)).containsExactly(TEMP_SENSOR, SENSOR, Builtins.DEVICE);
        assertThat(catalog.chain(MY_GATEWAY))
                .containsExactly(MY_GATEWAY, Builtins.GATEWAY, Builtins.CONNECTED_DEVICE, Builtins.DEVICE);
        assertThat(catalog.chain(Builtins.DEVICE)).containsExactly(Builtins.DEVICE);
    }

    @Test
    void chainOfAnUnknownProfileIsEmpty() {
        assertThat(catalog.chain("_dpf_999999999999999999")).isEmpty();
    }

    @Test
    void isAHoldsForSelfAndEveryAncestorOnly() {
        assertThat(catalog.isA(TEMP_SENSOR, TEMP_SENSOR)).isTrue();
        assertThat(catalog.isA(TEMP_SENSOR, SENSOR)).isTrue();
        assertThat(catalog.isA(TEMP_SENSOR, Builtins.DEVICE)).isTrue();
        assertThat(catalog.isA(MY_GATEWAY, Builtins.CONNECTED_DEVICE)).isTrue();

        assertThat(catalog.isA(SENSOR, TEMP_SENSOR)).isFalse();
        assertThat(catalog.isA(SENSOR, Builtins.CONNECTED_DEVICE)).isFalse();
        assertThat(catalog.isA(TEMP_SENSOR, MY_GATEWAY)).isFalse();
    }

    @Test
    void descendantsAndSelfHoldsEveryProfileBelow() {
        assertThat(catalog.descendantsAndSelf(SENSOR)).containsExactlyInAnyOrder(SENSOR, TEMP_SENSOR);
        assertThat(catalog.descendantsAndSelf(TEMP_SENSOR)).containsExactly(TEMP_SENSOR);
        assertThat(catalog.descendantsAndSelf(Builtins.CONNECTED_DEVICE))
                .containsExactlyInAnyOrder(Builtins.CONNECTED_DEVICE, Builtins.GATEWAY, MY_GATEWAY);
        assertThat(catalog.descendantsAndSelf(Builtins.DEVICE))
                .containsExactlyInAnyOrder(
                        Builtins.DEVICE,
                        Builtins.CONNECTED_DEVICE,
                        Builtins.GATEWAY,
                        SENSOR,
                        TEMP_SENSOR,
                        MY_GATEWAY,
                        OTHER_SENSOR);
    }

    @Test
    void childrenAreTheDirectHeirsOnly() {
        assertThat(catalog.children(SENSOR)).extracting(DeviceProfile::id).containsExactly(TEMP_SENSOR);
        assertThat(catalog.children(TEMP_SENSOR)).isEmpty();
    }

    @Test
    void resolvedPropertiesListOwnFirstThenEachBaseUpTheChain() {
        var resolved = catalog.resolvedProperties(TEMP_SENSOR);

        assertThat(resolved)
                .extracting(
                        r -> r.property().name(),
                        ProfileCatalog.Resolved::inherited,
                        ProfileCatalog.Resolved::qualifiedName)
                .containsExactly(
                        tuple("Temp", false, "tempsensor$temp"),
                        tuple("battery", true, "sensor$battery"),
                        tuple("rssi", true, "sensor$rssi"),
                        tuple("active", true, "device$active"),
                        tuple("lastIn", true, "device$lastin"),
                        tuple("lastOut", true, "device$lastout"));
    }

    @Test
    void resolvedPropertiesOfAGatewayChildIncludeConnectedDeviceBuiltins() {
        assertThat(catalog.resolvedProperties(MY_GATEWAY))
                .extracting(
                        r -> r.property().name(),
                        ProfileCatalog.Resolved::inherited,
                        ProfileCatalog.Resolved::qualifiedName)
                .containsExactly(
                        tuple("connectionInfo", true, "connecteddevice$connectioninfo"),
                        tuple("connectionStatus", true, "connecteddevice$connectionstatus"),
                        tuple("active", true, "device$active"),
                        tuple("lastIn", true, "device$lastin"),
                        tuple("lastOut", true, "device$lastout"));
    }

    @Test
    void resolvedPropertiesOfDeviceItselfAreOwnNotInherited() {
        assertThat(catalog.resolvedProperties(Builtins.DEVICE))
                .extracting(r -> r.property().name(), ProfileCatalog.Resolved::inherited)
                .containsExactly(tuple("active", false), tuple("lastIn", false), tuple("lastOut", false));
    }

    @Test
    void resolvedViewCarriesQualifiedNameAndInheritedFlag() {
        var view = catalog.resolveProperty(TEMP_SENSOR, "battery").view();

        assertThat(view.qualifiedName()).isEqualTo("sensor$battery");
        assertThat(view.inherited()).isTrue();
        assertThat(view.ownerId()).isEqualTo(SENSOR);
    }

    @ParameterizedTest
    @ValueSource(strings = {TEMP, "Temp", "temp", "TEMP", "tempsensor$temp", "TempSensor$Temp"})
    void resolvePropertyFindsOwnByIdNameOrQualifiedNameCaseInsensitively(String ref) {
        var r = catalog.resolveProperty(TEMP_SENSOR, ref);

        assertThat(r).isNotNull();
        assertThat(r.property().id()).isEqualTo(TEMP);
        assertThat(r.inherited()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {BATTERY, "battery", "Sensor$Battery", "sensor$battery"})
    void resolvePropertyFindsInheritedByIdNameOrQualifiedName(String ref) {
        var r = catalog.resolveProperty(TEMP_SENSOR, ref);

        assertThat(r).isNotNull();
        assertThat(r.property().id()).isEqualTo(BATTERY);
        assertThat(r.inherited()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"device$active", "active", "ACTIVE", "_prp_100000000000000001"})
    void resolvePropertyFindsBuiltinsFromAnyDescendant(String ref) {
        var r = catalog.resolveProperty(TEMP_SENSOR, ref);

        assertThat(r).isNotNull();
        assertThat(r.property().name()).isEqualTo("active");
        assertThat(r.owner().id()).isEqualTo(Builtins.DEVICE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"nosuch", "sensor$temp", "tempsensor$battery", "connectionStatus", "_prp_999999999999999999"})
    void resolvePropertyIsNullForWhatTheProfileDoesNotHave(String ref) {
        assertThat(catalog.resolveProperty(TEMP_SENSOR, ref)).isNull();
    }

    @Test
    void aParentDoesNotSeeItsChildsProperties() {
        assertThat(catalog.resolveProperty(SENSOR, "temp")).isNull();
        assertThat(catalog.resolveProperty(SENSOR, TEMP)).isNull();
    }

    @Test
    void findMatchesOwnProfilesAndBuiltinsByIdOrCaseInsensitiveName() {
        assertThat(catalog.find(ACC, "sensor").id()).isEqualTo(SENSOR);
        assertThat(catalog.find(ACC, "TEMPSENSOR").id()).isEqualTo(TEMP_SENSOR);
        assertThat(catalog.find(ACC, SENSOR).id()).isEqualTo(SENSOR);
        assertThat(catalog.find(ACC, "gateway").id()).isEqualTo(Builtins.GATEWAY);
        assertThat(catalog.find(OTHER_ACC, "connecteddevice").id()).isEqualTo(Builtins.CONNECTED_DEVICE);
        assertThat(catalog.find(OTHER_ACC, "Sensor").id()).isEqualTo(OTHER_SENSOR);
    }

    @Test
    void findHidesProfilesOfOtherAccounts() {
        assertThat(catalog.find(OTHER_ACC, SENSOR)).isNull();
        assertThat(catalog.find(OTHER_ACC, "TempSensor")).isNull();
        assertThat(catalog.find(ACC, OTHER_SENSOR)).isNull();
    }

    @Test
    void visibleToListsBuiltinsAndOwnProfilesOrderedById() {
        assertThat(catalog.visibleTo(ACC))
                .extracting(DeviceProfile::id)
                .containsExactly(
                        Builtins.DEVICE, Builtins.CONNECTED_DEVICE, Builtins.GATEWAY, SENSOR, TEMP_SENSOR, MY_GATEWAY);
    }

    @Test
    void rebasingAProfileRecomputesCachedChainsBelowIt() {
        assertThat(catalog.isA(TEMP_SENSOR, Builtins.CONNECTED_DEVICE)).isFalse();

        persist(Change.put(
                ProfileCatalog.PROFILE, SENSOR, ACC, profile(SENSOR, ACC, "Sensor", Builtins.CONNECTED_DEVICE)));

        assertThat(catalog.chain(TEMP_SENSOR))
                .containsExactly(TEMP_SENSOR, SENSOR, Builtins.CONNECTED_DEVICE, Builtins.DEVICE);
        assertThat(catalog.isA(TEMP_SENSOR, Builtins.CONNECTED_DEVICE)).isTrue();
        assertThat(catalog.resolvedProperties(TEMP_SENSOR))
                .extracting(r -> r.property().name())
                .contains("connectionStatus");
    }

    @Test
    void addedAndRemovedPropertiesShowInResolution() {
        String id = "_prp_200000000000000099";
        persist(Change.put(ProfileCatalog.PROPERTY, id, ACC, property(id, ACC, SENSOR, "humidity")));

        assertThat(catalog.resolveProperty(TEMP_SENSOR, "humidity").inherited()).isTrue();

        persist(Change.delete(ProfileCatalog.PROPERTY, id));

        assertThat(catalog.resolveProperty(TEMP_SENSOR, "humidity")).isNull();
    }

    @Test
    void removingAProfileWithItsOwnProperties_dropsThemAll() {
        persist(Change.delete(ProfileCatalog.PROFILE, TEMP_SENSOR), Change.delete(ProfileCatalog.PROPERTY, TEMP));

        assertThat(catalog.profile(TEMP_SENSOR)).isNull();
        assertThat(catalog.property(TEMP)).isNull();
        assertThat(catalog.ownProperties(TEMP_SENSOR)).isEmpty();
        assertThat(catalog.property(BATTERY)).isNotNull();
    }

    @Test
    void propertiesOfAccountExcludeBuiltinsAndOtherAccounts() {
        assertThat(catalog.propertiesOfAccount(ACC)).extracting(Property::id).containsExactly(BATTERY, RSSI, TEMP);
        assertThat(catalog.propertiesOfAccount(OTHER_ACC)).isEmpty();
    }

    @Test
    void aPropertyDeletedFromAProfileThatStays_isAnnounced_oneDeletedWithItsProfileIsNot() {
        List<String> heard = new java.util.ArrayList<>();
        catalog.onPropertyDeleted(heard::add);

        persist(Change.delete(ProfileCatalog.PROPERTY, RSSI));
        persist(Change.delete(ProfileCatalog.PROFILE, TEMP_SENSOR), Change.delete(ProfileCatalog.PROPERTY, TEMP));

        assertThat(heard).containsExactly(RSSI);
    }

    @Test
    void profileNamesPerAccount_andPropertyNamesPerProfile_areUniqueInTheStore() {
        String p2 = "_dpf_200000000000000099";
        String prp = "_prp_200000000000000099";

        assertThatThrownBy(() -> persist(
                        Change.put(ProfileCatalog.PROFILE, p2, ACC, profile(p2, ACC, "SENSOR", Builtins.DEVICE))))
                .isInstanceOfSatisfying(
                        io.thingstead.core.ApiException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("A device profile named 'SENSOR' already exists"));
        assertThatThrownBy(() ->
                        persist(Change.put(ProfileCatalog.PROPERTY, prp, ACC, property(prp, ACC, SENSOR, "Battery"))))
                .isInstanceOfSatisfying(
                        io.thingstead.core.ApiException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("'name' 'Battery' is already defined by this profile"));
        persist(Change.put(ProfileCatalog.PROPERTY, prp, ACC, property(prp, ACC, TEMP_SENSOR, "Battery")));

        assertThat(catalog.profile(p2)).isNull();
        assertThat(catalog.ownProperties(TEMP_SENSOR)).extracting(Property::id).containsExactly(TEMP, prp);
    }
}
