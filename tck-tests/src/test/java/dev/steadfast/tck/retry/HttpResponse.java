package dev.steadfast.tck.retry;

/** What a remote call answered. */
public record HttpResponse(int status, String body) {
}
