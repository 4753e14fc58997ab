package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.Dependent;

@Dependent
public class MismatchedFallback {

    @Fallback(fallbackMethod = "backup")
    public String fetch(String id) {
        return id;
    }

    String backup(int id) {
        return "backup";
    }
}
