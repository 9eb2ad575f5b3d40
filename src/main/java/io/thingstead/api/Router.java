package io.thingstead.api;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
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

    private record Route(String method, String[] parts, Handler handler) {}

    record Match(Handler handler, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, Handler handler) {
        routes.add(new Route(method, template.substring(1).split("/"), handler));
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
                return new Match(r.handler(), params);
            }
        }
        if (pathKnown) {
            throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed on this resource");
        }
        throw new ApiException(ErrorCode.NOT_FOUND, "Requested endpoint is not valid");
    }

    private static Map<String, String> bind(String[] parts, List<String> segments) {
        if (parts.length != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
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
