import com.fasterxml.jackson.databind.node.DoubleNode;
import io.thingstead.events.EventStream;
import io.thingstead.ingest.Writer;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyType;
import io.thingstead.profiles.Retention;
import io.thingstead.storage.Database;
import io.thingstead.storage.SqlTimeSeries;
import io.thingstead.timeseries.DataPoint;
import io.thingstead.timeseries.LatestValues;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store writer alone, without HTTP: CONCURRENCY writers, each writing single points of its own
 * device and waiting for each to be durable (as a REST client does), through a Writer with each of
 * the LANES counts in turn (same process, same store, back to back), for SECONDS each after one
 * uncounted second. Prints "lanes <n> writes/s <rate>" per count.
 * Usage: java -cp <thingstead classpath> StoreLoad.java STORE DATA_DIR SECONDS CONCURRENCY LANES...
 */
public class StoreLoad {
    public static void main(String[] a) throws Exception {
        Database db = Database.open(a[0], Path.of(a[1]));
        SqlTimeSeries series = new SqlTimeSeries(db);
        int seconds = Integer.parseInt(a[2]);
        int concurrency = Integer.parseInt(a[3]);
        Property temp = new Property("_prp_21", "_acc_1", "_dpf_1", "temperature", null, PropertyType.NUMBER,
                Property.Access.PROTECTED, Property.Publish.NEVER, null, null, Retention.DEFAULT, null, List.of(),
                false, "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z");
        for (int i = 4; i < a.length; i++) {
            int lanes = Integer.parseInt(a[i]);
            Writer writer = new Writer(series, new LatestValues(), new EventStream(), InstantSource.system(), lanes);
            run(writer, temp, concurrency, 1);
            double rate = run(writer, temp, concurrency, seconds);
            writer.close();
            System.out.printf("lanes %d writes/s %.0f%n", lanes, rate);
        }
        series.close();
        db.close();
    }

    private static double run(Writer writer, Property temp, int concurrency, int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            String device = "_dev_" + (1000 + t);
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    DataPoint p = new DataPoint(device, temp.id(), System.currentTimeMillis(), DoubleNode.valueOf(21.5), null);
                    writer.submit(List.of(new Writer.Item(p, temp, true)), List.of()).join();
                    done.incrementAndGet();
                }
            }));
        }
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long n = done.get();
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        for (Thread t : threads) {
            t.join();
        }
        return rate;
    }
}
