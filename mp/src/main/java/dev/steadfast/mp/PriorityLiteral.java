package dev.steadfast.mp;

import jakarta.annotation.Priority;
import jakarta.enterprise.util.AnnotationLiteral;

/** {@code @Priority(value)}, to move the interceptor to the configured priority. */
final class PriorityLiteral extends AnnotationLiteral<Priority> implements Priority {

    private static final long serialVersionUID = 1L;

    private final int value;

    PriorityLiteral(int value) {
        this.value = value;
    }

    @Override
    public int value() {
        return value;
    }
}
