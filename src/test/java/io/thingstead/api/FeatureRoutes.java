package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.errorMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.Http;
import java.util.List;
import java.util.function.Function;

/**
 * Every route of one feature on the main account's entities (as method and path) with the body a
 * write sends, and the checks the feature security suites (alerts, methods) share: a key without
 * the feature's scopes is refused on each route, and another master's key finds nothing.
 */
record FeatureRoutes(List<String[]> routes, Function<String[], Object> body) {
    Http.Resp send(Http as, String[] route) {
        return as.send(route[0], route[1], body.apply(route));
    }

    /** Each route answers {@code as} with 401 {@code MissingScope} whose message contains {@code scopePart}. */
    void assertEachMissingScope(Http as, String scopePart) {
        for (String[] route : routes) {
            assertMissingScope(send(as, route), scopePart, route[0] + " " + route[1]);
        }
    }

    /**
     * A key of another master finds nothing: each route by id or name is 404 {@code
     * ResourceNotFound}, a create naming an owner ({@code ?owner=}) 400 {@code ValidationFailed};
     * the account-wide list ({@code listPath}) and {@code _this_} routes are left to the caller.
     */
    void assertNothingFound(Http stranger, String listPath) {
        for (String[] route : routes) {
            if (route[1].equals(listPath) || route[1].contains("_this_")) {
                continue;
            }
            Http.Resp r = send(stranger, route);
            if (route[1].contains("?owner=")) {
                errorMessage(r, 400, "ValidationFailed");
            } else {
                errorMessage(r, 404, "ResourceNotFound");
            }
        }
    }

    /** 401 {@code MissingScope} whose message contains {@code scopePart}. */
    static void assertMissingScope(Http.Resp r, String scopePart) {
        assertMissingScope(r, scopePart, r.toString());
    }

    private static void assertMissingScope(Http.Resp r, String scopePart, String what) {
        assertThat(errorMessage(r, 401, "MissingScope")).as(what).contains(scopePart);
    }
}
