package dev.steadfast;

/** How a {@link RateLimit} counts calls over time. */
public enum RateLimitType {
    /** Windows back to back, each with a fresh budget of permits. */
    FIXED,
    /** A window sliding with time: at most the permits in any window-long span ending now. */
    ROLLING,
    /** A token bucket: permits come back one by one, evenly spread over the window. */
    SMOOTH
}
