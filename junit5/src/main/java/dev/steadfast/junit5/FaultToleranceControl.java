package dev.steadfast.junit5;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The test's handle on Steadfast's state, resolved as a test (or lifecycle, or constructor) parameter under
 * {@link WithFaultTolerance}. It acts on the Steadfast container started last under the extension and still
 * running, looked up at each call, so it may be resolved before the container starts. Thread-safe.
 *
 * <p>Breakers are named as in {@link CircuitBreakers}: a named breaker by its name, an unnamed one by
 * {@code <fully.qualified.BeanClass>#<method>} (see {@link #breaker(Class, String)}).
 */
public final class FaultToleranceControl {

    private final Session session;

    FaultToleranceControl(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * Every breaker of the running container.
     *
     * @throws IllegalStateException when no Steadfast container runs under the extension
     */
    public CircuitBreakers breakers() {
        return session.engine("FaultToleranceControl.breakers()").breakers();
    }

    /**
     * The breaker registered under {@code name}.
     *
     * @throws NoSuchElementException when there is none; the message lists the known names
     * @throws IllegalStateException  when no Steadfast container runs under the extension
     */
    public CircuitBreakerHandle breaker(String name) {
        return session.engine("FaultToleranceControl.breaker(\"" + name + "\")").breakers().get(name);
    }

    /**
     * The unnamed breaker of {@code method} on {@code beanClass} (registered as {@code beanClass#method}). Pass the
     * bean's own class, not a CDI proxy's.
     *
     * @throws NoSuchElementException when there is none; the message lists the known names
     * @throws IllegalStateException  when no Steadfast container runs under the extension
     */
    public CircuitBreakerHandle breaker(Class<?> beanClass, String method) {
        return breaker(beanClass.getName() + "#" + method);
    }

    /** Forces the breaker {@code name} open: every call is rejected with {@code CircuitOpenException} until closed. */
    public void forceOpen(String name) {
        breaker(name).forceOpen();
    }

    /** {@link #forceOpen(String)} for the unnamed breaker of {@code method} on {@code beanClass}. */
    public void forceOpen(Class<?> beanClass, String method) {
        breaker(beanClass, method).forceOpen();
    }

    /**
     * Closes the breaker {@code name}, from any state: CLOSED with an empty window and cleared counters. From then
     * on it follows its rules again (enough failures open it).
     */
    public void forceClosed(String name) {
        breaker(name).reset();
    }

    /** {@link #forceClosed(String)} for the unnamed breaker of {@code method} on {@code beanClass}. */
    public void forceClosed(Class<?> beanClass, String method) {
        breaker(beanClass, method).reset();
    }

    /**
     * What the extension does between tests, now: every breaker of every container running under the extension
     * CLOSED and cleared, every bulkhead and rate limit fresh.
     */
    public void resetAll() {
        session.reset();
    }

    @Override
    public String toString() {
        return "FaultToleranceControl[" + session + "]";
    }
}
