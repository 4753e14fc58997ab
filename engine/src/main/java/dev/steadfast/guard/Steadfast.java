package dev.steadfast.guard;

import dev.steadfast.BreakerFamilyHandle;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.ComponentCheck;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.RateLimiterHandle;
import dev.steadfast.RateLimiters;
import dev.steadfast.RetryBudgetHandle;
import dev.steadfast.RetryBudgets;
import dev.steadfast.SystemHealth;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.Engines;
import dev.steadfast.engine.breaker.BreakerHealth;

import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry, health report and lifecycle of the engine that {@link Guard}s run on, for code outside CDI (inside,
 * inject {@link CircuitBreakers} and {@link FaultToleranceHealth}). Each application has its own engine, found
 * through the calling thread's context class loader: while a CDI container deployed with that loader (or a parent)
 * runs, the container's, listing annotated methods' breakers and guards' alike; otherwise the application's
 * standalone engine.
 */
public final class Steadfast {

    private Steadfast() {
    }

    /**
     * Every circuit breaker of the calling application's engine: named ones under their name, a guard's unnamed one
     * under the guard's name. The returned registry stays bound to the application (the calling thread's context
     * class loader) and always shows its engine of the moment; it creates none (before any guard is built it is
     * empty).
     */
    public static CircuitBreakers circuitBreakers() {
        return new ApplicationBreakers(Engines.contextLoader());
    }

    /**
     * Every retry budget of the calling application's engine: named ones under their name, a guard's own under the
     * guard's name; bound to the application as {@link #circuitBreakers()} is.
     */
    public static RetryBudgets retryBudgets() {
        return new ApplicationBudgets(Engines.contextLoader());
    }

    /**
     * The calling application's health report: each breaker and each registered component check {@code HEALTHY},
     * {@code DEGRADED} or {@code FAILING}, the fleet's status, and overall (the worst); bound to the application as
     * {@link #circuitBreakers()} is. Register the checks of code without CDI here:
     * <pre>{@code
     * FaultToleranceHealth.Registration r = Steadfast.health().register(new DiskSpaceCheck());
     * }</pre>
     * Without a container they run on demand with a 2 s timeout unless they say otherwise
     * ({@link dev.steadfast.ComponentCheck#interval()}, {@link dev.steadfast.ComponentCheck#timeout()}). A check
     * belongs to the application's engine of the moment of its registration (created if there is none yet), which the
     * open registration keeps alive; it is not moved to a container started later, and {@link #shutdown()} ends it
     * (register it again on the next engine).
     */
    public static FaultToleranceHealth health() {
        return new ApplicationHealth(Engines.contextLoader());
    }

    /**
     * Every named rate limiter of the calling application's engine (guards' unnamed ones are their own and not
     * listed); bound to the application as {@link #circuitBreakers()} is.
     */
    public static RateLimiters rateLimiters() {
        return new ApplicationRateLimiters(Engines.contextLoader());
    }

    /**
     * Stops the calling application's standalone engine (found through the thread's context class loader), for an
     * application without a container that is being undeployed or stopped (a servlet context listener's
     * {@code contextDestroyed}): every asynchronous guarded call still pending fails with a
     * {@link dev.steadfast.FaultToleranceException} saying that the application is stopping, and its timer and
     * executor threads end. Guards built on it refuse calls afterwards; guards built later get a new engine. A CDI
     * container's engine is left alone: the container stops it. Idempotent.
     */
    public static void shutdown() {
        Engines.shutdown(Engines.contextLoader());
    }

    /** The registry of whatever engine the application has at each call; empty while it has none. */
    private static final class ApplicationBreakers implements CircuitBreakers {

        private final ClassLoader application;

        ApplicationBreakers(ClassLoader application) {
            this.application = application;
        }

        private CircuitBreakers now() {
            Engine e = Engines.find(application);
            return e == null ? None.INSTANCE : e.breakers();
        }

