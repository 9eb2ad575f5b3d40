package io.thingstead.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: {@code GET /health} without credentials, everything else under {@code /v3}. */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Platform platform;
    private final Router router = new Router();
    private final Router sysRouter = new Router();
    private volatile WebServer server;
    private volatile ReadDeadlines deadlines;

    public HttpApi(Platform platform) {
        this.platform = platform;
        new AccountsApi(platform).register(router, sysRouter);
        new UsersApi(platform).register(router);
        new ApiClientsApi(platform).register(router);
        new ProfilesApi(platform).register(router);
        new DevicesApi(platform).register(router);
        new IncidentsApi(platform).register(router);
        new AlertsApi(platform).register(router);
        new MethodsApi(platform).register(router);
        new MethodCallsApi(platform).register(router);
        new DataApi(platform, Json::publicTree).register(router);
    }

    /**
     * Starts listening; a port in use surfaces as an exception from here. An idle connection, or
     * one whose request does not arrive whole within {@code readTimeout}, is closed (README:
     * Security model).
     */
    public int start(String host, int port, Duration readTimeout) {
        deadlines = new ReadDeadlines(readTimeout);
        server = WebServer.builder()
                .host(host)
                .port(port)
                .shutdownHook(false)
                .idleConnectionTimeout(readTimeout)
                .idleConnectionPeriod(Duration.ofMillis(Math.clamp(readTimeout.toMillis() / 4, 50, 5000)))
                .errorHandling(e -> e.includeEntity(true))
                .directHandlers(FramingErrors.handlers(deadlines))
                .protocolsDiscoverServices(false)
                .protocols(List.of(Http1Config.builder()
                        .maxPrologueLength(HttpLimits.MAX_REQUEST_LINE)
                        .maxHeadersSize(HttpLimits.MAX_HEADERS)
                        .addReceiveListener(deadlines)
                        .addSendListener(deadlines)
                        .build()))
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
        if (deadlines != null) {
            deadlines.close();
        }
    }

    private void handle(ServerRequest req, ServerResponse res) {
        byte[] requestBody;
        try {
            requestBody = RequestBody.read(req);
        } catch (RequestBody.Refused e) {
            refuse(req, res, e);
            return;
        }
        if (!deadlines.arrived()) {
            throw new CloseConnectionException("The request did not arrive in time; it was answered 408");
        }
        int status;
        byte[] body;
        try {
            Object result = dispatch(req, requestBody);
            status = 200;
            body = Json.write(result);
        } catch (ApiException e) {
            status = Errors.statusCode(e.code());
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
        send(req, res, body);
    }

    /** A JSON answer; to HEAD without its body (the headers only), as HTTP/1.1 frames it. */
    private static void send(ServerRequest req, ServerResponse res, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (req.prologue().method().text().equals("HEAD")) {
            res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(body.length));
            res.send();
        } else {
            res.send(body);
        }
    }

    /**
     * A body that cannot be taken (too large, truncated, badly framed) is answered, logged in one
     * line, and its connection closed: what follows on it cannot be told apart from the body.
     */
    private void refuse(ServerRequest req, ServerResponse res, RequestBody.Refused e) {
        if (!deadlines.arrived()) {
            throw new CloseConnectionException("The request did not arrive in time; it was answered 408");
        }
        LOG.info(
                "Refused {} {} from {}: {} {}",
                req.prologue().method().text(),
                Printable.of(req.path().rawPath()),
                remoteIp(req),
                Errors.statusCode(e.code),
                e.getMessage());
        res.status(Errors.status(e.code));
        res.header(HeaderValues.CONNECTION_CLOSE);
        send(req, res, Errors.body(e.code, e.getMessage()));
        // Helidon 4.5 reads on after a Connection: close answer; ending the connection is explicit.
        throw new CloseConnectionException("Closed after refusing the body of a request");
    }

    private Object dispatch(ServerRequest req, byte[] body) {
        List<String> segments = RequestTarget.segments(req.path().rawPath());
        Map<String, List<String>> query = query(req);
        String method = req.prologue().method().text();
        List<String> override = query.get("_method");
        if ("POST".equals(method) && override != null && !override.isEmpty()) {
            method = override.get(0).toUpperCase(java.util.Locale.ROOT);
        }
        if (segments.size() == 1 && segments.get(0).equals("health")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "/health answers GET only");
            }
            Call.checkedQuery(query, Params.GLOBAL);
            return Map.of("status", "up");
        }
        if (segments.isEmpty() || !segments.get(0).equals("v3")) {
            throw new ApiException(ErrorCode.NOT_FOUND, "Requested endpoint is not valid");
        }
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
        Call call = new Call(
                principal,
                accountRef,
                m.params(),
                Call.checkedQuery(query, m.query()),
                body,
                platform.accounts(),
                remoteIp(req));
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

    /** Every name with all its values, decoded; a broken percent escape is a 400. */
    private static Map<String, List<String>> query(ServerRequest req) {
        Map<String, List<String>> out = new HashMap<>();
        try {
            var q = req.query();
            for (String name : q.names()) {
                out.put(name, q.all(name));
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.BAD_REQUEST, "The query string is not validly percent-encoded");
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
