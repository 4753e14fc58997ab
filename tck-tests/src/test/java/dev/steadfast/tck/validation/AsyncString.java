package dev.steadfast.tck.validation;

import dev.steadfast.Asynchronous;
import jakarta.enterprise.context.Dependent;

@Dependent
public class AsyncString {

    @Asynchronous
    public String fetch() {
        return "x";
    }
}
