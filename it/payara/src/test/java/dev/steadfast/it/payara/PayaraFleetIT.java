package dev.steadfast.it.payara;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two Payara Micro instances clustered over loopback by their own Hazelcast (TCP/IP join on 127.0.0.1, multicast
 * off), each serving the fleet WAR: one method under {@code @RateLimit(name = "fleet-quota", value = 40, scope =
 * CLUSTER)} with {@code steadfast-hazelcast} on the server's instance (JNDI {@code payara/Hazelcast}). Both are
 * driven at once, far above the quota; the fleet's admissions per one-second window must stay at or under 40 and
 * reach at least 95% of it, and every call must be either admitted or rejected.
 */
class PayaraFleetIT {

    /** {@code PartnerApi.QUOTA} in the fleet WAR. */
    private static final int QUOTA = 40;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(90);
    /** Full one-second windows driven; the first and last, partly driven, are checked only against the quota. */
    private static final int WINDOWS = 8;
    private static final int THREADS_PER_INSTANCE = 2;
    /** About 500 attempts per second per thread: 2000/s for the fleet, 50 times the quota. */
    private static final long PAUSE_MICROS = 2000;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final List<PayaraMicro> members = new ArrayList<>();

    @BeforeAll
    static void startTwoClusteredInstances() throws Exception {
        Path dir = Path.of(System.getProperty("payara.dir"));
        int first = PayaraMicro.freePort();
        int second = PayaraMicro.freePort();
        String addresses = "127.0.0.1:" + first + ",127.0.0.1:" + second;
        List<Path> libraries = List.of(dir.resolve("fleet-libs/steadfast-api.jar"),
                dir.resolve("fleet-libs/steadfast-hazelcast.jar"));
        String clusterName = "steadfast-fleet-it-" + ThreadLocalRandom.current().nextInt(1_000_000);
        // both boot at once: the second member joins the first whichever is ready first (TCP/IP join both ways)
        CompletableFuture<PayaraMicro> a = CompletableFuture.supplyAsync(() -> start(dir, "fleet-a", clusterName,
                first, addresses, libraries));
        CompletableFuture<PayaraMicro> b = CompletableFuture.supplyAsync(() -> start(dir, "fleet-b", clusterName,
                second, addresses, libraries));
        try {
            members.add(a.join());
        } finally {
            members.add(b.join());
        }
    }

    private static PayaraMicro start(Path dir, String name, String clusterName, int port, String addresses,
                                     List<Path> libraries) {
        try {
            return PayaraMicro.startClusterMember(dir, name, "steadfast-fleet.war", "steadfast-fleet", clusterName,
                    port, addresses, libraries);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopInstances() {
        members.forEach(PayaraMicro::stop);
    }

    @Test
    void twoInstancesShareOneClusterQuotaExactly() throws Exception {
        awaitTwoConnectedMembers();

        long start = (System.currentTimeMillis() / 1000 + 2) * 1000;
        long until = start + WINDOWS * 1000L + 500;
        List<CompletableFuture<HttpResponse<String>>> drives = new ArrayList<>();
        for (PayaraMicro member : members) {
            // each instance waits for nothing: it starts at once and stops at 'until'; windows before 'start' are
            // the warm-up and count only against the quota
            drives.add(HTTP.sendAsync(HttpRequest.newBuilder(member.base().resolve("fleet/drive?threads="
                            + THREADS_PER_INSTANCE + "&untilMillis=" + until + "&pauseMicros=" + PAUSE_MICROS))
                    .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        Map<Long, Long> fleet = new TreeMap<>();
        Map<Long, Long> edges = new TreeMap<>();
        long straddled = 0;
        long admittedAll = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < drives.size(); i++) {
            HttpResponse<String> answer = drives.get(i).join();
            assertEquals(200, answer.statusCode(), answer.body());
            Map<String, Long> counts = parse(answer.body());
            long attempted = counts.get("attempted");
            long admitted = counts.get("admitted");
            long rejected = counts.get("rejected");
            assertEquals(0, counts.get("other"), "calls that ended neither admitted nor rejected: " + answer.body());
            assertEquals(attempted, admitted + rejected, "every call is admitted or rejected: " + answer.body());
            assertTrue(admitted > 0 && rejected > 0, "both admitted and rejected some: " + answer.body());
            straddled += counts.get("straddled");
            admittedAll += admitted;
            counts.forEach((key, n) -> {
                if (key.startsWith("window.")) {
                    fleet.merge(Long.parseLong(key.substring("window.".length())), n, Long::sum);
                } else if (key.startsWith("edge.")) {
                    edges.merge(Long.parseLong(key.substring("edge.".length())), n, Long::sum);
                }
            });
            report.append("instance ").append(i).append(": attempted=").append(attempted).append(" admitted=")
                    .append(admitted).append(" rejected=").append(rejected).append('\n');
        }
        report.append("fleet per window: ").append(fleet).append(", at the edges: ").append(edges)
                .append(", straddled: ").append(straddled);
        System.out.println(report);

        // Admissions within 50 µs of an edge are not attributed (the limiter and the resource read the wall clock
        // each their own way): they count for no window's upper bound, and for the lower bound of the window they
        // began in; so few that they cannot hide a window's overshoot.
        fleet.forEach((window, admitted) -> assertTrue(admitted <= QUOTA,
                "window " + window + " admitted " + admitted + " > " + QUOTA + "\n" + report));
        for (long window = start / 1000; window < start / 1000 + WINDOWS; window++) {
            long admitted = fleet.getOrDefault(window, 0L) + edges.getOrDefault(window, 0L);
            assertTrue(admitted >= Math.ceil(0.95 * QUOTA),
                    "window " + window + " admitted " + admitted + " < 95% of " + QUOTA + "\n" + report);
        }
        assertTrue(straddled <= Math.max(2, admittedAll / 50),
                "admissions at the windows' edges: " + straddled + " of " + admittedAll + "\n" + report);
    }

    /** Until each instance's Hazelcast sees 2 members and its limiter is CONNECTED to the fleet. */
    private static void awaitTwoConnectedMembers() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(JOIN_TIMEOUT);
        List<String> last = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            last.clear();
            boolean all = true;
            for (PayaraMicro member : members) {
                HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(member.base().resolve("fleet/status"))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                String body = status.body().strip();
                last.add(body.replace('\n', ' '));
                all &= status.statusCode() == 200 && body.contains("members=2") && body.contains("cluster=CONNECTED");
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        fail("the two instances did not form a connected fleet in " + JOIN_TIMEOUT.toSeconds() + " s: " + last
                + "; logs " + members.stream().map(PayaraMicro::log).toList());
    }

    private static Map<String, Long> parse(String body) {
        Map<String, Long> counts = new HashMap<>();
        body.lines().filter(line -> line.contains("=")).forEach(line -> {
            int eq = line.indexOf('=');
            counts.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
        });
        return counts;
    }
}
