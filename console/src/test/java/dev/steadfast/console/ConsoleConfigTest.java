package dev.steadfast.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

    private static ConsoleConfig read(Map<String, String> values) {
        return ConsoleConfig.read(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaultsServeUnderSteadfastWithActionsOff() {
        ConsoleConfig c = read(Map.of());

        assertEquals(ConsoleConfig.DEFAULTS, c);
        assertEquals("steadfast", c.path());
        assertEquals(false, c.control());
        assertEquals("steadfast-operator", c.controlRole());
    }

    @Test
    void readsEveryKey() {
        ConsoleConfig c = read(Map.of(ConsoleConfig.PATH, " /ops/steadfast-console/ ", ConsoleConfig.CONTROL, "TRUE",
                ConsoleConfig.CONTROL_ROLE, " ops "));

        assertEquals(new ConsoleConfig("ops/steadfast-console", true, "ops"), c);
    }

    @Test
    void brokenValuesAreAllReportedWithKeyValueAndRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(
                ConsoleConfig.PATH, "ops/../admin", ConsoleConfig.CONTROL, "on", ConsoleConfig.CONTROL_ROLE, "  ")));

        assertTrue(e.getMessage().contains("steadfast.console.path: 'ops/../admin' is not a path"), e.getMessage());
        assertTrue(e.getMessage().contains("steadfast.console.control: 'on' is not true or false"), e.getMessage());
        assertTrue(e.getMessage().contains("steadfast.console.control-role: '  ' is blank"), e.getMessage());
    }

    @Test
    void aPathIsSegmentsOfSafeCharacters() {
        for (String bad : new String[] {"a b", "a//b", "<x>", "a?b", "%2e", "/", "..", "."}) {
            assertThrows(IllegalArgumentException.class, () -> read(Map.of(ConsoleConfig.PATH, bad)), bad);
        }
        assertEquals("a.b/c_d/e~f-1", read(Map.of(ConsoleConfig.PATH, "a.b/c_d/e~f-1")).path());
    }

    @Test
    void theKeysAreListedInOnePlace() {
        assertEquals(java.util.List.of("steadfast.console.path", "steadfast.console.control",
                "steadfast.console.control-role"), ConsoleConfig.KEYS);
    }
}
