import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one point to every device of DEVICES_FILE (lines "deviceId keyId secret"), each with its
 * own device key, at most CONCURRENCY requests in flight: a burst in which every device is heard
 * from once. Prints "written <n> failed <n> in <ms> ms".
 * Usage: java WriteOnce.java HOST PORT DEVICES_FILE PROPERTY BODY [CONCURRENCY]
 */
public class WriteOnce {
    public static void main(String[] a) throws Exception {
        String base = "http://" + a[0] + ":" + a[1] + "/v3/data/devices/";
        List<String[]> devices = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(a[2]))) {
            if (!line.isBlank()) {
                devices.add(line.trim().split("\\s+"));
            }
        }
        String property = a[3];
        String body = a[4];
        Semaphore inFlight = new Semaphore(a.length > 5 ? Integer.parseInt(a[5]) : 64);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong written = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (String[] d : devices) {
            String auth = Base64.getEncoder().encodeToString((d[1] + ":" + d[2]).getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + d[0] + "/properties/" + property))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Basic " + auth)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            inFlight.acquireUninterruptibly();
            all.add(http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                (e == null && r.statusCode() == 200 ? written : failed).incrementAndGet();
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        System.out.printf("written %d failed %d in %d ms%n", written.get(), failed.get(), (System.nanoTime() - start) / 1_000_000);
        System.exit(0);
    }
}
