package io.thingstead.alerts.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may not go (docs/alerts.md: Notifications): an address that is link-local
 * (169.254.0.0/16, fe80::/10: where cloud providers' metadata services hand out credentials),
 * the unspecified address (0.0.0.0, ::, which reaches this machine) or a multicast one, whatever
 * name the URL gives it and at every redirect. Loopback and private networks stay allowed: a
 * self-hosted platform's receivers often live there (and the platform's own API asks for a key,
 * which a webhook cannot carry).
 */
final class Destinations {
    private Destinations() {}

    /** Why {@code uri}'s host may not be called, or null when it may (or cannot be resolved: the call then fails on its own). */
    static String refused(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
        for (InetAddress a : all) {
            String kind = a.isLinkLocalAddress()
                    ? "a link-local address (where cloud metadata services answer)"
                    : a.isAnyLocalAddress()
                            ? "the unspecified address"
                            : a.isMulticastAddress() ? "a multicast address" : null;
            if (kind != null) {
                String shown = host.equals(a.getHostAddress()) ? host : host + " (" + a.getHostAddress() + ")";
                return "refused: " + shown + " is " + kind + ", which webhooks never call";
            }
        }
        return null;
    }
}
