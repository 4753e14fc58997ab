package dev.steadfast.demo;

import dev.steadfast.Backoff;
import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import dev.steadfast.TimeoutExceededException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's view of the flaky quote service: one guarded method, {@link #fetch(String)}. The annotations say
 * <em>what</em> protects the call; the numbers (how many retries, how long, how many failures open the breaker) are in
 * {@code META-INF/microprofile-config.properties}, where they can be tuned without recompiling.
 *
 * <p>Steadfast applies them outermost first: fallback, retry, circuit breaker, timeout, bulkhead. So every retry passes
 * the breaker and counts in it, each attempt has its own timeout, and the fallback sees the final outcome. The breaker
 * counts only what the service did wrong (I/O failures, 503 included, and timeouts): a full bulkhead says that this
 * application is busy, not that the service is failing.
 */
@ApplicationScoped
public class QuoteClient implements Quotes {

    /** The circuit breaker's name in the {@code CircuitBreakers} registry and in config keys. */
    static final String BREAKER = "quotes";

    /** A cached price older than this is not served: the failure reaches the caller instead. */
    static final Duration CACHE_MAX_AGE = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500))
            .build();
    private final Map<String, Quote> cache = new ConcurrentHashMap<>();
    private volatile URI service;

    /** Where the quote service listens, as {@code http://127.0.0.1:<port>/quotes/}. */
    void connectTo(URI service) {
        this.service = service;
    }

    /**
     * The current price of {@code symbol} from the service, or a recent cached one when the service fails.
     * A 503 is a {@link ServiceUnavailableException}, an {@link IOException}, so it is retried, and its
     * {@code Retry-After} stretches the next delay.
     *
     * @throws dev.steadfast.CircuitOpenException   when the breaker is open and nothing recent is cached
     * @throws dev.steadfast.BulkheadFullException  when too many calls run at once and nothing recent is cached
     * @throws dev.steadfast.RetryExhaustedException when every attempt failed and nothing recent is cached
     * @throws TimeoutExceededException             when the attempt took too long and nothing recent is cached
     */
    @Override
    @Fallback(fallbackMethod = "cachedQuote")
    @Retry(retryOn = IOException.class, backoff = Backoff.EXPONENTIAL, jitter = 0.3)
    @CircuitBreaker(name = BREAKER, failOn = {IOException.class, TimeoutExceededException.class})
    @Timeout
    @Bulkhead
    public Quote fetch(String symbol) throws IOException, InterruptedException {
        URI uri = service.resolve(symbol);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
            throw new ServiceUnavailableException("GET " + uri + " answered HTTP 503", retryAfter(response));
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
        }
        String[] symbolAndPrice = response.body().split(" ");
        Quote quote = new Quote(symbol, Double.parseDouble(symbolAndPrice[1]), Instant.now(), false);
        cache.put(symbol, quote);
        return quote;
    }

    /** The fallback: the last price fetched, if it is recent enough; otherwise the failure goes on to the caller. */
    Quote cachedQuote(String symbol, Exception failure) throws Exception {
        Quote last = cache.get(symbol);
        if (last == null || last.age().compareTo(CACHE_MAX_AGE) > 0) {
            throw failure;
        }
        return last.fromCache();
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is not used by this service. */
    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        try {
            return header.map(seconds -> Duration.ofSeconds(Long.parseLong(seconds.trim()))).orElse(null);
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
