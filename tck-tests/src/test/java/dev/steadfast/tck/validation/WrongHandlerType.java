package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.Dependent;

@Dependent
public class WrongHandlerType {

    @Fallback(IntegerHandler.class)
    public String fetch() {
        return "x";
    }
}
