package dev.steadfast.tck.config;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** Guarded by Steadfast and by the application's own interceptor. */
@ApplicationScoped
public class AuditedService {

    @Inject
    Counters counters;

    @Audited
    @Retry(maxRetries = 2)
    public String call() throws IOException {
        throw new IOException("call " + counters.increment("call"));
    }
}
