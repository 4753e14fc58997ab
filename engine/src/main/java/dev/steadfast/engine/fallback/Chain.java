package dev.steadfast.engine.fallback;

import java.util.List;

/** What both fallback strategies do when every fallback of a chain failed. */
final class Chain {

    private Chain() {
    }

    /** The last failure, with the earlier ones suppressed. */
    static Throwable suppressing(Throwable last, List<Throwable> earlier) {
        if (earlier != null) {
            for (Throwable t : earlier) {
                if (t != last) {
                    last.addSuppressed(t);
                }
            }
        }
        return last;
    }
}
