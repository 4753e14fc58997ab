package dev.steadfast.tck.validation;

import dev.steadfast.Backoff;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.Dependent;

/** Several broken definitions in one bean, one of them with three problems. */
@Dependent
public class ManyProblems {

    @Retry(maxRetries = -2, backoff = Backoff.EXPONENTIAL, factor = 0.5, jitter = 1.5)
    public String fetch() {
        return "x";
    }

    @Timeout(0)
    public String slow() {
        return "x";
    }

    @Fallback(fallbackMethod = "nowhere")
    public String fragile() {
        return "x";
    }
}
