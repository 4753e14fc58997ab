/**
 * The CDI integration: one portable extension ({@link dev.steadfast.impl.cdi.SteadfastExtension}) that reads the
 * annotations and config, validates them and has the engine build every chain while the container starts, and one
 * interceptor ({@link dev.steadfast.impl.cdi.SteadfastInterceptor}) that only runs the prepared chain of a method.
 * Nothing is read, resolved or validated per call (see {@code docs/configuration.md} and {@code docs/deployment.md}).
 */
package dev.steadfast.impl.cdi;
