package dev.steadfast.engine.bulkhead;

import dev.steadfast.engine.EngineListener;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BulkheadPolicyTest {

    @Test
    void acceptsOneRunningNoQueueAndNoWait() {
        assertDoesNotThrow(() -> new BulkheadPolicy(1, 0, 0));
    }

    @Test
    void rejectsFewerThanOneConcurrentCall() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BulkheadPolicy(0, 10, 0));
        assertEquals("BulkheadPolicy: value 0 is below 1; a bulkhead must admit at least one call", e.getMessage());
    }

    @Test
    void rejectsANegativeQueue() {
        assertThrows(IllegalArgumentException.class, () -> new BulkheadPolicy(1, -1, 0));
    }

    @Test
    void rejectsANegativeMaxWait() {
        assertThrows(IllegalArgumentException.class, () -> new BulkheadPolicy(1, 0, -1));
    }

    @Test
    void rejectsAWrongWiringWhenTheStrategyIsBuilt() {
        BulkheadPolicy policy = new BulkheadPolicy(1, 0, 0);
        assertThrows(NullPointerException.class, () -> new BulkheadStrategy<>(null, "m", policy,
                (delay, action) -> () -> { }, EngineListener.NONE));
        assertThrows(NullPointerException.class, () -> new AsyncBulkheadStrategy<>(i -> null, "m", policy, null,
                EngineListener.NONE));
    }
}
