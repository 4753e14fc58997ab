package dev.steadfast.tck.degradation;

import dev.steadfast.Degraded;
import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

/** Declares {@code Degraded<String>} answers, and a fallback that answers an {@code int}: a definition error. */
@ApplicationScoped
public class DegradedMismatch {

    @Fallback(fallbackMethod = "count")
    public Degraded<String> fetch() {
        return Degraded.fresh("live");
    }

    int count() {
        return 0;
    }
}
