package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.Launcher;
import java.util.ArrayList;
import java.util.List;

/** What the launcher tests share: how they call {@code serve}, and what a refused start looks like. */
final class LauncherSupport {
    private LauncherSupport() {}

    /** {@code serve} and the flags, with free ports for HTTP and MQTT unless the flags name them. */
    static String[] serveArgs(String... flags) {
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(flags));
        for (String flag : List.of("--http-port", "--mqtt-port")) {
            if (!args.contains(flag)) {
                args.addAll(List.of(flag, "0"));
            }
        }
        return args.toArray(String[]::new);
    }

    /** The command ended non-zero and said why in one line on stderr. */
    static void failsInOneLine(Launcher p, String why) {
        assertThat(p.exitCode()).as(p.stderr()).isNotZero();
        assertThat(p.stderr().strip()).contains(why).doesNotContain("\n");
    }
}
