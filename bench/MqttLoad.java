import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * MQTT QoS 1 load generator: one async MQTT 3.1.1 connection per line of DEVICES_FILE
 * ("clientId username password topic"; username "-" = anonymous), each publishing MESSAGES 1-point
 * messages with at most WINDOW unacknowledged at a time, after an uncounted warm-up round of WARMUP
 * messages each. Prints "acked <n> failed <n> in <ms> ms = <rate> msg/s" for the counted round.
 * Usage: java -cp <hivemq-mqtt-client classpath> MqttLoad.java HOST PORT DEVICES_FILE MESSAGES WINDOW [WARMUP]
 */
public class MqttLoad {
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    public static void main(String[] a) throws Exception {
        String host = a[0];
        int port = Integer.parseInt(a[1]);
        List<String[]> devices = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(a[2]))) {
            if (!line.isBlank()) {
                devices.add(line.trim().split("\\s+"));
            }
        }
        int messages = Integer.parseInt(a[3]);
        int window = Integer.parseInt(a[4]);
        List<Mqtt3AsyncClient> clients = new ArrayList<>();
        for (String[] d : devices) {
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(d[0]).serverHost(host).serverPort(port).buildAsync();
            var connect = c.connectWith().keepAlive(25);
            if (!d[1].equals("-")) {
                connect.simpleAuth().username(d[1]).password(d[2].getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
            }
            connect.send().get(30, TimeUnit.SECONDS);
            clients.add(c);
        }
        int warmup = a.length > 5 ? Integer.parseInt(a[5]) : 0;
        if (warmup > 0) {
            // Not counted: the first messages also pay for the JIT compiling the server's hot path.
            round(clients, devices, warmup, window);
        }
        long start = System.nanoTime();
        long[] result = round(clients, devices, messages, window);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("acked %d failed %d in %d ms = %.0f msg/s%n", result[0], result[1], ms, result[0] * 1000.0 / Math.max(1, ms));
        for (Mqtt3AsyncClient c : clients) {
            c.disconnect().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** Every connection publishes {@code messages} with at most {@code window} in flight; returns {acked, failed}. */
    private static long[] round(List<Mqtt3AsyncClient> clients, List<String[]> devices, int messages, int window) throws Exception {
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Mqtt3AsyncClient c = clients.get(i);
            String topic = devices.get(i)[3];
            CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
                Semaphore inFlight = new Semaphore(window);
                for (int m = 0; m < messages; m++) {
                    inFlight.acquireUninterruptibly();
                    byte[] payload = String.valueOf(20 + (m % 100) / 10.0).getBytes(StandardCharsets.UTF_8);
                    c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send().whenComplete((r, e) -> {
                        (e == null ? acked : failed).incrementAndGet();
                        inFlight.release();
                    });
                }
                inFlight.acquireUninterruptibly(window);
            }, POOL);
            done.add(f);
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
        return new long[] {acked.get(), failed.get()};
    }
}
