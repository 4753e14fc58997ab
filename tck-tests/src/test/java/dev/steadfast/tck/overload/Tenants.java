package dev.steadfast.tck.overload;

import dev.steadfast.BreakerKey;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.KeyedBreaker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** One breaker per tenant: two failures in a row open a tenant's breaker. */
@ApplicationScoped
public class Tenants {

    @CircuitBreaker(name = "tenants", requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
    public String fetch(@BreakerKey String tenant, boolean fail) throws IOException {
        if (fail) {
            throw new IOException("down for " + tenant);
        }
        return "data of " + tenant;
    }

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
    @KeyedBreaker(keyFunction = HostOf.class, maxKeys = 100)
    public String get(String url, boolean fail) throws IOException {
        if (fail) {
            throw new IOException("down");
        }
        return "page";
    }
}
