package dev.steadfast.tck.config;

/** The switch of strict config, for tests that show what happens to keys nothing reads. */
final class StrictConfigKey {

    /** Set to {@code false}: unknown keys are logged, not a deployment error. */
    static final String OFF = "steadfast.config.strict";

    private StrictConfigKey() {
    }
}
