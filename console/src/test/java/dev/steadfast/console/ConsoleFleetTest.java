package dev.steadfast.console;

import dev.steadfast.CircuitState;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.console.app.Backend;
import dev.steadfast.console.app.FleetBackend;
import dev.steadfast.console.support.EmbeddedConsole;
import dev.steadfast.console.support.Http;
import dev.steadfast.console.support.MemoryCluster;
import dev.steadfast.spi.cluster.BreakerSummary;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot's fleet part, with the tests' in-memory cluster backend ({@link MemoryCluster}, found through
 * {@code META-INF/services}): this application is member {@code node-1}; the test plays {@code node-2} and
 * {@code node-3}, publishing their windows and leasing from the quota as their exchanges would.
 */
class ConsoleFleetTest {

    /** The members' windows stay valid for four intervals: 4 s, far longer than a snapshot takes. */
    static final Map<String, String> FLEET = Map.of("steadfast.cluster.member-id", "node-1",
            "steadfast.cluster.interval", "1s");

    @BeforeEach
    void freshServer() {
        MemoryCluster.SERVER.reset();
    }

    /** What node-2 and node-3 publish: their recent windows of the fleet-wide breaker. */
    static void othersPublish() {
        long now = System.currentTimeMillis();
        MemoryCluster.SERVER.publishAs(new BreakerSummary(FleetBackend.BREAKER, "node-2", 12, 9, CircuitState.CLOSED,
                now, 4_000));
        MemoryCluster.SERVER.publishAs(new BreakerSummary(FleetBackend.BREAKER, "node-3", 7, 0, CircuitState.CLOSED,
                now, 4_000));
    }

