package io.thingstead.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.Directory;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.User;
import io.thingstead.core.Ids;
import io.thingstead.core.Secrets;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * First start on an empty store: the master account {@code main}, its admin user
 * {@code admin@localhost} with its key, and the sysadmin key. Each key comes from its variable or
 * is random; it is printed once and written to a file readable by its owner only.
 */
final class Bootstrap {
    static final String MASTER = "main";
    static final String ADMIN_EMAIL = "admin@localhost";

    private Bootstrap() {}

    static void run(Config cfg, Directory dir, AccountService accounts, KeyService keys, Ids ids, PrintStream out) {
        if (dir.accountCount() == 0) {
            String[] pair = split(cfg.adminKey(), ids);
            AccountService.Created c = accounts.bootstrap(MASTER, ADMIN_EMAIL, pair[0], pair[1], keys);
            Path file = writeAdminKey(cfg.dataDir(), c.key(), c.user());
            out.println("Created account '" + MASTER + "' with admin " + ADMIN_EMAIL + "; its API key (also in " + file
                    + "):");
            out.println("  " + pair[0] + ":" + pair[1]);
        }
        if (keys.sysadminKey() == null) {
            String[] pair = split(cfg.sysadminKey(), ids);
            keys.createSysadmin(pair[0], pair[1]);
            Path file = write(
                    cfg.dataDir(),
                    "sysadmin-key.json",
                    "{\"id\":\"" + pair[0] + "\",\"secret\":\"" + pair[1] + "\"}\n");
            out.println("Sysadmin API key for /v3/sys (also in " + file + "):");
            out.println("  " + pair[0] + ":" + pair[1]);
        }
    }

    /** {@code admin-key.json}: the admin key's credentials, readable by the owner only. */
    static Path writeAdminKey(Path dataDir, ApiKey key, User user) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", key.id());
        fields.put("secret", key.secret());
        fields.put("accountId", user.accountId());
        fields.put("userId", user.id());
        fields.put("email", user.email());
        try {
            return write(dataDir, "admin-key.json", new ObjectMapper().writeValueAsString(fields) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] split(String pair, Ids ids) {
        if (pair == null) {
            return new String[] {ids.next("key"), Secrets.next()};
        }
        int colon = pair.indexOf(':');
        return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    }

    private static Path write(Path dataDir, String name, String content) {
        Path file = dataDir.resolve(name);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                // Not a POSIX file system: the file is still written, with default permissions.
            }
            Files.writeString(
                    file,
                    content,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
