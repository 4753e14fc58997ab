/**
 * What both CDI front ends of Steadfast share: {@code steadfast-impl} (Steadfast's own annotations) and
 * {@code steadfast-mp} (MicroProfile Fault Tolerance's). Small adapters between CDI and the engine; no extension and
 * no interceptor live here, so an application carries only the front end it uses.
 */
package dev.steadfast.cdi;
