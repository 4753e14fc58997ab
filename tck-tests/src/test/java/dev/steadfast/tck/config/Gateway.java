package dev.steadfast.tck.config;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Throws whatever it is told to; its failure classes come from config in these tests. */
@ApplicationScoped
public class Gateway {

    @Inject
    Counters counters;

    @Retry(maxRetries = 2)
    public String call(Exception failure) throws Exception {
        counters.increment("call");
        throw failure;
    }

    @Fallback(fallbackMethod = "fallback")
    public String read(Exception failure) throws Exception {
        throw failure;
    }

    String fallback(Exception failure) {
        return "fallback";
    }

    String cache(Exception failure) {
        throw new IllegalStateException("cache empty");
    }

    String replica(Exception failure) {
        return "replica";
    }
}
