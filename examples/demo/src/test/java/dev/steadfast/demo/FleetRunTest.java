package dev.steadfast.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --nodes 3} for 6 seconds, on Hazelcast members in this JVM and on a {@code redis-server} the demo starts
 * (installed on this project's machines; {@code .ci/run} installs it): every request and every permit of the fleet's
 * quota is accounted for on each node, and the attempts that reached the service from all nodes together never
 * exceed the quota in any window.
 */
class FleetRunTest {

    private static final Logger ROOT_LOGGER = Logger.getLogger("");
    private static Level rootLevel;

    @BeforeAll
    static void quietLogs() {
        rootLevel = ROOT_LOGGER.getLevel();
        ROOT_LOGGER.setLevel(Level.WARNING);
    }

    @AfterAll
    static void restore() {
        ROOT_LOGGER.setLevel(rootLevel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hazelcast", "redis"})
    void threeNodesShareOneQuotaAndAccountForEveryRequest(String cluster) throws Exception {
        Main.Options options = Main.Options.parse("--nodes", "3", "--cluster", cluster, "--duration", "6",
                "--clients", "12", "--scenario", "healthy:1");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        FleetRun.Result result = FleetRun.run(options, new PrintStream(screen, true, StandardCharsets.UTF_8));

        assertEquals(3, result.nodes().size());
        for (FleetRun.Node n : result.nodes()) {
            assertTrue(n.timeline().sent() > 0, n.id() + " sent requests");
            assertEquals(0, n.timeline().unaccounted(), n.id() + ": every request has an outcome");
            assertEquals(n.quotaAttempted(), n.quota().admittedCalls() + n.quota().rejectedCalls());
            assertEquals(n.quota().admittedCalls(), n.reachedService() + n.rejectedByBulkhead(),
                    n.id() + ": every admitted attempt reached the service or the full bulkhead");
            assertEquals(n.quota().rejectedCalls(), n.rateLimitedEvents(),
                    n.id() + ": every rejection by the quota was reported");
        }
        // 36 clients ask for ~150 calls/s against 60/s: the quota is the bottleneck and rejects some on every node.
        long rejected = result.nodes().stream().mapToLong(n -> n.quota().rejectedCalls()).sum();
        assertTrue(rejected > 0, "the fleet asked for more than its quota");

        // A permit is taken microseconds before the method is entered, so an attempt that entered 50 ms or more into a
        // window surely had a permit of that window: those never exceed the quota. And all windows together never
        // hold more than the quota for each window the run touched.
        result.fleetSurelyInWindow().forEach((window, n) -> assertTrue(n <= result.quota(),
                "window " + window + ": " + n + " admitted, quota " + result.quota()));
        Map<Long, Long> byWindow = result.fleetReachedByWindow();
        long total = byWindow.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total <= (long) result.quota() * byWindow.size(),
                total + " attempts in " + byWindow.size() + " windows of " + result.quota());
        assertTrue(total >= byWindow.size() * (long) result.quota() / 2, "the quota is used: " + byWindow);

        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        FleetRun.printSummary(options, result, new PrintStream(summary, true, StandardCharsets.UTF_8));
        String text = summary.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("node-1") && text.contains("node-3") && text.contains("fleet"), text);
        assertTrue(text.contains("accounted for on every node"), text);
        String table = FleetRun.htmlTable(result);
        assertTrue(table.contains("<td>node-2</td>") && table.contains("<td>fleet</td>"), table);
    }

}
