package dev.steadfast.tck.degradation;

import dev.steadfast.Degraded;
import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

/** Declares {@code Degraded<String>} answers, with a handler of {@code Integer}: a definition error. */
@ApplicationScoped
public class DegradedHandlerMismatch {

    @Fallback(CountHandler.class)
    public Degraded<String> fetch() {
        return Degraded.fresh("live");
    }
}
