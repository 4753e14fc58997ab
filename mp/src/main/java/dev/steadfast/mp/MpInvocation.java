package dev.steadfast.mp;

import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.cdi.InterceptedCall;
import jakarta.interceptor.InvocationContext;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One intercepted call as the engine sees it. For an {@code @Asynchronous} method returning {@code Future}, one
 * attempt's stage holds the method's {@code Future} itself: MicroProfile applies fault tolerance to the invocation,
 * never to how that future completes. Also remembers the running attempt so that the caller can cancel it.
 */
final class MpInvocation extends InterceptedCall {

    private final MpOperation.Kind kind;
    private volatile boolean cancelled;
    private volatile CompletionStage<?> running;
    /** Attempts made so far (counted only when metrics are on). */
    final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    /** Whether a fallback answered for this call (tracked only when metrics are on). */
    volatile boolean fallbackApplied;

    MpInvocation(InvocationContext context, MpOperation.Kind kind) {
        super(context);
        this.kind = kind;
    }

    @Override
    public Object proceed() throws Exception {
        if (cancelled) {
            throw new CancellationException("The caller cancelled the call of " + context.getMethod());
        }
        Object result = context.proceed();
        return kind == MpOperation.Kind.FUTURE ? CompletableFuture.completedFuture(result) : result;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** The stage of the attempt now running, set by the chain right above the asynchronous offload. */
    void running(CompletionStage<?> stage) {
        running = stage;
        if (cancelled) {
            interruptRunning();
        }
    }

    /**
     * The caller cancelled: no further attempt starts; with {@code interrupt}, the running attempt is cancelled too,
     * which interrupts its thread. Without it, the attempt runs to its end and keeps its bulkhead permit meanwhile.
     */
    void cancel(boolean interrupt) {
        cancelled = true;
        if (interrupt) {
            interruptRunning();
        }
    }

    private void interruptRunning() {
        CompletionStage<?> s = running;
        if (s != null) {
            ForwardingStage.cancel(s);
        }
    }
}
