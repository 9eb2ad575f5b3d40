import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Push latency: devices (lines "clientId keyId secret" of DEVICES_FILE) subscribe to their
 * in-topics; an external client writes a public 'setpoint' over REST at RATE writes/s for SECONDS;
 * each value is a sequence number, so the time from sending the write to the device receiving the
 * push is known per message. Prints "sent n received m p50 x ms p99 y ms max z ms".
 * Usage: java -cp <hivemq-mqtt-client classpath> PushLatency.java HOST HTTP_PORT MQTT_PORT DEVICES_FILE KEYID:SECRET RATE SECONDS
 */
public class PushLatency {
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
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        int perMs = Math.max(1, rate / 1000);
        tick.scheduleAtFixedRate(() -> {
            for (int k = 0; k < perMs; k++) {
                int seq = next.getAndIncrement();
                if (seq >= total) {
                    return;
                }
                String id = devices.get(seq % devices.size())[0];
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + "/v3/data/devices/" + id + "/properties/setpoint"))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"dps\":[{\"v\":" + seq + "}]}")).build();
                sentAt.set(seq, System.nanoTime());
                http.sendAsync(req, HttpResponse.BodyHandlers.discarding());
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 10);
        while (received.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        tick.shutdownNow();
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
        System.out.printf("sent %d received %d p50 %.1f ms p99 %.1f ms max %.1f ms%n", Math.min(next.get(), total), lat.length, p50, p99, max);
        System.exit(0);
    }
}
