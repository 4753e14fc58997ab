package dev.steadfast.spi;

/** A live, read-only view of one operation's bulkhead, for gauges. Thread-safe; reading never blocks. */
public interface ObservedBulkhead {

    /** Calls allowed to run at once ({@code @Bulkhead.value}). */
    int maxConcurrent();

    /** Calls running now, each holding a permit. */
    int inUse();

    /** Calls waiting for a permit now (queued asynchronous calls, or synchronous callers within {@code maxWait}). */
    int queued();
}
