package dev.steadfast.demo;

import java.time.Duration;
import java.time.Instant;

/**
 * A price, either fresh from the service or an earlier answer served from the cache by the fallback.
 *
 * @param symbol    the stock symbol
 * @param price     the price
 * @param fetchedAt when the service gave this price
 * @param cached    whether it came from the cache instead of the service
 */
record Quote(String symbol, double price, Instant fetchedAt, boolean cached) {

    Duration age() {
        return Duration.between(fetchedAt, Instant.now());
    }

    Quote fromCache() {
        return new Quote(symbol, price, fetchedAt, true);
    }
}
