package dev.steadfast.tck.validation;

import java.util.function.Predicate;

/** Not a CDI bean, and without a no-arg constructor: Steadfast cannot create it. */
public class NeedsArgumentPredicate implements Predicate<Object> {

    private final String rejected;

    public NeedsArgumentPredicate(String rejected) {
        this.rejected = rejected;
    }

    @Override
    public boolean test(Object result) {
        return rejected.equals(result);
    }
}
