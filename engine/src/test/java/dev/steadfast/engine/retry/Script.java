package dev.steadfast.engine.retry;

import dev.steadfast.engine.Invocation;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A guarded body that plays a list of outcomes, one per call, repeating the last one: a {@link Throwable} is thrown,
 * anything else is returned. Counts its calls.
 */
final class Script implements Invocation<Object> {

    private final List<Object> outcomes;
    private final AtomicInteger calls = new AtomicInteger();
    private final Runnable eachCall;

    private Script(List<Object> outcomes, Runnable eachCall) {
        this.outcomes = outcomes;
        this.eachCall = eachCall;
    }

    static Script of(Object... outcomes) {
        return new Script(List.of(outcomes), () -> {
        });
    }

    /** Runs {@code eachCall} (e.g. advancing a manual clock to model time spent) before each outcome. */
    static Script spending(Runnable eachCall, Object... outcomes) {
        return new Script(List.of(outcomes), eachCall);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public Object proceed() throws Exception {
        int i = calls.getAndIncrement();
        eachCall.run();
        Object o = outcomes.get(Math.min(i, outcomes.size() - 1));
        if (o instanceof Exception e) {
            throw e;
        }
        if (o instanceof Error e) {
            throw e;
        }
        return o;
    }
}
