/**
 * The engine: plain Java that turns a {@link dev.steadfast.engine.GuardPolicy} (what one guarded operation needs)
 * into a chain of strategies and runs calls through it, with the clock, timer, executor and listeners one application
 * shares ({@link dev.steadfast.engine.Engine}). It knows nothing of CDI, MicroProfile or servers: front ends describe
 * policies, the engine builds them, in the order of {@code docs/order-and-state.md}.
 */
package dev.steadfast.engine;