    /** Snapshots until one passes {@code ready} (the exchange hears and refreshes within an interval), at most 10 s. */
    static JsonObject snapshotWhen(URI console, Predicate<JsonObject> ready) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonObject s = Http.snapshot(console);
        while (!ready.test(s)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the fleet view never got there: " + s);
            }
            Thread.sleep(200);
            othersPublish(); // the others keep publishing, as their exchanges do every interval
            s = Http.snapshot(console);
        }
        return s;
    }

    private static boolean hasMembers(JsonObject s, int n) {
        return s.containsKey("fleet") && s.getJsonObject("fleet").getJsonArray("breakers").size() == 1
                && s.getJsonObject("fleet").getJsonArray("breakers").getJsonObject(0).getJsonArray("members").size() == n;
    }

    @Test
    void theSnapshotShowsEveryMembersWindowOfAFleetBreakerAndTheQuota() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(FLEET, FleetBackend.class)) {
            FleetBackend backend = app.select(FleetBackend.class);
            // Another member leased 30 of the window's 100 before this one asked.
            long window = Math.floorDiv(System.currentTimeMillis(), 3_600_000L);
            MemoryCluster.SERVER.grantTo(FleetBackend.LIMIT, window, 30, FleetBackend.QUOTA);
            for (int i = 0; i < 3; i++) {
                assertThrows(IOException.class, () -> backend.charge(true));
            }
            backend.charge(false);
            // Leases arrive off the call path: a call that finds none yet is told to retry after one round trip.
            int admitted = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (admitted < 4 && System.nanoTime() - deadline < 0) {
                try {
                    backend.limited();
                    admitted++;
                } catch (RateLimitExceededException e) {
                    Thread.sleep(Math.min(20, Math.max(1, e.getRetryAfter().toMillis())));
                }
            }
            assertEquals(4, admitted);
            othersPublish();

            JsonObject s = snapshotWhen(app.root().resolve("steadfast/"), x -> hasMembers(x, 3)
                    && x.getJsonObject("fleet").getJsonArray("breakers").getJsonObject(0).getJsonArray("members")
                    .getJsonObject(0).getInt("calls") == 4
                    && x.getJsonObject("fleet").getJsonArray("rateLimits").size() == 1
                    && x.getJsonObject("fleet").getJsonArray("rateLimits").getJsonObject(0).getInt("used") == 4
                    && x.getJsonObject("fleet").getJsonArray("rateLimits").getJsonObject(0).getInt("fleetLeft") >= 0);

            JsonObject fleet = s.getJsonObject("fleet");
            assertEquals("node-1", fleet.getString("member"));
            JsonObject breaker = fleet.getJsonArray("breakers").getJsonObject(0);
            assertEquals(FleetBackend.BREAKER, breaker.getString("name"));
            assertEquals("CONNECTED", breaker.getString("status"));
            assertTrue(breaker.isNull("decision"), "no fleet decision yet: " + breaker);
            List<JsonObject> members = breaker.getJsonArray("members").getValuesAs(JsonObject.class);
            assertEquals(List.of("node-1", "node-2", "node-3"), members.stream().map(m -> m.getString("member")).toList());
            assertTrue(members.get(0).getBoolean("self"));
            assertFalse(members.get(1).getBoolean("self"));
            assertEquals(List.of(4, 12, 7), members.stream().map(m -> m.getInt("calls")).toList());
            assertEquals(List.of(3, 9, 0), members.stream().map(m -> m.getInt("failures")).toList());
            assertEquals(List.of("CLOSED", "CLOSED", "CLOSED"), members.stream().map(m -> m.getString("state")).toList());

            JsonObject quota = fleet.getJsonArray("rateLimits").getJsonObject(0);
            assertEquals(FleetBackend.LIMIT, quota.getString("name"));
            assertEquals("FIXED", quota.getString("type"));
            assertEquals("CONNECTED", quota.getString("status"));
            assertEquals(FleetBackend.QUOTA, quota.getInt("limit"));
            assertEquals(3_600_000, quota.getInt("windowMillis"));
            assertEquals(1, quota.getInt("members"), "the others are played without heartbeats");
            int leased = quota.getInt("leased");
            assertTrue(leased >= 4, "holds what it spent: " + quota);
            assertEquals(FleetBackend.QUOTA - 30 - leased, quota.getInt("fleetLeft"), quota.toString());
            assertEquals(30, quota.getInt("othersLeased"), quota.toString());
        }
    }

    @Test
    void aFleetDecisionShowsWithItsOrigin() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(FLEET, FleetBackend.class)) {
            app.select(dev.steadfast.CircuitBreakers.class).get(FleetBackend.BREAKER).forceOpen();
            othersPublish();
            JsonObject s = snapshotWhen(app.root().resolve("steadfast/"), x -> x.containsKey("fleet")
                    && !x.getJsonObject("fleet").getJsonArray("breakers").getJsonObject(0).isNull("decision"));
            JsonObject breaker = s.getJsonObject("fleet").getJsonArray("breakers").getJsonObject(0);
            assertEquals("FORCED_OPEN", breaker.getString("decision"));
            assertEquals("node-1", breaker.getString("origin"));
            assertTrue(breaker.getJsonNumber("decidedAt").longValue() > 0);

            try (Http.EventStream stream = Http.stream(app.root().resolve("steadfast/stream"))) {
                JsonObject streamed = stream.nextSnapshot().getJsonObject("fleet");
                assertEquals("node-1", streamed.getString("member"), "the stream carries the fleet part too");
                assertEquals("FORCED_OPEN", streamed.getJsonArray("breakers").getJsonObject(0).getString("decision"));
            }
        }
    }

    @Test
    void withoutFleetWidePoliciesOrWithTheClusterOffThereIsNoFleetPart() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            assertFalse(Http.snapshot(app.root().resolve("steadfast/")).containsKey("fleet"));
        }
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of("steadfast.cluster.enabled", "false"),
                FleetBackend.class)) {
            app.select(FleetBackend.class).limited();
            JsonObject s = Http.snapshot(app.root().resolve("steadfast/"));
            assertFalse(s.containsKey("fleet"), s.toString());
            assertTrue(s.getJsonArray("breakers").getValuesAs(JsonObject.class).stream()
                    .anyMatch(b -> b.getString("name").equals(FleetBackend.BREAKER)), "the breaker runs locally");
        }
    }
}
