package dev.steadfast.impl.cdi;

/**
 * A resolved member value and where it came from, so that a rule broken later can name the config key.
 *
 * @param value the value
 * @param raw   the value as written (annotation value or config string)
 * @param key   the config key it came from, or {@code null} when it is the annotation's
 */
record Value<T>(T value, String raw, String key) implements Written {

    /** {@code 1.5} or {@code 1.5 (from config key steadfast.global.retry.jitter)}. */
    @Override
    public String shown() {
        return key == null ? raw : raw + " (from config key " + key + ")";
    }
}
