package io.thingstead.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.AccountPurger;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.Dependents;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Names;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Method CRUD on device profiles (docs/methods.md): every field checked, the body's syntax and
 * size, names along the IS-A chain (overrides of protected and public methods, never of private
 * ones), and which methods a profile or device has (its own and those it inherits, found through
 * the chain at each call, so a change on a base profile applies at once below).
 */
public final class MethodService implements AccountPurger, Dependents {
    private final MethodCatalog catalog;
    private final ProfileCatalog profiles;
    private final DeviceRegistry devices;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;
    private final ScriptCheck scripts;
    private final int maxScriptBytes;

    public MethodService(
            MethodCatalog catalog,
            ProfileCatalog profiles,
            DeviceRegistry devices,
            Admin admin,
            Ids ids,
            InstantSource clock,
            ScriptCheck scripts,
            int maxScriptBytes) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.devices = devices;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
        this.scripts = scripts;
        this.maxScriptBytes = maxScriptBytes;
    }

    public MethodCatalog catalog() {
        return catalog;
    }

    public Method.View createOnProfile(String accountId, String profileRef, JsonNode body) {
        return create(accountId, profile(accountId, profileRef), body);
    }

    /** {@code POST /methods}: the owner is the body's {@code ownerId}, else {@code ownerRef} (the query's). */
    public Method.View create(String accountId, String ownerRef, JsonNode body) {
        String ref = body != null
                        && body.hasNonNull("ownerId")
                        && body.get("ownerId").isTextual()
                ? body.get("ownerId").textValue()
                : ownerRef;
        if (ref == null) {
            throw ApiException.invalid("ownerId", "is required: the device profile that owns the method");
        }
        DeviceProfile owner = profiles.find(accountId, ref);
        if (owner == null) {
            throw ApiException.unknownReference("ownerId", "device profile", ref);
        }
        return create(accountId, owner, body);
    }

    private Method.View create(String accountId, DeviceProfile owner, JsonNode body) {
        Fields f = Fields.of(body, "", MethodFields.KNOWN);
        String ownerRef = f.string("ownerId");
        if (ownerRef != null && !ownerRef.equals(owner.id()) && !ownerRef.equalsIgnoreCase(owner.name())) {
            throw ApiException.invalid("ownerId", "must be the device profile the method is created on");
        }
        String inputRef = MethodFields.inputRef(f);
        String input = inputRef == null ? null : input(owner, inputRef);
        String now = Times.format(clock.instant());
        Method m = MethodFields.create(f, ids.next("mtd"), accountId, owner.id(), input, maxScriptBytes, now);
        MethodRules.checkInput(m);
        checkSyntax(m);
        return admin.mutate(() -> {
            DeviceProfile current = profiles.find(accountId, owner.id());
            if (current == null) {
                throw ApiException.notFound("Device profile", owner.name());
            }
            requireUnlockedProfile(current);
            checkChain(m, null);
            admin.persist(List.of(Change.put(MethodCatalog.KIND, m.id(), accountId, m)));
            return m.view(MethodCatalog.qualifiedName(current, m), false);
        });
    }

    /** {@code GET /methods}: the account's methods, or those a profile or device has. */
    public List<Method.View> list(String accountId, String ownerRef) {
        if (ownerRef == null) {
            return catalog.ofAccount(accountId).stream().map(this::view).toList();
        }
        DeviceProfile p = profiles.find(accountId, ownerRef);
        if (p != null) {
            return views(catalog.visibleTo(accountId, p.id()));
        }
        Device d = devices.find(accountId, ownerRef);
        return d == null ? List.of() : views(catalog.visibleTo(d));
    }

    /** The methods a profile has: its own and those it inherits, {@code inherited} marked. */
    public List<Method.View> ofProfile(String accountId, String profileRef) {
        return views(catalog.visibleTo(accountId, profile(accountId, profileRef).id()));
    }

    public Method.View get(String accountId, String id) {
        return view(byId(accountId, id));
    }

    /** A method the profile has (own or inherited) by id, name or qualified name. */
    public Method.View getOnProfile(String accountId, String profileRef, String methodRef) {
        return catalog.resolve(accountId, profile(accountId, profileRef).id(), methodRef)
                .map(ResolvedMethod::view)
                .orElseThrow(() -> ApiException.notFound("Method", methodRef));
    }

    /** The id of a method the profile holds itself; an inherited one changes on its owner. */
    public String ownedBy(String accountId, String profileRef, String methodRef) {
        Method.View v = getOnProfile(accountId, profileRef, methodRef);
        if (v.inherited()) {
            throw ApiException.invalid(
                    "method",
                    "'" + v.name() + "' belongs to profile '"
                            + profiles.profile(v.ownerId()).name() + "'; change it there");
        }
        return v.id();
    }

    public Method.View update(String accountId, String id, JsonNode body) {
        Fields f = Fields.of(body, "", MethodFields.KNOWN);
        return admin.mutate(() -> {
            Method cur = byId(accountId, id);
            f.unchanged("id", cur.id()).unchanged("accountId", cur.accountId());
            DeviceProfile owner = profiles.profile(cur.ownerId());
            String ownerRef = f.string("ownerId");
            if (ownerRef != null && !ownerRef.equals(owner.id()) && !ownerRef.equalsIgnoreCase(owner.name())) {
                throw ApiException.invalid("ownerId", "is read-only: it cannot be changed");
            }
            Fields.requireUnlocked(cur.locked(), f, "Method '" + cur.name() + "'");
            requireUnlockedProfile(owner);
            String inputRef = MethodFields.inputRef(f);
            String input = f.has("inputId") ? (inputRef == null ? null : input(owner, inputRef)) : cur.inputId();
            Method next = MethodFields.update(f, cur, input, maxScriptBytes, Times.format(clock.instant()));
            MethodRules.checkInput(next);
            if (!next.methodImpl().equals(cur.methodImpl())) {
                checkSyntax(next);
            }
            checkChain(next, cur.id());
            admin.persist(List.of(Change.put(MethodCatalog.KIND, next.id(), accountId, next)));
            return view(next);
        });
    }

    public int delete(String accountId, String id) {
        return admin.mutate(() -> {
            Method cur = byId(accountId, id);
            if (cur.locked()) {
                throw ApiException.locked("Method '" + cur.name() + "'");
            }
            requireUnlockedProfile(profiles.profile(cur.ownerId()));
            admin.persist(List.of(Change.delete(MethodCatalog.KIND, cur.id())));
            return 1;
        });
    }

    /**
     * A method goes with its profile; a property that is the input of a method that stays cannot be
     * deleted (the method would lose its input without anyone being told).
     */
    @Override
    public List<Change> onDelete(Set<String> deletedIds) {
        List<Change> out = new ArrayList<>();
        for (Method m : catalog.all()) {
            if (deletedIds.contains(m.ownerId())) {
                out.add(Change.delete(MethodCatalog.KIND, m.id()));
            } else if (!deletedIds.contains(m.id()) && m.inputId() != null && deletedIds.contains(m.inputId())) {
                throw profiles.inUse(m.inputId(), "is the input of method '" + m.name() + "'", "method");
            }
        }
        return out;
    }

    @Override
    public List<Change> purgeChanges(String accountId) {
        return catalog.ofAccount(accountId).stream()
                .map(m -> Change.delete(MethodCatalog.KIND, m.id()))
                .toList();
    }

    private Method byId(String accountId, String id) {
        Method m = catalog.get(id);
        if (m == null || !m.accountId().equals(accountId)) {
            throw ApiException.notFound("Method", id);
        }
        return m;
    }

    private DeviceProfile profile(String accountId, String ref) {
        DeviceProfile p = profiles.find(accountId, ref);
        if (p == null) {
            throw ApiException.notFound("Device profile", ref);
        }
        return p;
    }

    private Method.View view(Method m) {
        return m.view(MethodCatalog.qualifiedName(profiles.profile(m.ownerId()), m), false);
    }

    private static List<Method.View> views(List<ResolvedMethod> resolved) {
        return resolved.stream().map(ResolvedMethod::view).toList();
    }

    /** The property id {@code ref} names among the owner's properties (own or inherited). */
    private String input(DeviceProfile owner, String ref) {
        ProfileCatalog.Resolved r = profiles.resolveProperty(owner.id(), ref);
        if (r == null) {
            throw ApiException.invalid(
                    "inputId", "names '" + ref + "', which is no property of device profile '" + owner.name() + "'");
        }
        return r.property().id();
    }

    private void checkSyntax(Method m) {
        scripts.check(m.methodImpl().funcBody()).ifPresent(p -> {
            throw ApiException.invalid(
                    "methodImpl.funcBody",
                    "does not parse: line " + p.line() + ", column " + p.column() + ": " + p.message());
        });
    }

    /** A user-locked profile takes no new or changed members; a builtin one takes the account's own methods. */
    private static void requireUnlockedProfile(DeviceProfile p) {
        if (p != null && !p.builtin() && p.locked()) {
            throw ApiException.locked("Device profile '" + p.name() + "'");
        }
    }

    /** The name is free on the owner, and the method overrides or is overridden as the rules allow. */
    private void checkChain(Method m, String selfId) {
        String key = Names.key(m.name());
        for (Method other : catalog.ofOwner(m.accountId(), m.ownerId())) {
            if (!other.id().equals(selfId) && Names.key(other.name()).equals(key)) {
                throw new ApiException(
                        ErrorCode.NAME_TAKEN, "A method named '" + m.name() + "' already exists on this profile");
            }
        }
        List<MethodRules.Placed> above = new ArrayList<>();
        for (String id : profiles.chain(m.ownerId())) {
            if (!id.equals(m.ownerId())) {
                above.addAll(named(m.accountId(), id, key));
            }
        }
        List<MethodRules.Placed> below = new ArrayList<>();
        for (String id : profiles.descendantsAndSelf(m.ownerId())) {
            if (!id.equals(m.ownerId())) {
                below.addAll(named(m.accountId(), id, key));
            }
        }
        MethodRules.checkOverrides(m, above, below);
    }

    private List<MethodRules.Placed> named(String accountId, String profileId, String key) {
        String profileName = profiles.profile(profileId).name();
        return catalog.ofOwner(accountId, profileId).stream()
                .filter(o -> Names.key(o.name()).equals(key))
                .map(o -> new MethodRules.Placed(o, profileName))
                .toList();
    }
}
