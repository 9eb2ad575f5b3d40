package io.thingstead.api;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 packets written by hand, for what a client library refuses to send (a password
 * without a user name, a will it would not build) or to drop a connection without DISCONNECT.
 */
final class RawMqtt {
    /** DISCONNECT: the normal end of a session (its will is dropped). */
    static final byte[] DISCONNECT = {(byte) 0xE0, 0};

    private RawMqtt() {}

    /** A will of a raw CONNECT. */
    record Will(String topic, String payload, int qos, boolean retain) {}

    /** A clean-session CONNECT; a null user, password or will is left out (its flag unset). */
    static byte[] connect(String clientId, String user, String password, Will will, int keepAliveSeconds) {
        try {
            var body = new ByteArrayOutputStream();
            var out = new DataOutputStream(body);
            out.writeShort(4);
            out.writeBytes("MQTT");
            out.writeByte(4);
            int flags = 0x02;
            if (will != null) {
                flags |= 0x04 | will.qos() << 3 | (will.retain() ? 0x20 : 0);
            }
            flags |= (password != null ? 0x40 : 0) | (user != null ? 0x80 : 0);
            out.writeByte(flags);
            out.writeShort(keepAliveSeconds);
            string(out, clientId);
            if (will != null) {
                string(out, will.topic());
                string(out, will.payload());
            }
            if (user != null) {
                string(out, user);
            }
            if (password != null) {
                string(out, password);
            }
            return packet(0x10, body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a connection, sends the CONNECT and reads the CONNACK: its return code, or -1 when the
     * broker closed the connection instead. The socket stays open (the caller closes it).
     */
    static int connack(Socket socket, byte[] connect) throws IOException {
        socket.setSoTimeout(5000);
        socket.getOutputStream().write(connect);
        byte[] connack = socket.getInputStream().readNBytes(4);
        if (connack.length < 4 || connack[0] != 0x20) {
            return -1;
        }
        return connack[3];
    }

    /** A PUBLISH; QoS 1 and 2 carry {@code packetId}, {@code dup} sets the DUP flag. */
    static byte[] publish(String topic, String payload, int qos, int packetId, boolean dup) {
        try {
            var body = new ByteArrayOutputStream();
            var out = new DataOutputStream(body);
            string(out, topic);
            if (qos > 0) {
                out.writeShort(packetId);
            }
            out.write(payload.getBytes(StandardCharsets.UTF_8));
            return packet(0x30 | qos << 1 | (dup ? 0x08 : 0), body.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next packet the broker sends (fixed header, remaining length and body), or null when it
     * closes the connection first; throws on a read timeout.
     */
    static byte[] read(Socket socket) throws IOException {
        var in = socket.getInputStream();
        int type = in.read();
        if (type < 0) {
            return null;
        }
        var packet = new ByteArrayOutputStream();
        packet.write(type);
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.read();
            if (digit < 0) {
                return null;
            }
            packet.write(digit);
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            return null;
        }
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    /** The packet id of a PUBACK read by {@link #read}, or -1 when it is not a PUBACK. */
    static int pubackId(byte[] packet) {
        if (packet == null || (packet[0] & 0xF0) != 0x40) {
            return -1;
        }
        return (packet[2] & 0xFF) << 8 | packet[3] & 0xFF;
    }

    static Socket socket(int port) throws IOException {
        return new Socket("127.0.0.1", port);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    private static byte[] packet(int type, byte[] payload) {
        var packet = new ByteArrayOutputStream();
        packet.write(type);
        int len = payload.length;
        do {
            int digit = len % 128;
            len /= 128;
            packet.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        packet.writeBytes(payload);
        return packet.toByteArray();
    }
}
