package dev.steadfast.it.app;

import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.temporal.ChronoUnit;

/**
 * The CDI managed bean of the test application, guarded by Steadfast's annotations only. The EJB in the WAR
 * ({@code dev.steadfast.it.war.InventoryEjb}) carries the same annotations; keep the two in step.
 */
@ApplicationScoped
public class PricingBean implements Guarded {

    @Inject
    Ledger ledger;

    @Inject
    Gates gates;

    @Override
    public String kind() {
        return "cdi";
    }

    @Override
    @Retry(maxRetries = 3, retryOn = TransientFailure.class)
    public String flaky(String key, int failures) {
        int attempt = ledger.touch(key);
        if (attempt <= failures) {
            throw new TransientFailure("attempt " + attempt + " of " + key + " fails");
        }
        return "ok after " + attempt + " attempts";
    }

    @Override
    @Retry(maxRetries = 2, retryOn = TransientFailure.class)
    public String exhaust(String key) {
        throw new TransientFailure("attempt " + ledger.touch(key) + " of " + key + " fails");
    }

    @Override
    @Retry(maxRetries = 0, retryOn = TransientFailure.class)
    public String overridden(String key) {
        throw new TransientFailure("attempt " + ledger.touch(key) + " of " + key + " fails");
    }

    @Override
    @CircuitBreaker(name = "backend", requestVolumeThreshold = 4, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.HOURS)
    public String backend(String key, boolean fail) {
        int call = ledger.touch(key);
        if (fail) {
            throw new TransientFailure("backend call " + call + " of " + key + " fails");
        }
        return "backend answered";
    }

    @Override
    @Timeout(200)
    public String slow(String key) {
        ledger.touch(key);
        try {
            Thread.sleep(30_000);
            return "finished";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    @Retry(maxRetries = 1, retryOn = TransientFailure.class)
    @Fallback(fallbackMethod = "cachedQuote")
    public String quote(String key) {
        throw new TransientFailure("attempt " + ledger.touch(key) + " of " + key + " fails");
    }

    String cachedQuote(String key) {
        return "cached:" + key;
    }

    @Override
    @Bulkhead(2)
    public String held(String gate) {
        return gates.pass(gate);
    }
}
