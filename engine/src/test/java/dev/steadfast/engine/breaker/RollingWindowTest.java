package dev.steadfast.engine.breaker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollingWindowTest {

    @Test
    void decidesNothingUntilEverySlotHasBeenWrittenOnce() {
        RollingWindow w = new RollingWindow(3, 1);
        assertFalse(w.record(true));
        assertFalse(w.record(true));
        assertFalse(w.filled());
        assertTrue(w.record(false), "full, with 2 failures of a threshold of 1");
        assertTrue(w.filled());
    }

    @Test
    void keepsOnlyTheLastSizeOutcomesAcrossSeveralWords() {
        int size = 130; // three 64-bit words, the last one partly used
        RollingWindow w = new RollingWindow(size, size);
        for (int i = 0; i < size; i++) {
            assertFalse(w.record(i % 2 == 0));
        }
        assertEquals(65, w.failures());
        for (int i = 0; i < size - 1; i++) {
            w.record(true);
        }
        assertEquals(size - 1, w.failures(), "one success from the first pass is still in the window");
        assertTrue(w.record(true));
        assertEquals(size, w.failures());
        w.record(false);
        assertEquals(size - 1, w.failures());
    }

    @Test
    void anOutcomeThatChangesNothingInAFullWindowDecidesNothingNew() {
        RollingWindow w = new RollingWindow(1, 1);
        assertFalse(w.record(false));
        assertFalse(w.record(false));
        assertTrue(w.record(true));
        assertFalse(w.record(true), "the count did not change: the call that changed it has decided already");
        assertEquals(1, w.failures());
        assertFalse(w.record(false));
        assertEquals(0, w.failures());
    }
}
