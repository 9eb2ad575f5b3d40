package io.thingstead.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Key secrets: 32 lower-case hex characters from a cryptographic random source. */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
