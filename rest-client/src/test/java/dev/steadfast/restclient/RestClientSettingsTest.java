package dev.steadfast.restclient;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestClientSettingsTest {

    private static RestClientSettings read(Map<String, String> config) {
        return RestClientSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void withoutConfigTheDefaultsHold() {
        assertEquals(RestClientSettings.DEFAULTS, read(Map.of()));
        assertEquals(Set.of(429, 502, 503, 504), RestClientSettings.DEFAULTS.retryableStatuses());
    }

    @Test
    void everyKeyIsRead() {
        RestClientSettings s = read(Map.of(
                RestClientSettings.ENABLED, "FALSE",
                RestClientSettings.MAX_RETRY_AFTER, "10m",
                RestClientSettings.RETRYABLE_STATUSES, "503, 500",
                RestClientSettings.IDEMPOTENCY_KEY_HEADER, "X-Request-Id"));

        assertFalse(s.enabled());
        assertEquals(Duration.ofMinutes(10), s.maxRetryAfter());
        assertEquals(Set.of(500, 503), s.retryableStatuses());
        assertEquals("X-Request-Id", s.idempotencyKeyHeader());
        assertEquals(Duration.ofSeconds(30), read(Map.of(RestClientSettings.MAX_RETRY_AFTER, "30")).maxRetryAfter());
        assertEquals(Duration.ofSeconds(90), read(Map.of(RestClientSettings.MAX_RETRY_AFTER, "PT1M30S"))
                .maxRetryAfter());
    }

    @Test
    void everyBadValueIsNamedWithItsKeyAndRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(
                RestClientSettings.ENABLED, "yes",
                RestClientSettings.MAX_RETRY_AFTER, "-PT1S",
                RestClientSettings.RETRYABLE_STATUSES, "503, 200",
                RestClientSettings.IDEMPOTENCY_KEY_HEADER, "Idempotency Key")));

        assertEquals("Config key steadfast.rest-client.enabled: 'yes' is not true or false; "
                + "Config key steadfast.rest-client.max-retry-after: '-PT1S' is not a time of 0 or more: use whole"
                + " seconds, a whole number with ms, s, m or h, or an ISO-8601 duration such as PT10M; "
                + "Config key steadfast.rest-client.retryable-statuses: '503, 200' names 200, which is not an HTTP"
                + " error status (400 to 599); "
                + "Config key steadfast.rest-client.idempotency-key-header: 'Idempotency Key' is not an HTTP header"
                + " name", e.getMessage());
    }
}
