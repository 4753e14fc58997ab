package dev.steadfast.console;

/**
 * One snapshot of every guarded method and breaker, as the console sends it: its sequence number (one more per sample)
 * and its JSON text (the format is in the module's README). Immutable; one is shared by every watcher.
 *
 * @param seq  the sample it was built from, from 1
 * @param json the snapshot as JSON, one line
 */
record Snapshot(long seq, String json) {
}
