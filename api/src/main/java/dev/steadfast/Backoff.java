package dev.steadfast;

/** How a {@link Retry} delay grows from one retry to the next. */
public enum Backoff {
    /** Every retry waits the base delay. */
    CONSTANT,
    /** The n-th retry waits {@code delay × factor^(n-1)}. */
    EXPONENTIAL,
    /** The n-th retry waits {@code delay × F(n)} with F = 1, 1, 2, 3, 5, 8, ... */
    FIBONACCI
}
