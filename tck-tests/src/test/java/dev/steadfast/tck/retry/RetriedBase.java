package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.inject.Inject;

import java.io.IOException;

/** Not a bean itself: carries a class-level {@code @Retry} (which is {@code @Inherited}) for its subclasses. */
@Retry(maxRetries = 2)
public abstract class RetriedBase {

    @Inject
    Counters counters;

    public String call() throws IOException {
        throw new IOException("call " + counters.increment("sub.call"));
    }
}
