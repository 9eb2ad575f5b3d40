package io.thingstead.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * The MQTT/TLS keystore is opened before the broker starts, so that a missing file, a wrong
 * password or a keystore without a key is said in one line instead of a broker that silently
 * listens without TLS.
 */
final class Keystores {
    private Keystores() {}

    static void check(Path file, String password) {
        String name = "--mqtt-tls-keystore " + file;
        if (!Files.exists(file)) {
            throw new Thingstead.StartupFailure(name + " does not exist", null);
        }
        if (!Files.isReadable(file)) {
            throw new Thingstead.StartupFailure(name + " cannot be read (permission denied)", null);
        }
        KeyStore ks;
        try {
            ks = KeyStore.getInstance(file.toFile(), password.toCharArray());
        } catch (IOException e) {
            throw new Thingstead.StartupFailure(name + ": " + why(e), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Thingstead.StartupFailure(name + " is not a JKS or PKCS#12 keystore", e);
        }
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getKey(alias, password.toCharArray()) != null) {
                    return;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new Thingstead.StartupFailure(
                    name + ": its key has another password than THINGSTEAD_MQTT_TLS_PASSWORD", e);
        } catch (GeneralSecurityException e) {
            throw new Thingstead.StartupFailure(name + " cannot be used: " + e.getMessage(), e);
        }
        throw new Thingstead.StartupFailure(name + " holds no private key with its certificate", null);
    }

    private static String why(IOException e) {
        if (e.getCause() instanceof UnrecoverableKeyException) {
            return "wrong password (THINGSTEAD_MQTT_TLS_PASSWORD)";
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("password") || m.contains("Integrity check failed") || m.contains("mac")) {
            return "wrong password (THINGSTEAD_MQTT_TLS_PASSWORD)";
        }
        return "cannot be read: " + m;
    }
}
