package io.thingstead.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceFilterTest {

    private static Device device(String name, List<String> tags, Map<String, String> cids) {
        return new Device(
                "_dev_1",
                "_acc_1",
                name,
                "Friendly " + name,
                "_dpf_1",
                List.of(),
                null,
                tags,
                Device.Status.ENABLED,
                0,
                cids,
                null,
                false,
                false,
                null,
                false,
                "t",
                "t");
    }

    private static DeviceFilter tagsOnly(String spec) {
        DeviceFilter.Tags t = DeviceFilter.parseTags(spec);
        return new DeviceFilter(null, null, null, null, t.all(), t.any(), t.none(), null, null, null);
    }

    private static boolean matches(DeviceFilter f, Device d) {
        return f.predicate(p -> true).test(d);
    }

    @Test
    void parseTags_splitsPlainCaretAndMinus_trimmedAndLowerCased() {
        DeviceFilter.Tags t = DeviceFilter.parseTags(" House, kitchen^ , Bathroom^, -Mansion ,, ");

        assertThat(t.all()).containsExactly("house");
        assertThat(t.any()).containsExactly("kitchen", "bathroom");
        assertThat(t.none()).containsExactly("mansion");
    }

    @Test
    void parseTags_ofNothing_isEmpty() {
        DeviceFilter.Tags t = DeviceFilter.parseTags(null);

        assertThat(t.all()).isEmpty();
        assertThat(t.any()).isEmpty();
        assertThat(t.none()).isEmpty();
    }

    @Test
    void tags_andOrNot_asInTheReferenceExample() {
        DeviceFilter f = tagsOnly("house, kitchen^, bathroom^, -mansion");

        assertThat(matches(f, device("a", List.of("house", "kitchen"), Map.of())))
                .isTrue();
        assertThat(matches(f, device("b", List.of("HOUSE", "Bathroom"), Map.of())))
                .isTrue();
        assertThat(matches(f, device("c", List.of("house"), Map.of())))
                .as("needs one of the ^ tags")
                .isFalse();
        assertThat(matches(f, device("d", List.of("kitchen"), Map.of())))
                .as("needs house")
                .isFalse();
        assertThat(matches(f, device("e", List.of("house", "kitchen", "mansion"), Map.of())))
                .as("mansion excluded")
                .isFalse();
    }

    @Test
    void customId_readsShortcutsAndCidTypePairs() {
        assertThat(DeviceFilter.customId(Map.of("mac", "aa")::get)).containsExactly("mac", "aa");
        assertThat(DeviceFilter.customId(Map.of("cidType", "IMEI", "cid", "1")::get))
                .containsExactly("imei", "1");
        assertThat(DeviceFilter.customId(Map.of("name", "x")::get)).isNull();
    }

    @Test
    void customId_halfAPairOrAnUnknownType_isValidationFailed() {
        assertThatThrownBy(() -> DeviceFilter.customId(Map.of("cid", "1")::get))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("'cidType'");
        assertThatThrownBy(() -> DeviceFilter.customId(Map.of("cidType", "sn")::get))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> DeviceFilter.customId(Map.of("cidType", "serial", "cid", "1")::get))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void customIdAndName_overrideTheOtherFilters() {
        Device d = device("Alpha", List.of(), Map.of("sn", "S1"));
        DeviceFilter byCid = new DeviceFilter(
                null, null, "sn", "S1", List.of("nope"), List.of(), List.of(), "_dpf_x", null, Device.Status.DISABLED);
        DeviceFilter byName = new DeviceFilter(
                "alpha", null, null, null, List.of("nope"), List.of(), List.of(), "_dpf_x", null, null);

        assertThat(matches(byCid, d)).isTrue();
        assertThat(matches(byName, d)).isTrue();
    }

    @Test
    void customIdValues_areCaseSensitive() {
        Device d = device("a", List.of(), Map.of("sn", "S1"));
        DeviceFilter f = new DeviceFilter(null, null, "sn", "s1", List.of(), List.of(), List.of(), null, null, null);

        assertThat(matches(f, d)).isFalse();
    }

    @Test
    void isA_usesTheGivenHierarchyTest() {
        Device d = device("a", List.of(), Map.of());
        DeviceFilter f =
                new DeviceFilter(null, null, null, null, List.of(), List.of(), List.of(), null, "_dpf_gw", null);

        assertThat(f.predicate(p -> true).test(d)).isTrue();
        assertThat(f.predicate(p -> false).test(d)).isFalse();
    }

    @Test
    void friendlyName_isAnExactMatch() {
        Device d = device("a", List.of(), Map.of());
        DeviceFilter exact =
                new DeviceFilter(null, "Friendly a", null, null, List.of(), List.of(), List.of(), null, null, null);
        DeviceFilter prefix =
                new DeviceFilter(null, "Friendly", null, null, List.of(), List.of(), List.of(), null, null, null);

        assertThat(matches(exact, d)).isTrue();
        assertThat(matches(prefix, d)).isFalse();
    }
}
