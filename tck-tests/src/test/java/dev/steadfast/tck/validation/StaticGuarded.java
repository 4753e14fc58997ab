package dev.steadfast.tck.validation;

import dev.steadfast.Timeout;
import jakarta.enterprise.context.Dependent;

@Dependent
public class StaticGuarded {

    @Timeout
    public static String fetch() {
        return "x";
    }
}
