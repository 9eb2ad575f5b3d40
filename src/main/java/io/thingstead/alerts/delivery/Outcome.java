package io.thingstead.alerts.delivery;

/** What became of one notification; each is one device log line. */
public sealed interface Outcome {
    /** Delivered; {@code detail} says where (e.g. {@code POST https://x/y answered 200}). */
    record Sent(String detail) implements Outcome {}

    /** Tried and failed for good ({@code reason}: what went wrong, after how many attempts). */
    record Failed(String reason) implements Outcome {}

    /** Not tried: nothing here can deliver it ({@code reason}: e.g. no SMTP server configured). */
    record NotSent(String reason) implements Outcome {}
}
