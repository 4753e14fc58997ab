package dev.steadfast.demo;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.RateLimiterHandle;
import dev.steadfast.RateLimiterStats;
import dev.steadfast.RateLimiters;
import dev.steadfast.demo.Timeline.Outcome;
import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The demo with {@code --nodes n}: {@code n} instances of the client in this JVM, each its own Weld container and
 * Steadfast, as the instances of one application behind a load balancer. They call the same flaky service, share the
 * partner's quota ({@link FleetQuoteClient#QUOTA}, {@code CLUSTER}) and the breaker {@value QuoteClient#BREAKER}
 * ({@code CLUSTER}, by quorum), through Hazelcast members or a {@code redis-server} that the demo starts itself.
 */
final class FleetRun {

    /** One node's record once the run is over: its timeline and what its quota and its client counted. */
    record Node(String id, Timeline timeline, RateLimiterStats quota, long reachedService,
            long rejectedByBulkhead, long rateLimitedEvents, Map<Long, Long> reachedByWindow,
            Map<Long, Long> surelyInWindow) {

        /** Attempts that asked the fleet's quota for a permit on this node. */
        long quotaAttempted() {
            return quota.attemptedCalls();
        }

        /**
         * Whether every permit is accounted for: each admitted attempt reached the service or was turned away by the
         * bulkhead behind the limiter, and each rejection was seen as a {@link CallRejected} event.
         */
        boolean quotaAccounted() {
            return quota.admittedCalls() == reachedService + rejectedByBulkhead
                    && quota.rejectedCalls() == rateLimitedEvents;
        }
    }

    /** The run: each node's record, the quota per window and the window's length. */
    record Result(List<Node> nodes, int quota, long windowMillis) {

        long unaccounted() {
            return nodes.stream().mapToLong(n -> n.timeline().unaccounted()).sum();
        }

        /** Attempts that reached the service from any node, by the quota's window they entered it in. */
        Map<Long, Long> fleetReachedByWindow() {
            Map<Long, Long> sum = new TreeMap<>();
            for (Node n : nodes) {
                n.reachedByWindow().forEach((w, c) -> sum.merge(w, c, Long::sum));
            }
            return sum;
        }

        /** Of {@link #fleetReachedByWindow()}, those surely admitted in that window (see FleetQuoteClient). */
        Map<Long, Long> fleetSurelyInWindow() {
            Map<Long, Long> sum = new TreeMap<>();
            for (Node n : nodes) {
                n.surelyInWindow().forEach((w, c) -> sum.merge(w, c, Long::sum));
            }
            return sum;
        }

        long busiestWindow() {
            return fleetReachedByWindow().values().stream().mapToLong(Long::longValue).max().orElse(0);
        }

        boolean allAccounted() {
            return unaccounted() == 0 && nodes.stream().allMatch(Node::quotaAccounted);
        }
    }

    private FleetRun() {
    }

