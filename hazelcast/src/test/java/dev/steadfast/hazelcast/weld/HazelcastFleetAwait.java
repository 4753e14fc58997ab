package dev.steadfast.hazelcast.weld;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition every 5 ms until it holds, or fails naming it. */
final class HazelcastFleetAwait {

    private HazelcastFleetAwait() {
    }

    static void await(BooleanSupplier condition, Duration within, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within + ": " + what.get());
            }
            Thread.sleep(5);
        }
    }
}
