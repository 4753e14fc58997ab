package dev.steadfast.tck.async;

import dev.steadfast.Asynchronous;
import jakarta.enterprise.context.ApplicationScoped;

/** A broken definition: {@code @Asynchronous} on a method that does not return a stage. */
@ApplicationScoped
public class NotAStage {

    @Asynchronous
    public String call() {
        return "never deployed";
    }
}
