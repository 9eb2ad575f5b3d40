package io.thingstead.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: {@code GET /health} without credentials, everything else under {@code /v3}. */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Bodies above 1 MiB are refused with 413. */
    public static final int MAX_BODY = 1024 * 1024;

    private final Platform platform;
    private final Router router = new Router();
    private final Router sysRouter = new Router();
    private volatile WebServer server;

    public HttpApi(Platform platform) {
        this.platform = platform;
        new AccountsApi(platform).register(router, sysRouter);
        new UsersApi(platform).register(router);
        new ApiClientsApi(platform).register(router);
        new ProfilesApi(platform).register(router);
        new DevicesApi(platform).register(router);
        new DataApi(platform, Json::publicTree).register(router);
    }

    /** Starts listening; a port in use surfaces as an exception from here. */
    public int start(String host, int port) {
        server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .routing(r -> r.any(this::handle))
                .build()
                .start();
        return server.port();
    }

    @Override
    public void close() {
        WebServer s = server;
        if (s != null) {
            s.stop();
        }
    }

    private void handle(ServerRequest req, ServerResponse res) {
        int status;
        byte[] body;
        try {
            Object result = dispatch(req);
            status = 200;
            body = Json.write(result);
        } catch (ApiException e) {
            status = e.code().status();
            body = Errors.body(e.code(), e.getMessage());
            if (status == 401) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Thingstead\"");
            }
        } catch (RuntimeException e) {
            LOG.error(
                    "Unexpected failure on {} {}",
                    req.prologue().method().text(),
                    req.path().path(),
                    e);
            status = 500;
            body = Errors.body(ErrorCode.INTERNAL, "The server failed to handle the request; it has been logged");
        }
        res.status(Status.create(status));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(body);
    }

    private Object dispatch(ServerRequest req) {
        List<String> segments = segments(req.path().rawPath());
        Map<String, String> query = query(req);
        String method = req.prologue().method().text();
        String override = query.get("_method");
        if ("POST".equals(method) && override != null) {
            method = override.toUpperCase(java.util.Locale.ROOT);
        }
        if (segments.size() == 1 && segments.get(0).equals("health")) {
            return Map.of("status", "up");
        }
        if (segments.isEmpty() || !segments.get(0).equals("v3")) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Requested endpoint is not valid");
        }
        byte[] body = readBody(req);
        Principal principal = authenticate(req);
        platform.access().requireEnabledKey(principal);
        List<String> rest = segments.subList(1, segments.size());
        Router target = router;
        String accountRef = "_this_";
        if (!rest.isEmpty() && rest.get(0).equals("sys")) {
            target = sysRouter;
            rest = rest.subList(1, rest.size());
        } else if (rest.size() >= 3 && rest.get(0).equals("accounts")) {
            accountRef = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        Router.Match m = target.match(method, rest);
        Call call = new Call(principal, accountRef, m.params(), query, body, platform.accounts(), remoteIp(req));
        return m.handler().handle(call);
    }

    private Principal authenticate(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ApiException(
                    ErrorCode.UNAUTHORIZED, "HTTP Basic credentials (API key id and secret) are required");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The Basic credentials are not valid Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "The Basic credentials must be keyId:secret");
        }
        return platform.keys().authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static byte[] readBody(ServerRequest req) {
        var length = req.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > MAX_BODY) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The body exceeds " + MAX_BODY + " bytes");
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            // With a Content-Length, one array of that size (readNBytes(MAX_BODY + 1) allocated
            // chunk buffers per request: a third of all allocation under single-point writes).
            byte[] bytes = length.isPresent() ? in.readNBytes((int) length.getAsLong()) : in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The body exceeds " + MAX_BODY + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The body cannot be read: " + e.getMessage());
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> query(ServerRequest req) {
        Map<String, String> out = new HashMap<>();
        var q = req.query();
        for (String name : q.names()) {
            List<String> all = q.all(name);
            out.put(name, all.isEmpty() ? "" : all.get(0));
        }
        return out;
    }

    private static String remoteIp(ServerRequest req) {
        var address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
