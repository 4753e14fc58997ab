package dev.steadfast.impl.cdi;

import dev.steadfast.FaultToleranceDefinitionException;

import java.util.ArrayList;
import java.util.List;

/** The definition errors found at deployment; every one is reported, not just the first. */
final class Problems {

    private final List<FaultToleranceDefinitionException> found = new ArrayList<>();

    void add(String message) {
        found.add(new FaultToleranceDefinitionException(message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    List<FaultToleranceDefinitionException> all() {
        return List.copyOf(found);
    }
}
