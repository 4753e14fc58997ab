/**
 * The programmatic API: {@link dev.steadfast.guard.Guard} and {@link dev.steadfast.guard.AsyncGuard} run calls
 * through the same engine as the annotations, for code that is not a CDI bean or has no container at all.
 */
package dev.steadfast.guard;
