package dev.steadfast.tck.overload;

import dev.steadfast.BreakerKey;
import dev.steadfast.KeyedBreaker;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class KeyWithoutBreaker {

    @KeyedBreaker
    public String fetch(@BreakerKey String tenant) {
        return "x";
    }
}