        @Override
        public Optional<CircuitBreakerHandle> find(String name) {
            return now().find(name);
        }

        @Override
        public CircuitBreakerHandle get(String name) {
            return now().get(name);
        }

        @Override
        public Collection<CircuitBreakerHandle> all() {
            return now().all();
        }

        @Override
        public boolean remove(String name) {
            return now().remove(name);
        }

        @Override
        public Optional<BreakerFamilyHandle> family(String name) {
            return now().family(name);
        }

        @Override
        public Collection<BreakerFamilyHandle> families() {
            return now().families();
        }
    }

    /** The health of whatever engine the application has at each report; breakers only (none) while it has none. */
    private static final class ApplicationHealth implements FaultToleranceHealth {

        private final ClassLoader application;

        ApplicationHealth(ClassLoader application) {
            this.application = application;
        }

        @Override
        public SystemHealth report() {
            Engine e = Engines.find(application);
            return e == null ? new BreakerHealth(None.INSTANCE).report() : e.health().report();
        }

        @Override
        public Registration register(ComponentCheck check) {
            Objects.requireNonNull(check, "check");
            Engine engine = Engines.forLoader(application);
            Registration r = engine.health().register(check);
            // A standalone engine is held only by what uses it: the registration holds it while the check is open.
            return new Registration() {
                private volatile Engine held = engine;

                @Override
                public void close() {
                    r.close();
                    held = null;
                }

                @Override
                public String toString() {
                    return r + (held == null ? " (closed)" : "");
                }
            };
        }

        @Override
        public String toString() {
            return "FaultToleranceHealth[" + application + "]";
        }
    }

    /** The retry budgets of whatever engine the application has at each call; empty while it has none. */
    private static final class ApplicationBudgets implements RetryBudgets {

        private final ClassLoader application;

        ApplicationBudgets(ClassLoader application) {
            this.application = application;
        }

        private Optional<RetryBudgets> now() {
            Engine e = Engines.find(application);
            return e == null ? Optional.empty() : Optional.of(e.retryBudgets());
        }

        @Override
        public Optional<RetryBudgetHandle> find(String name) {
            return now().flatMap(b -> b.find(name));
        }

        @Override
        public RetryBudgetHandle get(String name) {
            return now().orElseThrow(() -> new NoSuchElementException("No retry budget named '" + name
                    + "'; known: []")).get(name);
        }

        @Override
        public Collection<RetryBudgetHandle> all() {
            return now().map(RetryBudgets::all).orElse(List.of());
        }
    }

    /** The rate limiters of whatever engine the application has at each call; empty while it has none. */
    private static final class ApplicationRateLimiters implements RateLimiters {

        private final ClassLoader application;

        ApplicationRateLimiters(ClassLoader application) {
            this.application = application;
        }

        private Optional<RateLimiters> now() {
            Engine e = Engines.find(application);
            return e == null ? Optional.empty() : Optional.of(e.rateLimiters());
        }

        @Override
        public Optional<RateLimiterHandle> find(String name) {
            return now().flatMap(l -> l.find(name));
        }

        @Override
        public RateLimiterHandle get(String name) {
            return now().orElseThrow(() -> new NoSuchElementException("No rate limiter named '" + name
                    + "'; known: []")).get(name);
        }

        @Override
        public Collection<RateLimiterHandle> all() {
            return now().map(RateLimiters::all).orElse(List.of());
        }
    }

    /** The registry of an application that has no engine yet. */
    private enum None implements CircuitBreakers {
        INSTANCE;

        @Override
        public Optional<CircuitBreakerHandle> find(String name) {
            return Optional.empty();
        }

        @Override
        public CircuitBreakerHandle get(String name) {
            throw new NoSuchElementException("No circuit breaker named '" + name + "'; known: []");
        }

        @Override
        public Collection<CircuitBreakerHandle> all() {
            return List.of();
        }

        @Override
        public boolean remove(String name) {
            return false;
        }
    }
}
