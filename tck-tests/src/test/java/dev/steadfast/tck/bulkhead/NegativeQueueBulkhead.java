package dev.steadfast.tck.bulkhead;

import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: negative queue. */
@ApplicationScoped
public class NegativeQueueBulkhead {

    @Bulkhead(waitingTaskQueue = -1)
    public String call() {
        return "never deployed";
    }
}
