package dev.steadfast.opentelemetry;

import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.KeyedBreakerRecorder;
import dev.steadfast.spi.ObservedBreaker;
import dev.steadfast.spi.ObservedBreakerFamily;
import dev.steadfast.spi.ObserverContext;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Publishes Steadfast's metrics through the OpenTelemetry metrics API (instrumentation scope {@code dev.steadfast}):
 * per guarded method, a call duration histogram by outcome, retries, timeouts, rejections and the bulkhead's use; per
 * circuit breaker, its state, transitions and time spent open. The names and attributes are in this module's README
 * and in {@link Instruments}.
 *
 * <p>Found by {@link java.util.ServiceLoader} when this module is on the classpath. The {@link OpenTelemetry}
 * instance, decided once when the container starts:
 * <ol>
 * <li>the application's {@code OpenTelemetry} CDI bean, when exactly one resolves (MicroProfile Telemetry runtimes
 * provide one);</li>
 * <li>else {@link GlobalOpenTelemetry}, but only if it has been set (by the Java agent, or by the application before
 * the container started). It is never read while unset: reading it would install a no-op instance for good and make
 * the application's later {@code GlobalOpenTelemetry.set} fail;</li>
 * <li>else nothing is observed (logged at INFO), and the guarded methods pay nothing.</li>
 * </ol>
 * To choose another instance, declare a CDI bean of this class built with
 * {@link #OpenTelemetryGuardObserver(OpenTelemetry)}; it replaces the service-loaded one.
 */
public final class OpenTelemetryGuardObserver implements GuardObserver {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final OpenTelemetry configured;
    private volatile Instruments instruments;
    private volatile boolean resolved;

    /** Uses the application's {@code OpenTelemetry} bean, else {@link GlobalOpenTelemetry} if it is set. */
    public OpenTelemetryGuardObserver() {
        this.configured = null;
    }

    /** Uses {@code openTelemetry}. */
    public OpenTelemetryGuardObserver(OpenTelemetry openTelemetry) {
        this.configured = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    @Override
    public synchronized void init(ObserverContext context) {
        resolve(context);
    }

    private synchronized Instruments instruments() {
        if (!resolved) {
            resolve(ObserverContext.NONE);
        }
        return instruments;
    }

    private void resolve(ObserverContext context) {
        OpenTelemetry otel = configured;
        if (otel == null) {
            otel = context.find(OpenTelemetry.class).orElse(null);
        }
        if (otel == null && GlobalOpenTelemetry.isSet()) {
            otel = GlobalOpenTelemetry.get();
        }
        if (otel == null) {
            LOG.log(Level.INFO, "Steadfast publishes no OpenTelemetry metrics: there is no OpenTelemetry bean and "
                    + "GlobalOpenTelemetry was not set when the container started");
        }
        instruments = otel == null ? null : new Instruments(otel.getMeter(Instruments.SCOPE));
        resolved = true;
    }

    @Override
    public GuardRecorder observeOperation(GuardedOperation operation) {
        Instruments i = instruments();
        return i == null ? null : new OperationInstruments(i, operation);
    }

    @Override
    public BreakerRecorder observeBreaker(ObservedBreaker breaker) {
        Instruments i = instruments();
        return i == null ? null : i.breaker(breaker);
    }

    @Override
    public KeyedBreakerRecorder observeBreakerFamily(ObservedBreakerFamily family) {
        Instruments i = instruments();
        return i == null ? null : i.family(family);
    }

    /** Drops the callbacks of the observable instruments, so a stopped application is no longer read. */
    @Override
    public synchronized void close() {
        Instruments i = instruments;
        if (i != null) {
            i.close();
        }
    }

    @Override
    public String toString() {
        return "OpenTelemetryGuardObserver";
    }
}
