package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: value 0. */
@ApplicationScoped
public class ZeroBulkhead {

    @Bulkhead(0)
    public String call() {
        return "never deployed";
    }
}