    /** Plays the scenario with {@code options.nodes()} nodes and returns their records once every client stopped. */
    static Result run(Main.Options options, PrintStream out) throws Exception {
        String application = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        List<Member> members = new ArrayList<>();
        try (FleetBackend backend = FleetBackend.start(options.cluster(), options.nodes());
             FlakyServer server = FlakyServer.start()) {
            for (int i = 0; i < options.nodes(); i++) {
                members.add(new Member("node-" + (i + 1), application, backend.configOf(i)));
            }
            RateLimiterHandle quota = members.get(0).limiter();
            out.printf("Quote service on %s; %d nodes on %s, %d clients each, for %d s; fleet quota %d per %s;"
                            + " scenario %s%n", server.uri(), members.size(), backend.describe(), options.clients(),
                    options.durationSeconds(), quota.limit(), quota.window(), options.scenario());
            List<LoadDriver> drivers = new ArrayList<>();
            for (Member m : members) {
                m.client.connectTo(server.uri());
                m.client.countByWindowOf(quota.window().toMillis());
                drivers.add(new LoadDriver(options.scenario(), server, m.client, m.timeline, options.clients(),
                        drivers.isEmpty()));
            }
            for (LoadDriver d : drivers) {
                d.warmUp();
            }
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i < drivers.size(); i++) {
                LoadDriver d = drivers.get(i);
                Thread t = new Thread(() -> {
                    try {
                        d.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, members.get(i).id + "-driver");
                t.start();
                threads.add(t);
            }
            Member first = members.get(0);
            try (TerminalView view = new TerminalView(first.timeline,
                    first.container.select(CircuitBreakers.class).get().get(QuoteClient.BREAKER),
                    options.durationSeconds(), out, false)) {
                out.printf("Live: %s (the others run alongside; the summary shows every node)%n", first.id);
                view.start();
                drivers.get(0).run();
            }
            for (Thread t : threads) {
                t.join();
            }
            List<Node> nodes = new ArrayList<>();
            for (Member m : members) {
                nodes.add(m.record());
            }
            return new Result(nodes, quota.limit(), quota.window().toMillis());
        } finally {
            for (Member m : members) {
                m.close();
            }
        }
    }

    static void printSummary(Main.Options options, Result result, PrintStream out) {
        out.printf("%nSteadfast demo: %d s, %d nodes x %d clients on %s, scenario %s%n%n", options.durationSeconds(),
                result.nodes().size(), options.clients(), options.cluster(), options.scenario());
        out.printf("  %-9s%8s%10s%10s%10s%8s%10s%12s%10s%10s%n", "node", "sent", "succeeded", "fell back",
                "rejected", "failed", "accounted", "quota asked", "admitted", "rejected");
        long[] total = new long[9];
        for (Node n : result.nodes()) {
            long[] row = row(n);
            line(out, n.id(), row, n.timeline().unaccounted() == 0 && n.quotaAccounted());
            for (int i = 0; i < row.length; i++) {
                total[i] += row[i];
            }
        }
        line(out, "fleet", total, result.allAccounted());
        out.printf("%n  every request accounted for on every node (sent = succeeded + fell back + rejected + failed),"
                + "%n  and every quota permit (asked = admitted + rejected; admitted = reached the service or"
                + " bulkhead-full;%n  rejected = rate-limit rejections seen): %s%n",
                result.allAccounted() ? "OK" : "NO");
        out.printf("  fleet quota %d per %d ms: in the busiest window, %d attempts reached the service from all"
                + " nodes%n", result.quota(), result.windowMillis(), result.busiestWindow());
    }

    /** sent, succeeded, fell back, rejected, failed, accounted, quota asked, admitted, rejected. */
    private static long[] row(Node n) {
        Timeline t = n.timeline();
        return new long[] {t.sent(), t.count(Outcome.SUCCEEDED), t.count(Outcome.FELL_BACK),
                t.count(Outcome.REJECTED), t.count(Outcome.FAILED), t.sent() - t.unaccounted(), n.quotaAttempted(),
                n.quota().admittedCalls(), n.quota().rejectedCalls()};
    }

    private static void line(PrintStream out, String name, long[] r, boolean ok) {
        out.printf(Locale.ROOT, "  %-9s%8d%10d%10d%10d%8d%10d%12d%10d%10d  %s%n", name, r[0], r[1], r[2], r[3], r[4],
                r[5], r[6], r[7], r[8], ok ? "OK" : "MISSING");
    }

    /** The fleet's table for the HTML report. */
    static String htmlTable(Result result) {
        StringBuilder h = new StringBuilder("<h2>The fleet</h2>\n<p>Fleet quota <code>")
                .append(FleetQuoteClient.QUOTA).append("</code>: ").append(result.quota()).append(" per ")
                .append(result.windowMillis()).append(" ms across all nodes; the busiest window reached the service ")
                .append(result.busiestWindow()).append(" times. Breaker <code>").append(QuoteClient.BREAKER)
                .append("</code> is shared by quorum.</p>\n<table>\n<tr><th>node</th><th>sent</th><th>succeeded</th>"
                        + "<th>fell back</th><th>rejected</th><th>failed</th><th>accounted for</th>"
                        + "<th>quota asked</th><th>admitted</th><th>rate-limited</th><th></th></tr>\n");
        long[] total = new long[9];
        for (Node n : result.nodes()) {
            long[] row = row(n);
            htmlRow(h, n.id(), row, n.timeline().unaccounted() == 0 && n.quotaAccounted());
            for (int i = 0; i < row.length; i++) {
                total[i] += row[i];
            }
        }
        htmlRow(h, "fleet", total, result.allAccounted());
        return h.append("</table>\n").toString();
    }

    private static void htmlRow(StringBuilder h, String name, long[] r, boolean ok) {
        h.append("<tr><td>").append(HtmlReport.escape(name)).append("</td>");
        for (long v : r) {
            h.append("<td class=\"n\">").append(v).append("</td>");
        }
        h.append("<td>").append(ok ? "OK" : "MISSING").append("</td></tr>\n");
    }

    static Map<String, Timeline> timelines(Result result) {
        Map<String, Timeline> byNode = new LinkedHashMap<>();
        result.nodes().forEach(n -> byNode.put(n.id(), n.timeline()));
        return byNode;
    }

    /** One node: its own Weld container with its own MicroProfile Config (member id, backend). */
    private static final class Member implements AutoCloseable {
        final String id;
        final SmallRyeConfig config;
        final WeldContainer container;
        final FleetQuoteClient client;
        final Timeline timeline;

        Member(String id, String application, Map<String, String> backend) {
            this.id = id;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            try {
                resolver.releaseConfig(resolver.getConfig(loader));
            } catch (IllegalStateException none) {
                // nothing registered yet
            }
            Map<String, String> keys = new HashMap<>(backend);
            keys.put("steadfast.cluster.member-id", id);
            keys.put("steadfast.cluster.application", application);
            // The thresholds of QuoteClient#fetch (the file, and -D keys above it) apply to FleetQuoteClient#fetch:
            // a node has no QuoteClient, and strict config would refuse its keys as naming no guarded method.
            config = new SmallRyeConfigBuilder().forClassLoader(loader)
                    .withSources(new PropertiesConfigSource(renamed(fileKeys(loader)), "demo file for " + id, 100))
                    .withSources(new PropertiesConfigSource(keys, "demo fleet " + id, 350))
                    .withSources(new PropertiesConfigSource(renamed(systemKeys()), "-D for " + id, 400)).build();
            resolver.registerConfig(config, loader);
            // Discovery off and the beans named, as for the single instance (see Main.run).
            container = new Weld("steadfast-demo-" + id).disableDiscovery()
                    .addBeanClasses(FleetQuoteClient.class, Timeline.class)
                    .addExtension(new SteadfastExtension()).initialize();
            client = container.select(FleetQuoteClient.class).get();
            timeline = container.select(Timeline.class).get();
        }

        private static final String SINGLE = "\"" + QuoteClient.class.getName() + "/";
        private static final String FLEET = "\"" + FleetQuoteClient.class.getName() + "/";

        private static Map<String, String> renamed(Map<String, String> keys) {
            Map<String, String> renamed = new HashMap<>();
            keys.forEach((k, v) -> renamed.put(k.replace(SINGLE, FLEET), v));
            return renamed;
        }

        private static Map<String, String> fileKeys(ClassLoader loader) {
            Properties file = new Properties();
            try (InputStream in = loader.getResourceAsStream("META-INF/microprofile-config.properties")) {
                if (in != null) {
                    file.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read META-INF/microprofile-config.properties", e);
            }
            Map<String, String> keys = new HashMap<>();
            file.stringPropertyNames().forEach(k -> keys.put(k, file.getProperty(k)));
            return keys;
        }

        private static Map<String, String> systemKeys() {
            Map<String, String> keys = new HashMap<>();
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("steadfast."))
                    .forEach(k -> keys.put(k, System.getProperty(k)));
            return keys;
        }

        RateLimiterHandle limiter() {
            return container.select(RateLimiters.class).get().get(FleetQuoteClient.QUOTA);
        }

        Node record() {
            return new Node(id, timeline, limiter().stats(), client.reached(),
                    timeline.rejections(CallRejected.Reason.BULKHEAD_FULL),
                    timeline.rejections(CallRejected.Reason.RATE_LIMITED), client.reachedByWindow(),
                    client.surelyInWindow());
        }

        @Override
        public void close() {
            try {
                container.shutdown();
            } finally {
                ConfigProviderResolver.instance().releaseConfig(config);
            }
        }
    }
}
