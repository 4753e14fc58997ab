package dev.steadfast.tck.validation;

import dev.steadfast.Timeout;
import jakarta.enterprise.context.Dependent;

@Dependent
public class ZeroTimeout {

    @Timeout(0)
    public String fetch() {
        return "x";
    }
}
