package dev.steadfast.tck.overload;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.KeyedBreaker;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NoKey {

    @CircuitBreaker
    @KeyedBreaker
    public String fetch(String tenant) {
        return "x";
    }
}
