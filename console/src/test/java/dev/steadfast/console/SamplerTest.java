package dev.steadfast.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitState;
import dev.steadfast.RateLimitType;
import dev.steadfast.StateTransition;
import dev.steadfast.console.ConsoleSource.BreakerSample;
import dev.steadfast.console.ConsoleSource.BulkheadSample;
import dev.steadfast.console.ConsoleSource.OperationSample;
import dev.steadfast.console.ConsoleSource.RateLimitSample;
import dev.steadfast.console.support.Http;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardedOperation.Policy;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Snapshots built from sources whose counters the test sets, on a clock the test moves. */
class SamplerTest {

    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000);

    /** A clock whose wall time follows the test's nanoseconds. */
    private final Clock wall = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return START.plusNanos(nanos.get());
        }
    };

    /** A source whose numbers the test sets. */
    private static final class FakeSource implements ConsoleSource {

        final String member;
        final List<OperationSample> operations = new ArrayList<>();
        final List<BreakerSample> breakers = new ArrayList<>();

        FakeSource(String member) {
            this.member = member;
        }

        @Override
        public String member() {
            return member;
        }

        @Override
        public List<OperationSample> operations() {
            return operations;
        }

        @Override
        public List<BreakerSample> breakers() {
            return breakers;
        }
    }

    private static long[] outcomes(long success, long failure) {
        long[] o = new long[CallOutcome.values().length];
        o[CallOutcome.SUCCESS.ordinal()] = success;
        o[CallOutcome.FAILURE.ordinal()] = failure;
        return o;
    }

    private static long[] latency(long count, long nanos) {
        long[] l = new long[ConsoleSource.LATENCY_BUCKETS];
        l[LatencyHistogram.bucket(nanos)] = count;
        return l;
    }

    private static OperationSample op(String method, String breaker, long success, long failure, long nanosEach) {
        return new OperationSample(method, Set.of(Policy.RETRY), breaker, outcomes(success, failure), 0,
                latency(success + failure, nanosEach), null, null);
    }

    private static BreakerSample breaker(String name, CircuitState state) {
        return new BreakerSample(name, state, START, state == CircuitState.OPEN ? Duration.ofSeconds(3) : null,
                new CircuitBreakerStats(10, 5, 5, 0, 1), List.of());
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static JsonObject parse(Snapshot s) {
        return Http.json(s.json());
    }

    private static JsonObject operation(JsonObject snapshot, String method) {
        return snapshot.getJsonArray("operations").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("method").equals(method)).findFirst().orElseThrow();
    }

    @Test
    void ratesAndTheHistoryComeFromTheDifferencesBetweenSamples() {
        FakeSource source = new FakeSource("local");
        Sampler sampler = new Sampler(List.of(source), nanos::get, wall);
        source.operations.add(op("A#a()", null, 100, 0, 2_000_000));

        JsonObject first = parse(sampler.snapshot());
        assertTrue(operation(first, "A#a()").isNull("callsPerSecond"), "no rate from one sample");

        for (int second = 1; second <= 3; second++) {
            advance(Duration.ofSeconds(1));
            source.operations.set(0, op("A#a()", null, 100 + 50L * second, 0, 2_000_000));
            sampler.snapshot();
        }
        advance(Duration.ofSeconds(1));
        source.operations.set(0, op("A#a()", null, 100 + 50L * 3 + 20, 0, 2_000_000));
        JsonObject s = parse(sampler.snapshot());

        JsonObject a = operation(s, "A#a()");
        assertEquals(20.0, a.getJsonNumber("callsPerSecond").doubleValue(), 1e-9);
        assertEquals(5, s.getJsonArray("times").size());
        JsonArray history = a.getJsonArray("history");
        assertTrue(history.isNull(0));
        assertEquals(List.of(50.0, 50.0, 50.0, 20.0), history.subList(1, 5).stream()
                .map(v -> ((jakarta.json.JsonNumber) v).doubleValue()).toList());
        assertEquals(270, a.getInt("calls"));
        assertEquals(170, a.getJsonObject("window").getInt("calls"), "the differences of the last ten seconds");
        assertEquals(2.0, a.getJsonObject("window").getJsonNumber("p50Millis").doubleValue(), 0.25);
    }

    @Test
    void aRequestWithinTheSameSecondGetsTheSameSnapshot() {
        FakeSource source = new FakeSource("local");
        Sampler sampler = new Sampler(List.of(source), nanos::get, wall);

        Snapshot first = sampler.snapshot();
        advance(Duration.ofMillis(500));
        assertSame(first, sampler.snapshot());
        advance(Duration.ofMillis(500));
        assertEquals(first.seq() + 1, sampler.snapshot().seq());
        assertEquals(Duration.ofSeconds(1).toNanos(), sampler.nanosUntilDue());
    }

    @Test
    void aPauseLeavesAGapInsteadOfAnAverage() {
        FakeSource source = new FakeSource("local");
        Sampler sampler = new Sampler(List.of(source), nanos::get, wall);
        source.operations.add(op("A#a()", null, 0, 0, 1_000));
        sampler.snapshot();
        advance(Duration.ofSeconds(1));
        source.operations.set(0, op("A#a()", null, 10, 0, 1_000));
        sampler.snapshot();

        advance(Duration.ofSeconds(30)); // nobody watched
        source.operations.set(0, op("A#a()", null, 910, 0, 1_000));
        JsonObject s = parse(sampler.snapshot());

        JsonObject a = operation(s, "A#a()");
        assertTrue(a.isNull("callsPerSecond"));
        assertTrue(a.getJsonArray("history").isNull(2), "a gap");
        assertEquals(900, a.getJsonObject("window").getInt("calls"), "the pause's calls still count in the window");
        assertEquals(30.0, a.getJsonObject("window").getJsonNumber("seconds").doubleValue(), 1e-9);

        advance(Duration.ofSeconds(1));
        sampler.snapshot();
        advance(Duration.ofSeconds(121));
        assertEquals(1, parse(sampler.snapshot()).getJsonArray("times").size(), "samples older than 2 min go");
    }

    @Test
    void troubleComesFirstOpenBreakersThenTheErrorRate() {
        FakeSource source = new FakeSource("local");
        Sampler sampler = new Sampler(List.of(source), nanos::get, wall);
        source.operations.addAll(List.of(op("A#healthy()", null, 0, 0, 1_000),
                op("B#failing()", null, 0, 0, 1_000), op("C#guarded()", "c", 0, 0, 1_000)));
        source.breakers.addAll(List.of(breaker("a-closed", CircuitState.CLOSED), breaker("c", CircuitState.OPEN),
                breaker("b-half", CircuitState.HALF_OPEN)));
        sampler.snapshot();
        advance(Duration.ofSeconds(1));
        source.operations.set(0, op("A#healthy()", null, 10, 0, 1_000));
        source.operations.set(1, op("B#failing()", null, 5, 5, 1_000));

        JsonObject s = parse(sampler.snapshot());

        assertEquals(List.of("c", "b-half", "a-closed"), s.getJsonArray("breakers").getValuesAs(JsonObject.class)
                .stream().map(b -> b.getString("name")).toList());
        assertEquals(List.of("C#guarded()", "B#failing()", "A#healthy()"), s.getJsonArray("operations")
                .getValuesAs(JsonObject.class).stream().map(o -> o.getString("method")).toList());
        assertEquals(0.5, operation(s, "B#failing()").getJsonObject("window").getJsonNumber("errorRate")
                .doubleValue(), 1e-9);
        JsonObject c = s.getJsonArray("breakers").getJsonObject(0);
        assertEquals(3_000, c.getInt("retryAfterMillis"));
        assertEquals(1_000, c.getJsonNumber("inStateMillis").longValue(), "since START, a second ago");
        assertEquals(List.of("C#guarded()"), c.getJsonArray("methods").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void theSnapshotAggregatesEverySourceByName() {
        FakeSource one = new FakeSource("one");
        FakeSource two = new FakeSource("two");
        Sampler sampler = new Sampler(List.of(one, two), nanos::get, wall);
        one.operations.add(new OperationSample("A#a()", Set.of(Policy.BULKHEAD), "shared", outcomes(3, 1), 2,
                latency(4, 1_000_000), new BulkheadSample(10, 2, 0), new RateLimitSample(5, Duration.ofSeconds(1),
                        RateLimitType.FIXED, 1)));
        two.operations.add(new OperationSample("A#a()", Set.of(Policy.RATE_LIMIT), "shared", outcomes(7, 0), 1,
                latency(7, 1_000_000), new BulkheadSample(10, 3, 1), new RateLimitSample(5, Duration.ofSeconds(1),
                        RateLimitType.FIXED, 5)));
        StateTransition opened = new StateTransition(CircuitState.CLOSED, CircuitState.OPEN, START.plusSeconds(1));
        one.breakers.add(new BreakerSample("shared", CircuitState.CLOSED, START, null,
                new CircuitBreakerStats(4, 3, 1, 0, 0), List.of()));
        two.breakers.add(new BreakerSample("shared", CircuitState.OPEN, START.plusSeconds(1), Duration.ofSeconds(2),
                new CircuitBreakerStats(7, 7, 0, 0, 1), List.of(opened)));

        JsonObject s = parse(sampler.snapshot());

        assertEquals(List.of("one", "two"), s.getJsonArray("members").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        JsonObject a = operation(s, "A#a()");
        assertEquals(11, a.getInt("calls"));
        assertEquals(3, a.getInt("retries"));
        assertEquals(List.of("RATE_LIMIT", "BULKHEAD"), a.getJsonArray("policies")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(5, a.getJsonObject("bulkhead").getInt("inUse"));
        assertEquals(20, a.getJsonObject("bulkhead").getInt("maxConcurrent"));
        assertEquals(4, a.getJsonObject("rateLimit").getInt("used"));
        assertEquals(6, a.getJsonObject("rateLimit").getInt("left"));
        JsonObject shared = s.getJsonArray("breakers").getJsonObject(0);
        assertEquals("OPEN", shared.getString("state"), "the worst state");
        assertEquals(11, shared.getJsonObject("stats").getInt("calls"));
        assertEquals(1, shared.getJsonArray("transitions").size());
        assertEquals(2_000, shared.getInt("retryAfterMillis"));
    }

    @Test
    void namesAreEscapedSoNoMarkupSurvivesInTheJson() {
        FakeSource source = new FakeSource("local");
        Sampler sampler = new Sampler(List.of(source), nanos::get, wall);
        String hostile = "</script><script>alert(\"x\")</script>\u2028&";
        source.breakers.add(breaker(hostile, CircuitState.CLOSED));

        Snapshot s = sampler.snapshot();

        assertTrue(!s.json().contains("<") && !s.json().contains(">") && !s.json().contains("&")
                && !s.json().contains("\u2028"), s.json());
        assertEquals(hostile, parse(s).getJsonArray("breakers").getJsonObject(0).getString("name"));
    }

    @Test
    void totalsThatGoDownStartAfresh() {
        FakeSource source = new FakeSource("local");
        Sampler sampler = new Sampler(List.of(source), nanos::get, wall);
        source.operations.add(op("A#a()", null, 100, 0, 1_000));
        sampler.snapshot();
        advance(Duration.ofSeconds(1));
        source.operations.set(0, op("A#a()", null, 5, 0, 1_000)); // a member restarted
        JsonObject s = parse(sampler.snapshot());
        assertTrue(operation(s, "A#a()").isNull("callsPerSecond"));
        assertEquals(0, operation(s, "A#a()").getJsonObject("window").getInt("calls"));

        advance(Duration.ofSeconds(1));
        source.operations.set(0, op("A#a()", null, 8, 0, 1_000));
        assertEquals(3.0, operation(parse(sampler.snapshot()), "A#a()").getJsonNumber("callsPerSecond")
                .doubleValue(), 1e-9);
    }
}
