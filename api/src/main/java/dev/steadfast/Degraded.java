package dev.steadfast;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An answer that says whether it is degraded: a fresh value, or one a fallback gave in place of a failed call,
 * with the {@link FallbackApplied} that says which fallback answered, after which failure and when.
 *
 * <p>Declare it as the return type of a guarded method, or inside its stage, and Steadfast flags every fallback's
 * answer; the method's own body returns {@link #fresh(Object)}:
 * <pre>{@code
 * @Fallback(fallbackMethod = "cached")
 * public Degraded<Quote> fetch(String symbol) throws IOException {
 *     return Degraded.fresh(client.get(symbol));
 * }
 *
 * Quote cached(String symbol) { return cache.get(symbol); }   // reaches the caller flagged as degraded
 *
 * @Asynchronous @Fallback(fallbackMethod = "cachedLater")
 * public CompletionStage<Degraded<Quote>> fetchLater(String symbol) { ... }
 * }</pre>
 * A fallback of such a method may return the plain value ({@code Quote}) or a {@code Degraded<Quote>}; either way the
 * caller gets a degraded answer whose reason is this call's {@link FallbackApplied}. A programmatic guard gives the
 * same through {@code Guard.callDegradable} and {@code AsyncGuard.callDegradable}.
 *
 * <p>The flag travels with the value, so it is as right for a stage completed on another thread as for a synchronous
 * call, and nothing is kept per thread. Immutable; thread-safe when the value is.
 *
 * @param <T> the value's type
 */
public final class Degraded<T> {

    private final T value;
    /** {@code null} for a fresh answer. */
    private final FallbackApplied reason;

    private Degraded(T value, FallbackApplied reason) {
        this.value = value;
        this.reason = reason;
    }

    /** A fresh answer: the guarded method's own. {@code value} may be {@code null}. */
    public static <T> Degraded<T> fresh(T value) {
        return new Degraded<>(value, null);
    }

    /**
     * A degraded answer: {@code value} came from a fallback, for {@code reason}. Steadfast creates these; a test (or a
     * layer that degrades by itself) may too.
     *
     * @param value  the fallback's answer; may be {@code null}
     * @param reason which fallback answered, after which failure
     */
    public static <T> Degraded<T> of(T value, FallbackApplied reason) {
        return new Degraded<>(value, Objects.requireNonNull(reason, "reason"));
    }

    /** The answer, fresh or not; {@code null} when the method or its fallback answered {@code null}. */
    public T value() {
        return value;
    }

    /** Whether a fallback gave this answer. */
    public boolean isDegraded() {
        return reason != null;
    }

    /** Why the answer is degraded; empty for a fresh one. */
    public Optional<FallbackApplied> reason() {
        return Optional.ofNullable(reason);
    }

    /** The same flag on {@code mapper}'s result: a degraded answer stays degraded, for the same reason. */
    public <U> Degraded<U> map(Function<? super T, ? extends U> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new Degraded<>(mapper.apply(value), reason);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Degraded<?> d && Objects.equals(value, d.value) && Objects.equals(reason, d.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, reason);
    }

    /** {@code Degraded[fresh: v]}, or {@code Degraded[by cachedQuote after java.io.IOException: v]}. */
    @Override
    public String toString() {
        return reason == null ? "Degraded[fresh: " + value + "]"
                : "Degraded[by " + reason.fallback() + " after " + reason.failure().getClass().getName() + ": "
                        + value + "]";
    }
}
