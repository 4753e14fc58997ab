package dev.steadfast.demo;

import dev.steadfast.Backoff;
import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.Scope;
import dev.steadfast.Timeout;
import dev.steadfast.TimeoutExceededException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link QuoteClient} of one node of a fleet ({@code --nodes}): the same guarded call (it delegates the HTTP call
 * and the cache to a plain, unguarded {@code QuoteClient}), plus the partner's quota
 * shared by the whole fleet ({@code @RateLimit} named {@value #QUOTA}, {@link Scope#CLUSTER}), and the breaker
 * {@value QuoteClient#BREAKER} decided by quorum across the fleet ({@link Scope#CLUSTER}). The numbers are in
 * {@code META-INF/microprofile-config.properties} under {@link QuoteClient}'s keys, which each node reads as this
 * class's (see {@code FleetRun}); the quota is 60 calls per second unless
 * {@code steadfast.rate-limit."quote-api".value} says otherwise.
 *
 * <p>It also counts the attempts that got a permit and reached the service, by the window of the quota they entered
 * the method in, so that the demo can show that the fleet never exceeded its quota.
 */
@ApplicationScoped
public class FleetQuoteClient implements Quotes {

    /** The fleet's rate limit's name in the {@code RateLimiters} registry and in config keys. */
    static final String QUOTA = "quote-api";

    /** See {@link #surelyInWindow()}. */
    static final long SURELY_AFTER_MILLIS = 50;

    private final Map<Long, LongAdder> reachedByWindow = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> surelyInWindow = new ConcurrentHashMap<>();
    private final LongAdder reached = new LongAdder();
    private volatile long windowMillis = 1000;
    /** Not a bean: its own annotations are not applied; only this class's are. */
    private final QuoteClient http = new QuoteClient();

    /** Where the quote service listens. */
    void connectTo(java.net.URI service) {
        http.connectTo(service);
    }

    /** The quota's window, to count the attempts by window as the limiter numbers them (wall clock). */
    void countByWindowOf(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    @Override
    @Fallback(fallbackMethod = "cachedQuote")
    @Retry(retryOn = IOException.class, backoff = Backoff.EXPONENTIAL, jitter = 0.3)
    @CircuitBreaker(name = QuoteClient.BREAKER, scope = Scope.CLUSTER, failOn = {IOException.class,
            TimeoutExceededException.class})
    @RateLimit(name = QUOTA, scope = Scope.CLUSTER, value = 60)
    @Timeout
    @Bulkhead
    public Quote fetch(String symbol) throws IOException, InterruptedException {
        reached.increment();
        long now = Instant.now().toEpochMilli();
        long window = now / windowMillis;
        reachedByWindow.computeIfAbsent(window, w -> new LongAdder()).increment();
        if (now % windowMillis >= SURELY_AFTER_MILLIS) {
            surelyInWindow.computeIfAbsent(window, w -> new LongAdder()).increment();
        }
        return http.fetch(symbol);
    }

    /** The fallback, as {@link QuoteClient}'s: a recent cached price, or the failure. */
    Quote cachedQuote(String symbol, Exception failure) throws Exception {
        return http.cachedQuote(symbol, failure);
    }

    /** Attempts that got a permit and got past the bulkhead into the method. */
    long reached() {
        return reached.sum();
    }

    /** {@link #reached()} by window number ({@code epoch millis / window}), in order. */
    Map<Long, Long> reachedByWindow() {
        return copy(reachedByWindow);
    }

    /**
     * Of {@link #reachedByWindow()}, the attempts that entered the method {@value #SURELY_AFTER_MILLIS} ms or more
     * into their window. A permit is taken microseconds before the method is entered, so these surely had a permit of
     * that window; an attempt entering earlier may have had one of the window before.
     */
    Map<Long, Long> surelyInWindow() {
        return copy(surelyInWindow);
    }

    private static Map<Long, Long> copy(Map<Long, LongAdder> counts) {
        Map<Long, Long> copy = new TreeMap<>();
        counts.forEach((window, n) -> copy.put(window, n.sum()));
        return copy;
    }
}
