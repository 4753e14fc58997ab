package dev.steadfast.tck.validation;

import java.util.function.Predicate;

/** Public, with a public no-arg constructor: fit to be named in config. */
public class RejectsEmpty implements Predicate<Object> {

    @Override
    public boolean test(Object result) {
        return "".equals(result);
    }
}
