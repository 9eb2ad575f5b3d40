/**
 * Per-device runtime state and who owns it: {@link io.thingstead.runtime.DeviceRuntime} says which
 * node owns a device (its {@link io.thingstead.runtime.Partitions partition}) and holds the {@link
 * io.thingstead.runtime.Slot slots} of state that features keep in memory per device (activity
 * deadlines, MQTT sessions, log and publish rate shares, alert incidents with their timers, the gateway each device speaks
 * through; later quarantines).
 * Deleting a device, or handing its partition to another node, frees its state in every slot at
 * once. Depends on nothing but the JDK; never imports a feature.
 */
package io.thingstead.runtime;
