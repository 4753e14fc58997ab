package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** Always answers with an empty string, which a configured result predicate may reject. */
@ApplicationScoped
public class EmptyAnswers {

    private final AtomicInteger attempts = new AtomicInteger();

    @Retry(maxRetries = 2)
    public String fetch() {
        attempts.incrementAndGet();
        return "";
    }

    @Fallback(StringHandler.class)
    public String read() {
        throw new IllegalStateException("down");
    }

    /** The annotation itself may name a class whose constructor is private: annotations keep their own rules. */
    @Retry(maxRetries = 1, retryOnResult = HiddenConstructorPredicate.class)
    public String annotated() {
        attempts.incrementAndGet();
        return "";
    }

    public int attempts() {
        return attempts.get();
    }
}
