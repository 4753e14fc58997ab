package dev.steadfast.cdi;

import jakarta.annotation.Priority;
import jakarta.enterprise.util.AnnotationLiteral;

/**
 * {@code @Priority(value)} as an instance: a front end's extension puts it on its interceptor's annotated type to
 * move the interceptor to the priority its configuration names.
 */
public final class PriorityLiteral extends AnnotationLiteral<Priority> implements Priority {

    private static final long serialVersionUID = 1L;

    private final int value;

    /** {@code @Priority(value)}. */
    public PriorityLiteral(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
