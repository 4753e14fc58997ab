package dev.steadfast.redis;

import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.cluster.ClusterSettings;
import dev.steadfast.engine.cluster.ClusterSetup;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member of the multi-process run ({@code redis/scripts/three-processes.sh}) and its report. As a member
 * ({@code member <uri> <application> <id> <quota> <seconds> <out-file>}): an engine joining the fleet through the
 * backend found on the classpath, four threads calling a {@code CLUSTER} {@code FIXED} quota, each admitted call
 * written to the file at once (wall-clock epoch nanoseconds before and after it), so that a member killed with {@code kill -9}
 * leaves every admission it made. As the report ({@code report <quota> <file>...}): admissions per window across the
 * files, and whether any window admitted more than the quota.
 */
public final class FleetProcess {

    private static final long SECOND = 1_000_000_000L;

    private FleetProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 7 && args[0].equals("member")) {
            member(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Paths.get(args[6]));
        } else if (args.length >= 3 && args[0].equals("report")) {
            List<Path> files = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                files.add(Paths.get(args[i]));
            }
            System.exit(report(Integer.parseInt(args[1]), files) ? 0 : 1);
        } else {
            System.err.println("usage: member <uri> <application> <id> <quota> <seconds> <out-file>"
                    + " | report <quota> <file>...");
            System.exit(2);
        }
    }

    private static void member(String uri, String application, String id, int quota, int seconds, Path out)
            throws Exception {
        Engine engine = Engine.create(EngineListener.NONE);
        ClusterSettings settings = new ClusterSettings(true, null, application, id, Duration.ofMillis(250),
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(1), 1);
        engine.configureCluster(ClusterSetup.builder(settings)
                .config(key -> key.equals(RedisSettings.URI) ? Optional.of(uri) : Optional.empty()).build());
        Strategy<Object> chain = engine.build(GuardPolicy.builder("com.acme.Partner#call()").rateLimit("partner",
                new RateLimitPolicy(quota, SECOND, 0, RateLimitType.FIXED, Scope.CLUSTER)).build());
        while (engine.rateLimiters().get("partner").clusterStatus() != ClusterStatus.CONNECTED) {
            Thread.sleep(10);
        }
        AtomicLong attempts = new AtomicLong();
        AtomicLong admitted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * SECOND;
        try (FileOutputStream file = new FileOutputStream(out.toFile(), true)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() - end < 0) {
                        attempts.incrementAndGet();
                        long before = Hammer.wallNanos();
                        try {
                            chain.call(() -> "ok");
                            long after = Hammer.wallNanos();
                            admitted.incrementAndGet();
                            byte[] line = (before + " " + after + "\n").getBytes(StandardCharsets.US_ASCII);
                            synchronized (file) {
                                file.write(line); // unbuffered: a kill -9 loses nothing written
                            }
                        } catch (RateLimitExceededException e) {
                            rejected.incrementAndGet();
                            sleep1();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            sleep1();
                        }
                    }
                }, "caller-" + t);
                threads.add(thread);
                thread.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        System.out.println(id + ": attempted " + attempts + ", admitted " + admitted + ", rejected " + rejected
                + ", failed " + failed);
        engine.close();
        System.exit(failed.get() == 0 && attempts.get() == admitted.get() + rejected.get() ? 0 : 1);
    }

    private static void sleep1() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints admissions per window; false when a window's admissions, away from its edges, exceed the quota. */
    static boolean report(int quota, List<Path> files) throws IOException {
        Map<Long, Long> all = new TreeMap<>();
        Map<Long, Long> core = new TreeMap<>();
        List<Map<Long, Long>> byMember = new ArrayList<>();
        for (Path f : files) {
            Map<Long, Long> mine = new TreeMap<>();
            byMember.add(mine);
            for (String line : Files.readAllLines(f)) {
                String[] p = line.trim().split(" ");
                if (p.length != 2) {
                    continue; // the last line of a killed member may be cut
                }
                long before = Long.parseLong(p[0]);
                long after = Long.parseLong(p[1]);
                long w = Math.floorDiv(before, SECOND);
                all.merge(w, 1L, Long::sum);
                mine.merge(w, 1L, Long::sum);
                if (before >= w * SECOND + 2_000_000L && after < (w + 1) * SECOND - 2_000_000L) {
                    core.merge(w, 1L, Long::sum);
                }
                core.putIfAbsent(w, 0L);
            }
        }
        boolean exact = true;
        StringBuilder b = new StringBuilder("window  admitted  (more than 2 ms from an edge)  by member\n");
        long firstWindow = all.keySet().stream().findFirst().orElse(0L);
        for (Map.Entry<Long, Long> e : all.entrySet()) {
            long c = core.get(e.getKey());
            exact &= c <= quota;
            StringBuilder members = new StringBuilder();
            for (Map<Long, Long> mine : byMember) {
                members.append(members.length() == 0 ? "" : " + ").append(mine.getOrDefault(e.getKey(), 0L));
            }
            b.append(String.format("%6d  %8d  (%3d)  %s%s%n", e.getKey() - firstWindow, e.getValue(), c, members,
                    c > quota ? "  OVER THE QUOTA" : ""));
        }
        System.out.print(b);
        System.out.println(exact ? "quota held: no window admitted more than " + quota
                : "QUOTA EXCEEDED in some window");
        return exact;
    }
}
