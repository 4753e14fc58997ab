package dev.steadfast.mp;

import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.util.concurrent.CompletionStage;

/**
 * Decorators that watch one concern of the chain for {@link MpMetrics}: they see each call's start and outcome and
 * report it before anyone outside them hears of the outcome (so a caller who reads a metric right after its call
 * finds it counted). With metrics off they are not in the chain at all.
 */
final class MpObservers {

    private MpObservers() {
    }

    /** What one observer does at the start and at the end of a call through it. */
    private interface Observer {

        /** Returns what {@link #ended} needs; a {@link MpChain.Forwarding} is also passed down as the invocation. */
        Object started(Invocation<Object> invocation);

        void ended(Object token, Throwable failure);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Strategy<Object> observed(boolean staged, Strategy<Object> next, Observer observer) {
        if (!staged) {
            return invocation -> {
                Object token = observer.started(invocation);
                Invocation<Object> down = token instanceof MpChain.Forwarding f ? f : invocation;
                Object result;
                try {
                    result = next.call(down);
                } catch (Throwable t) {
                    observer.ended(token, t);
                    throw Failures.sneakyThrow(t);
                }
                observer.ended(token, null);
                return result;
            };
        }
        return invocation -> {
            Object token = observer.started(invocation);
            Invocation<Object> down = token instanceof MpChain.Forwarding f ? f : invocation;
            CompletionStage<Object> inner;
            try {
                inner = (CompletionStage<Object>) next.call(down);
            } catch (Throwable t) {
                observer.ended(token, t);
                throw Failures.sneakyThrow(t);
            }
            if (inner == null) {
                observer.ended(token, null);
                return null;
            }
            MpChain.Held<Object> result = new MpChain.Held<>(inner);
            inner.whenComplete((value, error) -> {
                Throwable failure = error == null ? null : Failures.unwrap(error);
                observer.ended(token, failure);
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
            return (Object) result;
        };
    }

    /** One pass through the bulkhead: when it entered, whether and when it started running. */
    private static final class Pass extends MpChain.Forwarding {

        final long entered = System.nanoTime();
        volatile boolean started;

        Pass(Invocation<Object> call) {
            super(call);
        }
    }

    /** Outside the bulkhead: accepted or rejected calls, and waiting calls for asynchronous methods. */
    static Strategy<Object> bulkheadOutside(boolean staged, Strategy<Object> next, MpMetrics m) {
        if (m == null) {
            return next;
        }
        return observed(staged, next, new Observer() {
            @Override
            public Object started(Invocation<Object> invocation) {
                if (staged) {
                    m.waiting.incrementAndGet();
                }
                return new Pass(invocation);
            }

            @Override
            public void ended(Object token, Throwable failure) {
                Pass pass = (Pass) token;
                if (!pass.started && staged) {
                    m.waiting.decrementAndGet();
                }
                m.bulkheadCall(pass.started || !(failure instanceof BulkheadException));
            }
        });
    }

    /** Inside the bulkhead: running calls and how long they waited and ran. */
    static Strategy<Object> bulkheadInside(boolean staged, Strategy<Object> next, MpMetrics m) {
        if (m == null) {
            return next;
        }
        return observed(staged, next, new Observer() {
            @Override
            public Object started(Invocation<Object> invocation) {
                Pass pass = MpChain.find(invocation, Pass.class);
                long now = System.nanoTime();
                m.running.incrementAndGet();
                if (pass != null) {
                    pass.started = true;
                    if (staged) {
                        m.waiting.decrementAndGet();
                        m.waited(now - pass.entered);
                    }
                }
                return now;
            }

            @Override
            public void ended(Object token, Throwable failure) {
                m.running.decrementAndGet();
                m.ran(System.nanoTime() - (Long) token);
            }
        });
    }

    /** Around the timeout: calls that timed out or not, and how long they took. */
    static Strategy<Object> timeout(boolean staged, Strategy<Object> next, MpMetrics m) {
        if (m == null) {
            return next;
        }
        return observed(staged, next, new Observer() {
            @Override
            public Object started(Invocation<Object> invocation) {
                return System.nanoTime();
            }

            @Override
            public void ended(Object token, Throwable failure) {
                m.timedOut(failure instanceof TimeoutException, System.nanoTime() - (Long) token);
            }
        });
    }

    /** Around the breaker: successes, failures (as its failOn and skipOn count them) and rejections. */
    static Strategy<Object> breaker(boolean staged, Strategy<Object> next, MpMetrics m, BreakerPolicy policy) {
        if (m == null) {
            return next;
        }
        ExceptionMatcher failOn = policy.failOn();
        return observed(staged, next, new Observer() {
            @Override
            public Object started(Invocation<Object> invocation) {
                return null;
            }

            @Override
            public void ended(Object token, Throwable failure) {
                m.breakerCall(failure == null ? "success"
                        : failure instanceof CircuitBreakerOpenException ? "circuitBreakerOpen"
                        : failOn.test(failure) ? "failure" : "success");
            }
        });
    }

    /** Right inside the retry: counts the attempts of the call. */
    static Strategy<Object> attempt(boolean staged, Strategy<Object> next, MpMetrics m) {
        if (m == null) {
            return next;
        }
        return invocation -> {
            MpInvocation call = MpChain.callOf(invocation);
            if (call != null) {
                call.attempts.incrementAndGet();
            }
            return next.call(invocation);
        };
    }

    /** Around the retry: how the call ended and how many retries it took. */
    static Strategy<Object> retry(boolean staged, Strategy<Object> next, MpMetrics m, RetryPolicy policy) {
        if (m == null) {
            return next;
        }
        return retryObserved(staged, next, m, policy, policy.retryOn());
    }

    private static Strategy<Object> retryObserved(boolean staged, Strategy<Object> next, MpMetrics m,
            RetryPolicy policy, ExceptionMatcher retryOn) {
        final class Token {
            final MpInvocation call;
            final int before;

            Token(MpInvocation call) {
                this.call = call;
                this.before = call == null ? 0 : call.attempts.get();
            }
        }
        return observed(staged, next, new Observer() {
            @Override
            public Object started(Invocation<Object> invocation) {
                return new Token(MpChain.callOf(invocation));
            }

            @Override
            public void ended(Object token, Throwable failure) {
                Token t = (Token) token;
                int attempts = t.call == null ? 1 : t.call.attempts.get() - t.before;
                int retries = Math.max(0, attempts - 1);
                String result;
                if (failure == null) {
                    result = "valueReturned";
                } else if (retryOn.excluded(failure) || !retryOn.included(failure)) {
                    result = "exceptionNotRetryable";
                } else if (policy.maxRetries() >= 0 && retries >= policy.maxRetries()) {
                    result = "maxRetriesReached";
                } else {
                    result = "maxDurationReached";
                }
                m.retried(retries, result);
            }
        });
    }
}
