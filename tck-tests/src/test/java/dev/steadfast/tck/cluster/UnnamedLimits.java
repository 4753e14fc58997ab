package dev.steadfast.tck.cluster;

import dev.steadfast.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

/** Unnamed limiters: one per method, registered under the class and method, overloads with their parameters. */
@ApplicationScoped
public class UnnamedLimits {

    @RateLimit(value = 7)
    public String call() {
        return "call";
    }

    @RateLimit(value = 1)
    public String lookup(String key) {
        return key;
    }

    @RateLimit(value = 2)
    public String lookup(int key) {
        return Integer.toString(key);
    }
}
