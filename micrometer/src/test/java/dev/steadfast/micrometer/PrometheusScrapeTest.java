package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import dev.steadfast.testsupport.fixtures.Flaky;
import dev.steadfast.testsupport.fixtures.Payments;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What a Prometheus scrape shows: the names as Micrometer's Prometheus naming makes them, and the duration histogram's
 * buckets. The scrape is written to {@code target/prometheus-sample.txt} (the README's sample comes from it).
 */
class PrometheusScrapeTest {

    private static final String FLAKY = "dev.steadfast.testsupport.fixtures.Flaky#alwaysFails()";

    @Test
    void aScrapeShowsCountersGaugesAndTheDurationHistogram() throws IOException {
        String scrape;
        try (WeldTestContainer container = WeldTestContainer.start(new SteadfastExtension(),
                PrometheusObserver.class, Flaky.class, Payments.class)) {
            PrometheusMeterRegistry prometheus = container.select(PrometheusMeterRegistry.class);
            assertThrows(RetryExhaustedException.class, container.select(Flaky.class)::alwaysFails);
            Payments payments = container.select(Payments.class);
            assertThrows(IOException.class, () -> payments.charge(true));
            assertThrows(IOException.class, () -> payments.charge(true));
            assertThrows(CircuitOpenException.class, () -> payments.charge(false));
            scrape = prometheus.scrape();
        }
        Files.writeString(Path.of("target", "prometheus-sample.txt"), scrape);

        for (String line : List.of(
                "steadfast_calls_total{method=\"" + FLAKY + "\",outcome=\"failure\"} 1.0",
                "steadfast_retries_total{method=\"" + FLAKY + "\"} 3.0",
                "steadfast_retries_exhausted_total{method=\"" + FLAKY + "\"} 1.0",
                "steadfast_circuitbreaker_state{breaker=\"payments\",state=\"open\"} 1.0",
                "steadfast_circuitbreaker_state{breaker=\"payments\",state=\"closed\"} 0.0",
                "steadfast_circuitbreaker_transitions_total{breaker=\"payments\",from=\"closed\",origin=\"local\","
                        + "to=\"open\"} 1.0",
                "steadfast_calls_rejected_total{method=\"dev.steadfast.testsupport.fixtures.Payments#charge(boolean)\","
                        + "reason=\"circuit_open\"} 1.0",
                "steadfast_call_duration_seconds_count{method=\"" + FLAKY + "\",outcome=\"failure\"} 1")) {
            assertTrue(scrape.contains(line), () -> "missing: " + line + "\nin:\n" + scrape);
        }
        for (String le : List.of("0.005", "0.1", "1.0", "10.0", "+Inf")) {
            assertTrue(scrape.contains("steadfast_call_duration_seconds_bucket{method=\"" + FLAKY
                    + "\",outcome=\"failure\",le=\"" + le + "\"}"), () -> "no bucket " + le + " in:\n" + scrape);
        }
        assertEquals(15, scrape.lines().filter(l -> l.startsWith("steadfast_call_duration_seconds_bucket{method=\""
                + FLAKY + "\",outcome=\"failure\"")).count(), "14 buckets and +Inf");
        assertTrue(scrape.contains("steadfast_circuitbreaker_open_time_seconds_total{breaker=\"payments\"}"), scrape);
    }
}
