package dev.steadfast.tck.breaker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** Another bean class with the inherited guarded method: its own breaker (docs/order-and-state.md). */
@ApplicationScoped
@Typed(SpecialQuotes.class)
public class SpecialQuotes extends BaseQuotes {
}
