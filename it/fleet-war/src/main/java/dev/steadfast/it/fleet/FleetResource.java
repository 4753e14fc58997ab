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

    private static final long WINDOW_MILLIS = 1000;

    @Inject
    PartnerApi partner;

    @Inject
    RateLimiters limiters;

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
     * {@code rejected}, {@code other} (any other outcome), {@code straddled} (admissions whose call began and ended
     * in different windows: not attributed to either) and {@code window.<epoch second>=<admitted in it>}.
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
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                while (System.currentTimeMillis() < untilMillis) {
                    long before = System.currentTimeMillis() / WINDOW_MILLIS;
                    attempted.increment();
                    try {
                        partner.call();
                        long after = System.currentTimeMillis() / WINDOW_MILLIS;
                        admitted.increment();
                        if (before == after) {
                            windows.computeIfAbsent(before, w -> new AtomicLong()).incrementAndGet();
                        } else {
                            straddled.increment();
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
        return answer.toString();
    }
}
