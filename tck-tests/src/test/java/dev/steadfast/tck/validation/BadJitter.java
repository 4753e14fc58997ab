package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BadJitter {

    @Retry(jitter = 1.5)
    public String fetch() {
        return "x";
    }
}
