package dev.steadfast.impl.cdi;

/** A member's value as the user wrote it, for messages: an annotation value, or a config value with its key. */
interface Written {

    /** {@code 1.5}, or {@code 1.5 (from config key steadfast.global.retry.jitter)}. */
    String shown();

    /** As {@link #shown()}, with the unit of a bare time number: for rules that compare times. */
    default String shownWithUnit() {
        return shown();
    }

    /** Whether reading it already reported a problem, so that no rule judges the stand-in value. */
    default boolean broken() {
        return false;
    }
}
