/**
 * Health: the report that puts the registered component checks beside the circuit breakers. Each check runs on the
 * asynchronous executor, on demand or on a schedule, with a timeout the timer arms; a check that hangs or throws is
 * reported FAILING, never a hung report (see {@code docs/degradation.md}).
 */
package dev.steadfast.engine.health;
