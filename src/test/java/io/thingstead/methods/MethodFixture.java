package io.thingstead.methods;

import io.thingstead.core.EntityStore.Stored;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import java.util.ArrayList;
import java.util.List;

/** Methods and profiles built directly, for the unit tests of the rules and the resolution. */
final class MethodFixture {
    static final String ACCOUNT = "_acc_1";
    static final String DEVICE = "_dpf_100000000000000001";
    static final String BASE = "_dpf_10";
    static final String CHILD = "_dpf_11";
    static final String GRANDCHILD = "_dpf_12";

    private MethodFixture() {}

    static Method method(String id, String owner, String name, Method.Access access) {
        return method(id, ACCOUNT, owner, name, access);
    }

    static Method method(String id, String account, String owner, String name, Method.Access access) {
        return new Method(
                id,
                account,
                owner,
                name,
                null,
                null,
                List.of(),
                access,
                new Method.Impl("return value;", Method.Script.JAVASCRIPT),
                null,
                null,
                false,
                "2026-01-01T00:00:00.000Z",
                "2026-01-01T00:00:00.000Z");
    }

    /** Base (IS-A Device) ← Child ← Grandchild, all of the account. */
    static ProfileCatalog profiles() {
        ProfileCatalog catalog = new ProfileCatalog();
        catalog.apply(List.of(
                profile(BASE, "Base", DEVICE),
                profile(CHILD, "Child", BASE),
                profile(GRANDCHILD, "Grandchild", CHILD)));
        return catalog;
    }

    private static Stored profile(String id, String name, String base) {
        return new Stored(
                "deviceprofile",
                id,
                1,
                new DeviceProfile(
                        id, ACCOUNT, name, null, base, null, List.of(), null, null, null, null, false, null, null));
    }

    static MethodCatalog catalog(ProfileCatalog profiles, Method... methods) {
        MethodCatalog catalog = new MethodCatalog(profiles);
        List<Stored> stored = new ArrayList<>();
        for (Method m : methods) {
            stored.add(new Stored(MethodCatalog.KIND, m.id(), 1, m));
        }
        catalog.apply(stored);
        return catalog;
    }
}
