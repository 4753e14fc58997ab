package dev.steadfast.spi;

/**
 * Watches guarded operations from outside the engine, for metrics, tracing or auditing. An optional module provides
 * one through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.steadfast.spi.GuardObserver}, with a
 * public no-argument constructor); an application may also declare a CDI bean of this type. The CDI integration
 * finds both when the container starts; a CDI bean replaces a service-loaded observer of the same class.
 *
 * <p><b>Lifecycle.</b> {@link #init} is called once, before anything is observed. Then, while the strategy chains are
 * built (at deployment, or when a programmatic guard is built), {@link #observeOperation} is called once per guarded
 * operation and {@link #observeBreaker} once per circuit breaker (a breaker shared by name is observed once). What
 * they return hears that operation or breaker for the rest of the application's life. {@link #close} is called once
 * when the application stops: the observer should then let go of what it registered (meters, callbacks), so a
 * redeployed application leaves nothing behind.
 *
 * <p><b>Cost.</b> An operation that no observer is interested in ({@link #observeOperation} returned {@code null}
 * for every observer) runs exactly the chain it would run without observers: it pays nothing. An observed operation
 * pays one clock reading at the start and at the end of each call and one {@link GuardRecorder#completed} call.
 *
 * <p><b>Failures.</b> An observer or recorder that throws is logged (logger {@code dev.steadfast}) and skipped; it
 * never breaks a guarded call or the deployment.
 *
 * <p>Implementations must be thread-safe: the methods may be called from several threads.
 */
public interface GuardObserver {

    /**
     * Called once, before the first operation or breaker is observed, by the integration that loaded this observer.
     * The default does nothing.
     *
     * @param context what the application provides, e.g. a metrics registry bean
     */
    default void init(ObserverContext context) {
    }

    /**
     * Offers one guarded operation.
     *
     * @param operation what is guarded and how; its live views ({@link GuardedOperation#bulkhead()},
     *                  {@link GuardedOperation#breaker()}) may be kept for gauges
     * @return the recorder that hears every call of the operation, or {@code null} when not interested
     */
    GuardRecorder observeOperation(GuardedOperation operation);

    /**
     * Offers one circuit breaker, when the first operation using it is built. The default is not interested.
     *
     * @param breaker the breaker's live view; may be kept for gauges
     * @return the recorder that hears every state change of the breaker, or {@code null} when not interested
     */
    default BreakerRecorder observeBreaker(ObservedBreaker breaker) {
        return null;
    }

    /**
     * Offers one keyed circuit breaker (a family of breakers, one per key), when the first operation using it is built.
     * The default is not interested. Its breakers are not offered one by one to {@link #observeBreaker}: a family may
     * hold thousands of keys.
     *
     * @param family the family's live view; may be kept for gauges. {@link ObservedBreakerFamily#tagOf} bounds the
     *               key values a metric should show
     * @return the recorder that hears every state change of every key, or {@code null} when not interested
     */
    default KeyedBreakerRecorder observeBreakerFamily(ObservedBreakerFamily family) {
        return null;
    }

    /** The application stops; nothing more will be recorded. The default does nothing. */
    default void close() {
    }
}
