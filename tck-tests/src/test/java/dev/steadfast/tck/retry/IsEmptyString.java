package dev.steadfast.tck.retry;

import java.util.function.Predicate;

/** Rejects empty answers. */
public class IsEmptyString implements Predicate<Object> {

    @Override
    public boolean test(Object result) {
        return "".equals(result);
    }
}
