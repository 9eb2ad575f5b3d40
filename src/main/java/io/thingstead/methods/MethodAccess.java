package io.thingstead.methods;

/**
 * Who may call a method a device has (docs/methods.md: Access): a caller from outside the device
 * reaches public methods only; the device itself (its own key or its gateway's, over REST or
 * MQTT) also protected ones; a method running on the device reaches public and protected methods,
 * and private ones of its own profile only.
 */
public final class MethodAccess {
    private MethodAccess() {}

    /** Who calls. */
    public sealed interface Caller {
        /** A user or API client key, or an alert's {@code method} notification. */
        record External() implements Caller {}

        /** The device itself: its own key, or the key of a gateway acting for it. */
        record Device() implements Caller {}

        /** A method of the device, owned by {@code ownerProfileId}. */
        record FromMethod(String ownerProfileId) implements Caller {}

        Caller EXTERNAL = new External();
        Caller DEVICE = new Device();

        static Caller fromMethod(String ownerProfileId) {
            return new FromMethod(ownerProfileId);
        }
    }

    /** Whether {@code caller} may call {@code target}. */
    public static boolean allows(Caller caller, ResolvedMethod target) {
        Method.Access access = target.access();
        return switch (caller) {
            case Caller.External e -> access == Method.Access.PUBLIC;
            case Caller.Device d -> access.atLeast(Method.Access.PROTECTED);
            case Caller.FromMethod m ->
                access.atLeast(Method.Access.PROTECTED) || m.ownerProfileId().equals(target.owningProfileId());
        };
    }
}
