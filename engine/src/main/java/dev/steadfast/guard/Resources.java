package dev.steadfast.guard;

import dev.steadfast.engine.Engine;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.time.Clock;

/**
 * What one guard holds of its engine: the engine itself (which keeps a standalone engine alive exactly as long as
 * guards use it) and its own breaker, released when the guard is closed.
 */
final class Resources {

    private final String guard;
    private final Engine engine;
    private String heldName;
    private Breaker held;
    private volatile boolean closed;

    Resources(String guard, Engine engine) {
        this.guard = guard;
        this.engine = engine;
    }

    /**
     * Builds the guard's chain; a breaker registered under the guard's own name is held first, so that another guard
     * of that name closing meanwhile cannot unregister it under this one. A keyed breaker is not held: its family
     * lives as long as the engine, its memory bounded by its {@code maxKeys}.
     */
    Strategy<Object> build(GuardPolicy policy) {
        if (policy.breaker() != null && !policy.keyedBreaker() && policy.breakerName().equals(guard)) {
            held = engine.breakers().hold(guard, policy.breaker());
            heldName = guard;
        }
        try {
            return engine.build(policy);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The engine's clock, which times the calls. */
    Clock clock() {
        return engine.clock();
    }

    /** @throws IllegalStateException when the guard is closed or its engine stopped */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Guard '" + guard + "' is closed");
        }
        if (engine.isClosed()) {
            throw new IllegalStateException("Guard '" + guard + "' cannot run: its Steadfast engine stopped with its"
                    + " application (Steadfast.shutdown() or the container's shutdown); build the guard again");
        }
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (held != null) {
            engine.breakers().release(heldName, held);
            held = null;
        }
    }
}
