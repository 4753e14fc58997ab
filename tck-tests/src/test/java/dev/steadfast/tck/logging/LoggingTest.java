package dev.steadfast.tck.logging;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Steadfast writes to the {@code dev.steadfast} logger (java.util.logging, behind {@code System.Logger}) when a
 * dependency keeps failing: a bounded number of lines, failures named by class, and the switches
 * {@code steadfast.log.interval} and {@code steadfast.log.failure-messages}.
 */
class LoggingTest {

    private final Logger jul = Logger.getLogger("dev.steadfast");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void capture() {
        levelBefore = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(handler);
    }

    @AfterEach
    void release() {
        jul.removeHandler(handler);
        jul.setLevel(levelBefore);
    }

    private List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).toList();
    }

    private static String text(LogRecord r) {
        return r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown());
    }

    @Test
    void aHundredExhaustedCallsLogOneWarningAndNoSecret() {
        try (TestContainer c = TestContainer.start(Login.class)) {
            Login login = c.select(Login.class);
            for (int i = 0; i < 100; i++) {
                assertThrows(Exception.class, () -> login.login("alice"));
            }
        }
        assertEquals(1, at(Level.WARNING).size(), () -> "WARNING lines: " + at(Level.WARNING).size());
        assertEquals(200, at(Level.FINE).stream().filter(r -> r.getMessage().startsWith("Retrying")).count(),
                "each retry at DEBUG");
        for (LogRecord r : records) {
            assertFalse(text(r).contains(Login.SECRET), text(r));
        }
    }

    @Test
    void theSwitchesLogEveryLineWithTheFailuresMessage() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.log.interval", "0",
                "steadfast.log.failure-messages", "true"), Login.class)) {
            Login login = c.select(Login.class);
            for (int i = 0; i < 3; i++) {
                assertThrows(Exception.class, () -> login.login("alice"));
            }
        }
        List<LogRecord> warnings = at(Level.WARNING);
        assertEquals(3, warnings.size());
        assertTrue(text(warnings.get(0)).contains(Login.SECRET), text(warnings.get(0)));
    }

    @Test
    void anIntervalThatIsNoTimeFailsTheDeploymentNamingTheKey() {
        List<String> errors = TestContainer.deploymentErrors(Map.of("steadfast.log.interval", "soon"), Login.class);
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("steadfast.log.interval") && errors.get(0).contains("'soon'"),
                errors.get(0));
    }
}
