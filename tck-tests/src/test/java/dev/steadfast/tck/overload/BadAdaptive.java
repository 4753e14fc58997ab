package dev.steadfast.tck.overload;

import dev.steadfast.AdaptiveBulkhead;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BadAdaptive {

    @AdaptiveBulkhead(minLimit = 10, maxLimit = 5)
    public String fetch() {
        return "x";
    }
}
