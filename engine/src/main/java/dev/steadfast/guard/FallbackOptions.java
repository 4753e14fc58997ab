package dev.steadfast.guard;

import dev.steadfast.engine.ExceptionMatcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The fallback of a {@link Guard}, with {@link dev.steadfast.Fallback @Fallback}'s meaning: the handlers are tried in
 * the order added until one returns; if every one throws, the last failure propagates with the earlier ones
 * suppressed. It applies to every failure ({@code applyOn} {@code Throwable}) unless told otherwise; a
 * {@link dev.steadfast.RetryExhaustedException}'s cause is matched too, so {@code applyOn(IOException.class)} still
 * applies when retries on {@code IOException} run out.
 *
 * @param <T> the guarded call's result type
 */
public final class FallbackOptions<T> {

    final List<Function<Throwable, ? extends T>> handlers = new ArrayList<>();
    /** Each handler's name, for {@link dev.steadfast.FallbackApplied#fallback()}. */
    final List<String> names = new ArrayList<>();
    private List<Class<? extends Throwable>> applyOn = List.of(Throwable.class);
    private List<Class<? extends Throwable>> skipOn = List.of();

    FallbackOptions() {
    }

    /**
     * Adds a handler to the chain: it gets the failure and answers for the call, or throws to pass on. Its name in
     * {@link dev.steadfast.FallbackApplied#fallback()} is {@code handler-<n>}, its place in the chain.
     */
    public FallbackOptions<T> handler(Function<Throwable, ? extends T> handler) {
        return handler("handler-" + (handlers.size() + 1), handler);
    }

    /**
     * Adds a named handler to the chain: as {@link #handler(Function)}, and {@code name} is what
     * {@link dev.steadfast.FallbackApplied#fallback()}, the logs and the metrics call it ({@code "cache"}).
     */
    public FallbackOptions<T> handler(String name, Function<Throwable, ? extends T> handler) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A fallback handler's name must not be blank");
        }
        handlers.add(Objects.requireNonNull(handler, "handler"));
        names.add(name);
        return this;
    }

    /** The failures that trigger the fallback (replaces the default {@code Throwable}). */
    @SafeVarargs
    public final FallbackOptions<T> applyOn(Class<? extends Throwable>... failures) {
        this.applyOn = Rules.listOf(failures, "applyOn");
        return this;
    }

    /** Failures that propagate; wins over {@link #applyOn}. */
    @SafeVarargs
    public final FallbackOptions<T> skipOn(Class<? extends Throwable>... failures) {
        this.skipOn = Rules.listOf(failures, "skipOn");
        return this;
    }

    ExceptionMatcher matcher() {
        return new ExceptionMatcher(applyOn, skipOn);
    }
}
