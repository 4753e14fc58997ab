package dev.steadfast.engine.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code steadfast.cluster.*} keys. */
class ClusterSettingsTest {

    private static ClusterSettings from(Map<String, String> config) {
        return ClusterSettings.from(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void theDefaults() {
        ClusterSettings s = from(Map.of());
        assertTrue(s.enabled());
        assertNull(s.backend());
        assertEquals("default", s.application());
        assertEquals(Duration.ofMillis(250), s.interval());
        assertEquals(Duration.ofMillis(500), s.requestTimeout());
        assertEquals(Duration.ofSeconds(10), s.joinTimeout());
        assertEquals(Duration.ofSeconds(1), s.probeInterval());
        assertEquals(1, s.expectedMembers());
        assertTrue(s.memberId().matches(".+-\\d+-[0-9a-f]{4}"), s.memberId());
    }

    @Test
    void everyKeyIsRead() {
        ClusterSettings s = from(Map.of("steadfast.cluster.enabled", "false", "steadfast.cluster.backend", "Redis",
                "steadfast.cluster.application", "shop", "steadfast.cluster.member-id", "node-1",
                "steadfast.cluster.interval", "100ms", "steadfast.cluster.request-timeout", "PT0.3S",
                "steadfast.cluster.join-timeout", "0", "steadfast.cluster.probe-interval", "2s",
                "steadfast.cluster.expected-members", "3"));
        assertFalse(s.enabled());
        assertEquals("redis", s.backend());
        assertEquals("shop", s.application());
        assertEquals("node-1", s.memberId());
        assertEquals(Duration.ofMillis(100), s.interval());
        assertEquals(Duration.ofMillis(300), s.requestTimeout());
        assertEquals(Duration.ZERO, s.joinTimeout());
        assertEquals(Duration.ofSeconds(2), s.probeInterval());
        assertEquals(3, s.expectedMembers());
        assertEquals(9, ClusterSettings.KEYS.size());
    }

    @Test
    void everyBrokenKeyIsReportedWithItsValueAndRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(Map.of(
                "steadfast.cluster.interval", "soon", "steadfast.cluster.enabled", "yes",
                "steadfast.cluster.expected-members", "0", "steadfast.cluster.request-timeout", "0")));
        assertEquals("Config key steadfast.cluster.enabled: 'yes' is not true or false; "
                + "Config key steadfast.cluster.interval: 'soon' is not a time: use a number of milliseconds, a number"
                + " with ms, s, m or h, or an ISO-8601 duration such as PT0.5S; "
                + "Config key steadfast.cluster.request-timeout: '0' is not positive; "
                + "Config key steadfast.cluster.expected-members: '0' is below 1", e.getMessage());
    }
}
