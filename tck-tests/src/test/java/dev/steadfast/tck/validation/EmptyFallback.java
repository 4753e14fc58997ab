package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.Dependent;

@Dependent
public class EmptyFallback {

    @Fallback
    public String fetch() {
        return "x";
    }
}
