package dev.steadfast.engine.bulkhead;

import dev.steadfast.CallRejected;
import dev.steadfast.engine.EngineListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Helpers shared by the bulkhead tests. */
final class Support {

    static final String METHOD = "com.acme.Quotes#fetch(String)";

    private Support() {
    }

    /** Waits until {@code condition} holds (another thread reached a state), failing after 10 s. Not a sleep. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Records every rejection. */
    static final class Rejections implements EngineListener {

        final List<CallRejected> events = new CopyOnWriteArrayList<>();

        @Override
        public void callRejected(String method, CallRejected.Reason reason) {
            events.add(new CallRejected(method, reason));
        }

        int count() {
            return events.size();
        }
    }
}
