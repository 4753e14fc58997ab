package dev.steadfast.mp;

import dev.steadfast.CircuitState;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The MicroProfile Fault Tolerance metrics of one guarded method ({@code ft.*}, tagged {@code method=<class>.<method>}).
 * The chain's observers report here; a {@link Sink} writes to a metrics library. Every metric the method can have is
 * registered when the chain is built, so each one exists (at zero) before the first call. Thread-safe.
 */
final class MpMetrics {

    /** Where metrics go: MicroProfile Metrics and MicroProfile Telemetry, whichever are present. */
    interface Sink {

        /** Writes to every sink given (none of them {@code null}), or {@code null} when there is none. */
        static Sink all(java.util.List<Sink> sinks) {
            if (sinks.isEmpty()) {
                return null;
            }
            if (sinks.size() == 1) {
                return sinks.get(0);
            }
            return new Sink() {
                @Override
                public Runnable counter(String name, String... tags) {
                    Runnable[] each = sinks.stream().map(s -> s.counter(name, tags)).toArray(Runnable[]::new);
                    return () -> {
                        for (Runnable r : each) {
                            r.run();
                        }
                    };
                }

                @Override
                public java.util.function.LongConsumer histogram(String name, String... tags) {
                    java.util.function.LongConsumer[] each = sinks.stream().map(s -> s.histogram(name, tags))
                            .toArray(java.util.function.LongConsumer[]::new);
                    return v -> {
                        for (java.util.function.LongConsumer c : each) {
                            c.accept(v);
                        }
                    };
                }

                @Override
                public void gauge(String name, String unit, LongSupplier value, String... tags) {
                    for (Sink s : sinks) {
                        s.gauge(name, unit, value, tags);
                    }
                }
            };
        }


        /** A counter, created or found, as an incrementer. */
        Runnable counter(String name, String... tags);

        /** A histogram in nanoseconds, created or found, as a recorder. */
        java.util.function.LongConsumer histogram(String name, String... tags);

        /** A gauge reading {@code value}; {@code unit} is {@code null} or {@code "nanoseconds"}. */
        void gauge(String name, String unit, LongSupplier value, String... tags);
    }

    static final String NANOS = "nanoseconds";

    private final Sink sink;
    private final String method;
    private final boolean hasFallback;

    final AtomicLong running = new AtomicLong();
    final AtomicLong waiting = new AtomicLong();
    private final StateTimes states = new StateTimes();
    private java.util.function.LongConsumer timeoutDuration;
    private java.util.function.LongConsumer runningDuration;
    private java.util.function.LongConsumer waitingDuration;

    MpMetrics(Sink sink, MpPlan plan) {
        this.sink = sink;
        this.method = plan.beanClass.getCanonicalName() + "." + plan.method.getName();
        this.hasFallback = plan.hasFallback();
        for (String result : new String[] {"valueReturned", "exceptionThrown"}) {
            for (String fallback : hasFallback ? new String[] {"applied", "notApplied"}
                    : new String[] {"notDefined"}) {
                counter("ft.invocations.total", "result", result, "fallback", fallback);
            }
        }
        if (plan.retry != null) {
            for (String retried : new String[] {"true", "false"}) {
                for (String result : new String[] {"valueReturned", "exceptionNotRetryable", "maxRetriesReached",
                    "maxDurationReached"}) {
                    counter("ft.retry.calls.total", "retried", retried, "retryResult", result);
                }
            }
            counter("ft.retry.retries.total");
        }
        if (plan.timeout != null) {
            counter("ft.timeout.calls.total", "timedOut", "true");
            counter("ft.timeout.calls.total", "timedOut", "false");
            timeoutDuration = sink.histogram("ft.timeout.executionDuration", "method", method);
        }
        if (plan.breaker != null) {
            for (String result : new String[] {"success", "failure", "circuitBreakerOpen"}) {
                counter("ft.circuitbreaker.calls.total", "circuitBreakerResult", result);
            }
            counter("ft.circuitbreaker.opened.total");
            sink.gauge("ft.circuitbreaker.state.total", NANOS, () -> states.total(CircuitState.CLOSED),
                    "method", method, "state", "closed");
            sink.gauge("ft.circuitbreaker.state.total", NANOS, () -> states.total(CircuitState.OPEN),
                    "method", method, "state", "open");
            sink.gauge("ft.circuitbreaker.state.total", NANOS, () -> states.total(CircuitState.HALF_OPEN),
                    "method", method, "state", "halfOpen");
        }
        if (plan.bulkhead != null) {
            counter("ft.bulkhead.calls.total", "bulkheadResult", "accepted");
            counter("ft.bulkhead.calls.total", "bulkheadResult", "rejected");
            sink.gauge("ft.bulkhead.executionsRunning", null, running::get, "method", method);
            runningDuration = sink.histogram("ft.bulkhead.runningDuration", "method", method);
            if (plan.kind != MpOperation.Kind.SYNC) {
                sink.gauge("ft.bulkhead.executionsWaiting", null, waiting::get, "method", method);
                waitingDuration = sink.histogram("ft.bulkhead.waitingDuration", "method", method);
            }
        }
    }

    private Runnable counter(String name, String... tags) {
        String[] all = new String[tags.length + 2];
        all[0] = "method";
        all[1] = method;
        System.arraycopy(tags, 0, all, 2, tags.length);
        return sink.counter(name, all);
    }

    void invoked(boolean valueReturned, boolean fallbackApplied) {
        counter("ft.invocations.total", "result", valueReturned ? "valueReturned" : "exceptionThrown",
                "fallback", !hasFallback ? "notDefined" : fallbackApplied ? "applied" : "notApplied").run();
    }

    void retried(int retries, String result) {
        counter("ft.retry.calls.total", "retried", String.valueOf(retries > 0), "retryResult", result).run();
        Runnable r = counter("ft.retry.retries.total");
        for (int i = 0; i < retries; i++) {
            r.run();
        }
    }

    void timedOut(boolean timedOut, long nanos) {
        counter("ft.timeout.calls.total", "timedOut", String.valueOf(timedOut)).run();
        timeoutDuration.accept(nanos);
    }

    void breakerCall(String result) {
        counter("ft.circuitbreaker.calls.total", "circuitBreakerResult", result).run();
    }

    void breakerChanged(CircuitState to) {
        states.enter(to);
        if (to == CircuitState.OPEN || to == CircuitState.FORCED_OPEN) {
            counter("ft.circuitbreaker.opened.total").run();
        }
    }

    void bulkheadCall(boolean accepted) {
        counter("ft.bulkhead.calls.total", "bulkheadResult", accepted ? "accepted" : "rejected").run();
    }

    void ran(long nanos) {
        runningDuration.accept(nanos);
    }

    void waited(long nanos) {
        if (waitingDuration != null) {
            waitingDuration.accept(nanos);
        }
    }

    /** Time spent in each breaker state, including the current one up to now. */
    private static final class StateTimes {

        private CircuitState current = CircuitState.CLOSED;
        private long since = System.nanoTime();
        private final long[] totals = new long[CircuitState.values().length];

        synchronized void enter(CircuitState state) {
            long now = System.nanoTime();
            totals[current.ordinal()] += now - since;
            current = state == CircuitState.FORCED_OPEN ? CircuitState.OPEN : state;
            since = now;
        }

        synchronized long total(CircuitState state) {
            long t = totals[state.ordinal()];
            return state == current ? t + System.nanoTime() - since : t;
        }
    }
}
