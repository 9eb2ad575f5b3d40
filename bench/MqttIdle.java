import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens one idle MQTT 3.1.1 connection per line of DEVICES_FILE ("clientId username password"),
 * spreading them over loopback source addresses 127.0.0.2, .3, ... (20,000 each) so that 100,000
 * connections fit the ephemeral port range; prints "connected <n> failed <m> in <ms> ms", then keeps
 * them open until a line arrives on stdin, and exits.
 * Usage: java -cp <hivemq-mqtt-client classpath> MqttIdle.java HOST PORT DEVICES_FILE
 */
public class MqttIdle {
    public static void main(String[] a) throws Exception {
        String host = a[0];
        int port = Integer.parseInt(a[1]);
        List<String[]> devices = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(a[2]))) {
            if (!line.isBlank()) {
                devices.add(line.trim().split("\\s+"));
            }
        }
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Semaphore connecting = new Semaphore(500);
        List<Mqtt3AsyncClient> clients = new ArrayList<>(devices.size());
        List<CompletableFuture<?>> all = new ArrayList<>(devices.size());
        long start = System.nanoTime();
        for (int i = 0; i < devices.size(); i++) {
            String[] d = devices.get(i);
            String source = "127.0.0." + (2 + i / 20_000);
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier(d[0])
                    .serverHost(host).serverPort(port)
                    .transportConfig().localAddress(new InetSocketAddress(source, 0)).applyTransportConfig()
                    .buildAsync();
            clients.add(c);
            connecting.acquireUninterruptibly();
            all.add(c.connectWith().keepAlive(300).simpleAuth().username(d[1]).password(d[2].getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send()
                    .whenComplete((r, e) -> {
                        (e == null ? ok : failed).incrementAndGet();
                        connecting.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((r, e) -> null).get(900, TimeUnit.SECONDS);
        System.out.printf("connected %d failed %d in %d ms%n", ok.get(), failed.get(), (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        System.in.read();
        System.exit(0);
    }
}
