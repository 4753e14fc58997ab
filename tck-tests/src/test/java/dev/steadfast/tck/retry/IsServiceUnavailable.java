package dev.steadfast.tck.retry;

import java.util.function.Predicate;

/** Rejects HTTP 503 answers. Not a CDI bean in these tests: Steadfast creates it with its no-arg constructor. */
public class IsServiceUnavailable implements Predicate<Object> {

    @Override
    public boolean test(Object result) {
        return result instanceof HttpResponse r && r.status() == 503;
    }
}
