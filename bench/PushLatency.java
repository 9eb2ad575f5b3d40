import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Push latency: devices (lines "clientId keyId secret" of DEVICES_FILE) subscribe to their
 * in-topics; an external client writes a public 'setpoint' over REST at RATE writes/s for SECONDS;
 * each value is a sequence number, so the time from sending the write to the device receiving the
 * push is known per message. Prints "sent n received m p50 x ms p99 y ms max z ms".
 * A warm-up of WARMUP seconds at the same rate runs first and is not counted.
 * Usage: java -cp <hivemq-mqtt-client classpath> PushLatency.java HOST HTTP_PORT MQTT_PORT DEVICES_FILE KEYID:SECRET RATE SECONDS [WARMUP]
 */
public class PushLatency {
    /** Reads one HTTP/1.1 response with a Content-Length body. */
    static void readResponse(InputStream in) throws java.io.IOException {
        int contentLength = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException();
            }
            if (c == '\n') {
                String l = line.toString().trim();
                line.setLength(0);
                if (l.isEmpty()) {
                    break;
                }
                if (l.toLowerCase().startsWith("content-length:")) {
                    contentLength = Integer.parseInt(l.substring(15).trim());
                }
            } else {
                line.append((char) c);
            }
        }
        in.readNBytes(contentLength);
    }

    public static void main(String[] a) throws Exception {
        String host = a[0];
        int httpPort = Integer.parseInt(a[1]);
        int mqttPort = Integer.parseInt(a[2]);
        List<String[]> devices = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(a[3]))) {
            if (!line.isBlank()) {
                devices.add(line.trim().split("\\s+"));
            }
        }
        String auth = "Basic " + Base64.getEncoder().encodeToString(a[4].getBytes(StandardCharsets.UTF_8));
        int rate = Integer.parseInt(a[5]);
        int seconds = Integer.parseInt(a[6]);
        int total = rate * seconds;
        AtomicLongArray sentAt = new AtomicLongArray(total);
        AtomicLongArray latency = new AtomicLongArray(total);
        AtomicInteger received = new AtomicInteger();
        for (String[] d : devices) {
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(d[0]).serverHost(host).serverPort(mqttPort).buildAsync();
            c.connectWith().simpleAuth().username(d[1]).password(d[2].getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().get(30, TimeUnit.SECONDS);
            c.subscribeWith().topicFilter("connio/data/in/devices/" + d[0] + "/properties/#").qos(MqttQos.AT_MOST_ONCE).callback(p -> {
                long now = System.nanoTime();
                int seq = (int) Double.parseDouble(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8));
                if (seq >= 0 && seq < total && sentAt.get(seq) != 0) {
                    latency.set(seq, now - sentAt.get(seq));
                    received.incrementAndGet();
                }
            }).send().get(30, TimeUnit.SECONDS);
        }
        int warmup = a.length > 7 ? Integer.parseInt(a[7]) : 0;
        AtomicInteger sent = new AtomicInteger();
        if (warmup > 0) {
            // Not counted (values from `total` on are ignored by the devices): the JIT warms up.
            drive(host, httpPort, devices, auth, rate, total, rate * warmup, null, new AtomicInteger());
        }
        List<Thread> threads = drive(host, httpPort, devices, auth, rate, 0, total, sentAt, sent);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 10);
        while (received.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        for (Thread t : threads) {
            t.join(1000);
        }

        long[] lat = new long[received.get()];
        int j = 0;
        for (int i = 0; i < total && j < lat.length; i++) {
            if (latency.get(i) > 0) {
                lat[j++] = latency.get(i);
            }
        }
        lat = Arrays.copyOf(lat, j);
        Arrays.sort(lat);
        double p50 = lat.length == 0 ? 0 : lat[lat.length / 2] / 1e6;
        double p99 = lat.length == 0 ? 0 : lat[(int) Math.min(lat.length - 1, Math.floor(lat.length * 0.99))] / 1e6;
        double max = lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6;
        System.out.printf("sent %d received %d p50 %.1f ms p99 %.1f ms max %.1f ms%n", sent.get(), lat.length, p50, p99, max);
        System.exit(0);
    }

    /**
     * Paced senders, each with its own keep-alive HTTP/1.1 connection, writing values
     * {@code first .. first + count - 1} at {@code rate}/s (the JDK HttpClient queued requests in
     * the generator itself at these rates, which measured the client, not the server). With
     * {@code sentAt} null it waits for the senders (a warm-up); otherwise it returns them running.
     */
    static List<Thread> drive(String host, int httpPort, List<String[]> devices, String auth, int rate, int first, int count,
            AtomicLongArray sentAt, AtomicInteger sent) throws InterruptedException {
        int senders = Math.min(devices.size(), 50);
        long periodNanos = 1_000_000_000L * senders / rate;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            final int lane = t;
            threads.add(Thread.ofVirtual().start(() -> {
                try (Socket socket = new Socket(host, httpPort)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    // Lanes are staggered over the period: one write every 1/rate s, not all lanes at once.
                    long nextAt = start + lane * periodNanos / senders;
                    for (int i = lane; i < count; i += senders) {
                        int seq = first + i;
                        long wait = nextAt - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        nextAt += periodNanos;
                        String id = devices.get(seq % devices.size())[0];
                        String body = "{\"dps\":[{\"v\":" + seq + "}]}";
                        String req = "POST /v3/data/devices/" + id + "/properties/setpoint HTTP/1.1\r\nHost: " + host
                                + "\r\nAuthorization: " + auth + "\r\nContent-Type: application/json\r\nContent-Length: "
                                + body.length() + "\r\n\r\n" + body;
                        if (sentAt != null) {
                            sentAt.set(seq, System.nanoTime());
                        }
                        out.write(req.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        readResponse(in);
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    System.err.println("sender " + lane + ": " + e);
                }
            }));
        }
        if (sentAt == null) {
            for (Thread t : threads) {
                t.join();
            }
        }
        return threads;
    }
}
