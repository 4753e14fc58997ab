package dev.steadfast.restclient;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration CAP = Duration.ofHours(1);

    private static Optional<Duration> parse(String value) {
        return RetryAfter.parse(value, NOW, CAP);
    }

    @Test
    void secondsAreTakenAsTheyAre() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), parse("1"));
        assertEquals(Optional.of(Duration.ZERO), parse("0"));
        assertEquals(Optional.of(Duration.ofSeconds(120)), parse(" 120 "));
    }

    @Test
    void anHttpDateIsTheTimeUntilThen() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), parse("Sun, 01 Mar 2026 12:01:30 GMT"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), parse("Sunday, 01-Mar-26 12:00:30 GMT"), "RFC 850");
        assertEquals(Optional.of(Duration.ofSeconds(5)), parse("Sun Mar  1 12:00:05 2026"), "asctime");
    }

    @Test
    void aDateInThePastMeansNow() {
        assertEquals(Optional.of(Duration.ZERO), parse("Sun, 01 Mar 2026 11:00:00 GMT"));
    }

    @Test
    void absurdValuesAreCapped() {
        assertEquals(Optional.of(CAP), parse("86400"));
        assertEquals(Optional.of(CAP), parse("99999999999999999999999999"), "more digits than a long holds");
        assertEquals(Optional.of(CAP), parse("Fri, 01 Jan 2100 00:00:00 GMT"));
    }

    @Test
    void anythingElseIsNoHint() {
        assertEquals(Optional.empty(), parse(null));
        assertEquals(Optional.empty(), parse(""));
        assertEquals(Optional.empty(), parse("-5"));
        assertEquals(Optional.empty(), parse("1.5"));
        assertEquals(Optional.empty(), parse("soon"));
    }
}
