package dev.steadfast.tck.validation;

import dev.steadfast.Timeout;
import jakarta.enterprise.context.Dependent;

/** A correct definition, broken by config in the tests. */
@Dependent
public class ValidTimeout {

    @Timeout
    public String fetch() {
        return "x";
    }
}
