package dev.steadfast.tck.breaker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/** Another bean class with the inherited guarded method: its own breaker (SPEC §3: per bean class and method). */
@ApplicationScoped
@Typed(SpecialQuotes.class)
public class SpecialQuotes extends BaseQuotes {
}
