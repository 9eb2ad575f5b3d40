package io.thingstead.api;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matches a method and path segments against templates such as {@code /devices/{ref}/apikey}. */
final class Router {
    @FunctionalInterface
    interface Handler {
        Object handle(Call call);
    }

    private record Route(String method, List<String> parts, FieldSet query, Handler handler) {
        Route {
            parts = List.copyOf(parts);
        }
    }

    /** A matched route: its handler, the path parameters, and the query parameters it accepts. */
    record Match(Handler handler, Map<String, String> params, FieldSet query) {
        Match {
            params = Map.copyOf(params);
        }
    }

    private final List<Route> routes = new ArrayList<>();

    /** A route that takes no query parameter (but {@code _method}). */
    Router add(String method, String template, Handler handler) {
        return add(method, template, Params.NONE, handler);
    }

    /** A route that takes the query parameters of {@code query}; any other is refused. */
    Router add(String method, String template, FieldSet query, Handler handler) {
        routes.add(new Route(method, List.of(template.substring(1).split("/")), query.plus(Params.GLOBAL), handler));
        return this;
    }

    Match match(String method, List<String> segments) {
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> params = bind(r.parts(), segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (r.method().equals(method)) {
                return new Match(r.handler(), params, r.query());
            }
        }
        if (pathKnown) {
            throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on this resource");
        }
        throw new ApiException(ErrorCode.NOT_FOUND, "Requested endpoint is not valid");
    }

    private static Map<String, String> bind(List<String> parts, List<String> segments) {
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            String s = segments.get(i);
            if (p.startsWith("{")) {
                if (s.isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), s);
            } else if (!p.equalsIgnoreCase(s)) {
                return null;
            }
        }
        return params;
    }
}
