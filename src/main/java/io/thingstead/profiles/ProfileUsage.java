package io.thingstead.profiles;

import java.util.Set;

/** Whether any device is an instance of one of the given profiles (devices live elsewhere). */
@FunctionalInterface
public interface ProfileUsage {
    boolean anyDeviceOf(Set<String> profileIds);
}
