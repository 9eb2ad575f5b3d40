package io.thingstead.methods;

/**
 * The method a device (or a profile) has under a name: the definition nearest its profile up the
 * IS-A chain, the profile that owns it, and whether that is a base profile of the one asked
 * about.
 */
public record ResolvedMethod(Method method, String owningProfileId, boolean inherited, String qualifiedName) {
    public Method.View view() {
        return method.view(qualifiedName, inherited);
    }

    public String id() {
        return method.id();
    }

    public Method.Access access() {
        return method.access();
    }
}
