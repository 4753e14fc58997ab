/**
 * The programmatic API: {@link dev.steadfast.guard.Guard} and {@link dev.steadfast.guard.AsyncGuard} run calls
 * through the same engine as the annotations, for code that is not a CDI bean or has no container at all. Options
 * are checked when a guard is built, and a guard runs on the engine current at that moment: a running CDI container's,
 * else a standalone one (see {@code docs/programmatic.md}).
 */
package dev.steadfast.guard;
