package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.engine.Strategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link Breaker#retryAfter()}: the operator's view of the time left OPEN. */
class RetryAfterTest extends Fixture {

    @Test
    void isEmptyWhileClosed() {
        assertEquals(Optional.empty(), breaker(policy(2, 1.0)).retryAfter());
    }

    @Test
    void whileOpenIsTheTimeLeftUntilHalfOpenAsTheRejectionSays() {
        Breaker b = breaker(policy(2, 1.0));
        Strategy<String> s = sync(b);
        fail(s, 2);
        assertEquals(Optional.of(Duration.ofSeconds(5)), b.retryAfter());

        clock.advance(Duration.ofSeconds(2));

        assertEquals(Optional.of(Duration.ofSeconds(3)), b.retryAfter());
        CircuitOpenException rejected = assertThrows(CircuitOpenException.class, () -> succeed(s));
        assertEquals(rejected.getRetryAfter(), b.retryAfter().orElseThrow());
    }

    @Test
    void isEmptyOnceHalfOpenAndWhenForcedOpen() {
        Breaker b = breaker(policy(2, 1.0));
        fail(sync(b), 2);
        assertEquals(OPEN, b.state());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(HALF_OPEN, b.state());
        assertEquals(Optional.empty(), b.retryAfter());

        b.forceOpen();

        assertEquals(Optional.empty(), b.retryAfter(), "only an operator ends FORCED_OPEN");
    }
}
