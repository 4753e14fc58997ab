package dev.steadfast.tck.overload;

import dev.steadfast.AdaptiveBulkhead;
import dev.steadfast.Bulkhead;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TwoLimits {

    @Bulkhead(5)
    @AdaptiveBulkhead
    public String fetch() {
        return "x";
    }
}
