/**
 * Rate limits: the {@code FIXED}, {@code ROLLING} and {@code SMOOTH} limiters and the strategies that ask them for a
 * permit at the clock's current time. Each limiter is a pure, lock-free state machine: it reads its state once,
 * decides, and publishes the change with one compare-and-set; a rejection changes nothing (see
 * {@code docs/annotations.md}).
 */
package dev.steadfast.engine.ratelimit;
