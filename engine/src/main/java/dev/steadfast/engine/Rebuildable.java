package dev.steadfast.engine;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A strategy whose state (bulkhead permits, rate-limit windows) can be replaced by a fresh one, for engines made
 * under an {@link EngineHook} so that tests start every test from a clean state. Production engines never build one,
 * so their calls do not pay the extra indirection.
 *
 * <p>{@link #rebuild()} swaps in a new instance from the factory; calls already inside the old one finish there (a
 * bulkhead permit always goes back to the instance that gave it), new calls use the new one.
 */
final class Rebuildable<V> implements Strategy<V> {

    private final Supplier<Strategy<V>> factory;
    private volatile Strategy<V> current;

    Rebuildable(Supplier<Strategy<V>> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.current = Objects.requireNonNull(factory.get(), "strategy");
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        return current.call(invocation);
    }

    /** Replaces the state by a fresh instance. */
    void rebuild() {
        current = Objects.requireNonNull(factory.get(), "strategy");
    }

    /** The instance new calls go to, for tests. */
    Strategy<V> current() {
        return current;
    }
}
