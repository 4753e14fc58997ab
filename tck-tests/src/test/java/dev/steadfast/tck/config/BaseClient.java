package dev.steadfast.tck.config;

import dev.steadfast.Retry;
import jakarta.inject.Inject;

import java.io.IOException;

/** Not a bean: declares the {@code @Retry} (class level, {@code @Inherited}) and the method its subclass inherits. */
@Retry(maxRetries = 5)
public abstract class BaseClient {

    @Inject
    Counters counters;

    public String call() throws IOException {
        throw new IOException("call " + counters.increment("inherited call"));
    }
}
