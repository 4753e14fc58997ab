/**
 * Time: the {@link dev.steadfast.engine.time.Clock} and {@link dev.steadfast.engine.time.Timer} seams, the real ones
 * (one timer thread per engine) and the manual ones that tests step. No strategy reads {@code System.nanoTime()} or
 * sleeps by itself; everything that waits or measures goes through these.
 */
package dev.steadfast.engine.time;
