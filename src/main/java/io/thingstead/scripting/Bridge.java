package io.thingstead.scripting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The one door from a script to its {@link Host}: the prelude calls it with the built-in's name
 * and its arguments as JSON text, and gets JSON text back, {@code {"ok": ...}} or {@code
 * {"error": "..."}}. No host object ever reaches the script. One per context, pointed at the
 * host of the call running there.
 */
final class Bridge implements ProxyExecutable {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private Host host;
    private boolean outOfMemory;

    /** The host of the call now running in this bridge's context (one call at a time). */
    void serve(Host running) {
        this.host = running;
        this.outOfMemory = false;
    }

    /** Whether a built-in of the call ran out of memory: the call fails for it, whatever the script did. */
    boolean ranOutOfMemory() {
        return outOfMemory;
    }

    void release() {
        this.host = null;
    }

    @Override
    public Object execute(Value... arguments) {
        ObjectNode reply = NODES.objectNode();
        if (host == null) {
            reply.put("error", "no method call is running");
            return reply.toString();
        }
        try {
            String op = arguments[0].asString();
            ArrayNode args = (ArrayNode) MAPPER.readTree(arguments[1].asString());
            reply.set("ok", dispatch(op, args));
        } catch (HostException e) {
            reply.put("error", e.getMessage() == null ? "the built-in failed" : e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            reply.put("error", "internal error in a built-in");
        } catch (OutOfMemoryError e) {
            outOfMemory = true;
            reply.put("error", "out of memory in a built-in");
        }
        return reply.toString();
    }

    private JsonNode dispatch(String op, ArrayNode a) {
        return switch (op) {
            case "setProperty" -> host.setProperty(text(a, 0), a.get(1));
            case "getProperty" -> host.getProperty(text(a, 0));
            case "log" -> {
                host.log(text(a, 0), text(a, 1));
                yield NODES.nullNode();
            }
            case "readData" -> host.readData(text(a, 0), a.get(1));
            case "callOwnMethod" -> host.callOwnMethod(text(a, 0), a.get(1));
            case "findDevices" -> {
                ArrayNode ids = NODES.arrayNode();
                host.findDevices(a.get(0)).forEach(ids::add);
                yield ids;
            }
            case "executeDeviceMethod" -> host.executeDeviceMethod(text(a, 0), text(a, 1), a.get(2));
            case "setDeviceProperty" -> host.setDeviceProperty(text(a, 0), text(a, 1), a.get(2));
            case "getDeviceProperty" -> host.getDeviceProperty(text(a, 0), text(a, 1));
            default -> throw new HostException("no built-in named " + op);
        };
    }

    private static String text(ArrayNode args, int i) {
        return args.get(i).asText();
    }
}
