package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.Dependent;

@Dependent
public class MissingFallback {

    @Fallback(fallbackMethod = "nowhere")
    public String fetch(String id) {
        return id;
    }
}
