package dev.steadfast.tck.validation;

import jakarta.enterprise.context.Dependent;

import java.util.function.Predicate;

/** Not public, but a CDI bean: the container creates it. */
@Dependent
class PackageBeanPredicate implements Predicate<Object> {

    @Override
    public boolean test(Object result) {
        return "".equals(result);
    }
}
