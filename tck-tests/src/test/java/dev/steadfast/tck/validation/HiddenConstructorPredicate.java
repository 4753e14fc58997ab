package dev.steadfast.tck.validation;

import java.util.function.Predicate;

/** Public, but only its own code may create it. */
public class HiddenConstructorPredicate implements Predicate<Object> {

    private HiddenConstructorPredicate() {
    }

    @Override
    public boolean test(Object result) {
        return "".equals(result);
    }
}
