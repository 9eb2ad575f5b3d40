package io.thingstead.methods;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Names;
import java.util.List;
import java.util.Set;

/**
 * The rules of a method's name and of overriding along the IS-A chain (docs/methods.md: Names,
 * Inheritance), as pure functions: a name is Connio's entity name without a {@code .}, and not a
 * built-in's or a member of the object a method runs on; a method overrides one of the same name above it only when that one is not
 * private, and never narrows its access.
 */
public final class MethodRules {
    /**
     * The built-ins a script calls (Connio's reserved method names), and {@code api}, the object
     * that holds them in legacy scripts ({@code Device.api.setProperty}): a method of that name
     * would hide them. Lower case: names match case-insensitively.
     */
    static final Set<String> RESERVED = Set.of(
            "setproperty",
            "getproperty",
            "log",
            "readdata",
            "finddevices",
            "executedevicemethod",
            "setdeviceproperty",
            "getdeviceproperty",
            "api");

    /**
     * What the object a method runs on ({@code this}, {@code Device}) answers itself: its {@code
     * name}, and the members of every JavaScript object and promise the scripting prelude keeps
     * (prelude.js: OWN). A method of such a name could never be called from a script: {@code
     * this.toString()} answers the object's own, {@code this.then} must stay undefined for {@code
     * await} to work. Lower case: names match case-insensitively.
     */
    static final Set<String> OBJECT_MEMBERS = Set.of(
            "name",
            "constructor",
            "tostring",
            "tolocalestring",
            "valueof",
            "hasownproperty",
            "isprototypeof",
            "propertyisenumerable",
            "then",
            "catch",
            "finally",
            "tojson");

    private MethodRules() {}

    /** A method of the same name elsewhere on the chain, and the name of the profile that owns it. */
    public record Placed(Method method, String profileName) {}

    /** The name, checked: Connio's entity name rule, no {@code .}, not reserved. */
    public static String name(String name) {
        Names.require("name", name);
        if (name.indexOf('.') >= 0) {
            throw ApiException.invalid("name", "must not contain '.' in a method name, got '" + name + "'");
        }
        if (RESERVED.contains(Names.key(name))) {
            throw new ApiException(
                    ErrorCode.RESERVED_METHOD_NAME,
                    "'name' '" + name + "' is reserved: it is the name of a built-in function of methods");
        }
        if (OBJECT_MEMBERS.contains(Names.key(name))) {
            throw new ApiException(
                    ErrorCode.RESERVED_METHOD_NAME,
                    "'name' '" + name + "' is reserved: the object a method runs on answers it itself (" + "Device."
                            + name + "), so no script could call a method of that name");
        }
        return name;
    }

    /**
     * Refuses {@code m} when it would override a private method {@code above} it, narrow the access
     * of one it overrides, be a private method that one {@code below} it overrides, or be wider
     * than one below that overrides it.
     *
     * @param above the methods of the same name on the profiles {@code m}'s owner inherits from
     * @param below the methods of the same name on the profiles that inherit from {@code m}'s owner
     */
    public static void checkOverrides(Method m, List<Placed> above, List<Placed> below) {
        for (Placed p : above) {
            Method.Access theirs = p.method().access();
            if (theirs == Method.Access.PRIVATE) {
                throw ApiException.invalid(
                        "name",
                        "'" + m.name() + "' is a private method of profile '" + p.profileName()
                                + "': a private method cannot be overridden");
            }
            if (!m.access().atLeast(theirs)) {
                throw ApiException.invalid(
                        "access",
                        "must be '" + theirs + "' or wider: it overrides the " + theirs + " method '"
                                + p.method().name() + "' of profile '" + p.profileName() + "'");
            }
        }
        for (Placed p : below) {
            if (m.access() == Method.Access.PRIVATE) {
                throw ApiException.invalid(
                        "name",
                        "'" + m.name() + "' is defined by the inheriting profile '" + p.profileName()
                                + "': a private method cannot be overridden");
            }
            if (!p.method().access().atLeast(m.access())) {
                throw ApiException.invalid(
                        "access",
                        "must be '" + p.method().access() + "' or narrower: the inheriting profile '" + p.profileName()
                                + "' overrides it as " + p.method().access());
            }
        }
    }

    /** {@code inputTTL} says how fresh an input must be, so it needs an input. */
    public static void checkInput(Method m) {
        if (m.inputTTL() != null && m.inputId() == null) {
            throw ApiException.invalid("inputTTL", "applies only to a method with an 'inputId'");
        }
    }
}
