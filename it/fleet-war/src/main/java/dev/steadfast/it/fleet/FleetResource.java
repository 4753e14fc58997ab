package dev.steadfast.it.fleet;

import com.hazelcast.core.HazelcastInstance;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimiters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * What the fleet test reads and drives on each instance: {@code GET fleet/status} and {@code POST fleet/drive}.
 * Answers are plain text, one {@code key=value} per line, so the test needs no JSON library.
 */
@Path("fleet")
@ApplicationScoped
public class FleetResource {

    private static final long WINDOW_MICROS = 1_000_000;
    /** How near a window's edge an admission is not attributed to either side. */
    private static final long EDGE_MICROS = 50;

    @Inject
    PartnerApi partner;

    @Inject
    RateLimiters limiters;

    /** The wall clock in epoch microseconds (the JDK reads it to the microsecond on Linux). */
    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /**
     * {@code members=<Hazelcast members seen by the server's instance>} and {@code cluster=<the limiter's
     * ClusterStatus>}.
     */
    @GET
    @Path("status")
    @Produces(MediaType.TEXT_PLAIN)
    public String status() throws NamingException {
        HazelcastInstance hazelcast = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
        return "members=" + hazelcast.getCluster().getMembers().size() + "\n"
                + "cluster=" + limiters.get(PartnerApi.LIMITER).clusterStatus() + "\n";
    }

    /**
     * Calls the guarded method from {@code threads} threads, each pausing about {@code pauseMicros} between calls,
     * until the wall clock reaches {@code untilMillis} (epoch ms). Answers {@code attempted}, {@code admitted},
     * {@code rejected}, {@code other} (any other outcome), {@code window.<epoch second>=<admitted in it>},
     * {@code edge.<epoch second>=<admitted at its edges>} and {@code straddled} (the sum of the edges).
     *
     * <p>An admission counts in a window when the call began and ended inside it, at least {@value #EDGE_MICROS} µs
     * from its edges; else it counts at the edge of the window it began in. Why the margin: the limiter numbers
     * windows by its own reading of the wall clock (the monotonic clock plus an offset it measures to within a few
     * microseconds), and this resource by another; a call at the very edge can fall in different windows by the two.
     */
    @POST
    @Path("drive")
    @Produces(MediaType.TEXT_PLAIN)
    public String drive(@QueryParam("threads") int threads, @QueryParam("untilMillis") long untilMillis,
                        @QueryParam("pauseMicros") long pauseMicros) throws InterruptedException {
        LongAdder attempted = new LongAdder();
        LongAdder admitted = new LongAdder();
        LongAdder rejected = new LongAdder();
        LongAdder other = new LongAdder();
        LongAdder straddled = new LongAdder();
        Map<Long, AtomicLong> windows = new ConcurrentHashMap<>();
        Map<Long, AtomicLong> edges = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                while (System.currentTimeMillis() < untilMillis) {
                    long before = epochMicros();
                    attempted.increment();
                    try {
                        partner.call();
                        long after = epochMicros();
                        admitted.increment();
                        long window = Math.floorDiv(before, WINDOW_MICROS);
                        if (Math.floorDiv(before - EDGE_MICROS, WINDOW_MICROS) == window
                                && Math.floorDiv(after + EDGE_MICROS, WINDOW_MICROS) == window) {
                            windows.computeIfAbsent(window, w -> new AtomicLong()).incrementAndGet();
                        } else {
                            straddled.increment();
                            edges.computeIfAbsent(window, w -> new AtomicLong()).incrementAndGet();
                        }
                    } catch (RateLimitExceededException e) {
                        rejected.increment();
                    } catch (RuntimeException e) {
                        other.increment();
                    }
                    LockSupport.parkNanos(pauseMicros * 1000);
                }
            }, "fleet-driver-" + i);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        StringBuilder answer = new StringBuilder()
                .append("attempted=").append(attempted.sum()).append('\n')
                .append("admitted=").append(admitted.sum()).append('\n')
                .append("rejected=").append(rejected.sum()).append('\n')
                .append("other=").append(other.sum()).append('\n')
                .append("straddled=").append(straddled.sum()).append('\n');
        new TreeMap<>(windows).forEach((w, n) -> answer.append("window.").append(w).append('=').append(n.get())
                .append('\n'));
        new TreeMap<>(edges).forEach((w, n) -> answer.append("edge.").append(w).append('=').append(n.get())
                .append('\n'));
        return answer.toString();
    }
}
