package io.thingstead.scripting;

/** A refusal or failure of a built-in, told to the script as a rejection with this message. */
public final class HostException extends RuntimeException {
    public HostException(String message) {
        super(message, null, false, false);
    }
}
