package dev.steadfast.it.app;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Named gates that hold calls in flight, opened over HTTP: a test parks calls inside a bulkhead, waits until they
 * have all entered, checks that one more is rejected, then opens the gate. No call waits longer than 30 s.
 */
@ApplicationScoped
public class Gates {

    static final long MAX_WAIT_SECONDS = 30;

    private record Gate(Semaphore entered, CountDownLatch open) {
    }

    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    /** Parks the caller in the gate until it opens; throws if it does not open in time. */
    public String pass(String name) {
        Gate gate = gate(name);
        gate.entered().release();
        try {
            if (!gate.open().await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Gate '" + name + "' was not opened in " + MAX_WAIT_SECONDS + " s");
            }
            return "released";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while parked in gate '" + name + "'", e);
        }
    }

    /** Waits until {@code calls} callers are parked in the gate; {@code false} when they did not come in time. */
    public boolean awaitEntered(String name, int calls) throws InterruptedException {
        return gate(name).entered().tryAcquire(calls, MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public void open(String name) {
        gate(name).open().countDown();
    }

    private Gate gate(String name) {
        return gates.computeIfAbsent(name, n -> new Gate(new Semaphore(0), new CountDownLatch(1)));
    }
}
