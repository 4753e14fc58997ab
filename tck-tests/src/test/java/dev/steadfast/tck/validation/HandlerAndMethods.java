package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.Dependent;

@Dependent
public class HandlerAndMethods {

    @Fallback(value = StringHandler.class, fallbackMethod = "backup")
    public String fetch() {
        return "x";
    }

    String backup() {
        return "backup";
    }
}
