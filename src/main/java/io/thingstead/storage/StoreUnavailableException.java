package io.thingstead.storage;

/** The store cannot be opened: unreachable server, wrong credentials, unwritable file. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
