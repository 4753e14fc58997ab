package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class PrivateGuarded {

    public String call() {
        return fetch();
    }

    @Retry
    private String fetch() {
        return "x";
    }
}
