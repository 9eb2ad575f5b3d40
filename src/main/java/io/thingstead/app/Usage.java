package io.thingstead.app;

/** The {@code --help} texts of the commands run by Java ({@code serve}, {@code admin-key}). */
final class Usage {
    private Usage() {}

    static String main() {
        return """
                Usage: thingstead serve [flags]        runs the server (./thingstead serve --help)
                       thingstead admin-key --reset    a new key for the bootstrap admin (./thingstead admin-key --help)
                       thingstead --version
                """;
    }

    static String serve() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: ./thingstead serve [flags]\n\n");
        b.append("Runs the server until SIGTERM or Ctrl-C. A flag wins over its variable; --flag=value works too.\n\n");
        for (Config.Flag f : Config.FLAGS) {
            b.append(
                    "  %-22s %s (default %s)%n      %s%n".formatted(f.name(), f.variable(), f.fallback(), f.meaning()));
        }
        b.append("""

                Variables only:
                  THINGSTEAD_ADMIN_KEY          <keyId>:<secret> of the bootstrap admin key (first start only)
                  THINGSTEAD_SYSADMIN_KEY       <keyId>:<secret> of the sysadmin key for /v3/sys (first start only)
                  THINGSTEAD_MQTT_TLS_PASSWORD  password of --mqtt-tls-keystore
                  THINGSTEAD_SMTP_PASSWORD      password of --smtp-user
                  THINGSTEAD_JAVA_OPTS          extra JVM options
                """);
        return b.toString();
    }

    static String adminKey() {
        return """
                Usage: ./thingstead admin-key --reset [--data-dir DIR] [--store embedded|jdbc:postgresql://...]

                On a stopped server: replaces the bootstrap admin user's API key (admin@localhost of the
                master account 'main'; if another admin disabled it, the oldest enabled admin of that
                account) with a new random one, prints it once and writes it to
                DIR/admin-key.json (mode 600). The old key stops working. Refuses while a server runs on
                the store. --data-dir and --store (or THINGSTEAD_DATA_DIR, THINGSTEAD_STORE) name the
                store as for serve.
                """;
    }
}
