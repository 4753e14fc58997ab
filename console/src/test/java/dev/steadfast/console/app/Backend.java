package dev.steadfast.console.app;

import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The guarded methods the console's tests show. */
@ApplicationScoped
public class Backend {

    /** A breaker with a name that is HTML, to prove the page shows it as text. */
    public static final String HOSTILE_NAME = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";

    /** Opens after 4 failures in a row and stays open for an hour (until reset). */
    @CircuitBreaker(name = "payments", requestVolumeThreshold = 4, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.HOURS)
    public String charge(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("declined");
        }
        return "charged";
    }

    @Retry(maxRetries = 1)
    @Fallback(fallbackMethod = "cachedQuote")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public String quote(boolean fail) throws IOException {
        if (fail) {
            throw new IOException("down");
        }
        return "fresh";
    }

    String cachedQuote(boolean fail) {
        return "cached";
    }

    /** Holds its permit until {@code release} opens, after saying it entered. */
    @Bulkhead(2)
    public String hold(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return "held";
    }

    @RateLimit(value = 5, window = 1, windowUnit = ChronoUnit.HOURS)
    public String limited() {
        return "admitted";
    }

    @CircuitBreaker(name = HOSTILE_NAME)
    public String hostile() {
        return "ok";
    }
}
