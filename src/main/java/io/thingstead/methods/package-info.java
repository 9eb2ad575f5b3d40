/**
 * Method definitions (docs/methods.md): JavaScript methods owned by a device profile (a builtin
 * one included, for the account that created it), their access (private, protected, public), how
 * they are inherited and overridden down the IS-A chain, which method a device has under a name
 * ({@link io.thingstead.methods.MethodCatalog#resolve}), who may call it ({@link
 * io.thingstead.methods.MethodAccess}), and each device's instance of its methods: quarantine
 * (stored through {@link io.thingstead.methods.QuarantineStore}) and execution statistics, and
 * calling them ({@link io.thingstead.methods.MethodInvoker}, the one entry point of REST, MQTT and
 * alerts) on the scripting runtime with the built-ins of {@link io.thingstead.methods.DeviceHost},
 * and running a method bound to an input property when it is stored ({@link
 * io.thingstead.methods.BoundInputs}, a subscriber of the stored events).
 * Never imports api, mqtt, storage or app; checking a script's syntax at definition time is a port
 * ({@link io.thingstead.methods.ScriptCheck}) the assembly fills.
 */
package io.thingstead.methods;
