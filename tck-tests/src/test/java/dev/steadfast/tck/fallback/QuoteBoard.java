package dev.steadfast.tck.fallback;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Fallback chains: each method of a chain is tried in order until one answers. */
@ApplicationScoped
public class QuoteBoard {

    @Inject
    CallLog log;

    @Fallback(fallbackMethod = {"fromReplica", "fromCache"})
    public String quote(String symbol) throws IOException {
        log.add("quote");
        throw new IOException("primary down");
    }

    String fromReplica(String symbol) {
        log.add("fromReplica");
        throw new IllegalStateException("replica lagging");
    }

    String fromCache(String symbol) {
        log.add("fromCache");
        return "cached " + symbol;
    }

    @Fallback(fallbackMethod = {"firstAnswer", "neverReached"})
    public String firstWins(String symbol) throws IOException {
        throw new IOException("primary down");
    }

    String firstAnswer(String symbol) {
        log.add("firstAnswer");
        return "first " + symbol;
    }

    String neverReached(String symbol) {
        log.add("neverReached");
        return "second " + symbol;
    }

    @Fallback(fallbackMethod = {"replicaFails", "cacheFails"})
    public String everythingFails(String symbol) throws IOException {
        throw new IOException("primary down");
    }

    String replicaFails(String symbol) {
        throw new IllegalStateException("replica lagging");
    }

    String cacheFails(String symbol) throws IOException {
        throw new IOException("cache empty");
    }
}
