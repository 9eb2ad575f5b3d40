package io.thingstead.api;

/** Client-sent text made safe for one log line: printable ASCII only, and short. */
final class Printable {
    private static final int MAX = 200;

    private Printable() {}

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX + 3));
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX) {
            b.append("...");
        }
        return b.toString();
    }
}
