package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: negative maxWait. */
@ApplicationScoped
public class NegativeMaxWaitBulkhead {

    @Bulkhead(maxWait = -1)
    public String call() {
        return "never deployed";
    }
}
