package dev.steadfast.tck.validation;

import dev.steadfast.Timeout;
import jakarta.enterprise.context.Dependent;

@Dependent
public class NegativeTimeout {

    @Timeout(-1)
    public String fetch() {
        return "x";
    }
}
