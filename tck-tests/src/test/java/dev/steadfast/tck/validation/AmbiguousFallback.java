package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.Dependent;

@Dependent
public class AmbiguousFallback {

    @Fallback(fallbackMethod = "backup")
    public String fetch(String id) {
        return id;
    }

    String backup(String id) {
        return "backup";
    }

    String backup(String id, Throwable failure) {
        return "backup after " + failure;
    }
}
