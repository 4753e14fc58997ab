package dev.steadfast.restclient;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Hands what the {@link HttpFailureMapper} and {@link RetryableStatus} need to know about the request to them: a
 * {@code ResponseExceptionMapper} sees only the response. For a response whose status either of them judges, this
 * filter adds one header, {@value #HEADER}, holding the HTTP method, whether the request is safe to send again,
 * whether the invoked interface method returns {@code Response}, and the URI without query, fragment and user info.
 * It copies no request header: of the idempotency key it notes only that it was there.
 *
 * <p>Registered with the mapper on every rest client by the module's {@code RestClientListener}; register it yourself
 * ({@code @RegisterProvider(RequestFacts.class)}) where you register the mapper yourself.
 */
public final class RequestFacts implements ClientResponseFilter {

    /** The response header this filter adds. */
    public static final String HEADER = "Steadfast-Request";

    /** The property MicroProfile Rest Client sets on every request: the interface method invoked. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    /** RFC 9110's idempotent methods. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final RestClientSettings settings;

    /** With the settings config gives now. */
    public RequestFacts() {
        this(RestClientSettings.current());
    }

    RequestFacts(RestClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        int status = response.getStatus();
        if (!HttpFailureMapper.isTransient(status) && !settings.retryableStatuses().contains(status)) {
            return;
        }
        String method = request.getMethod();
        boolean safe = IDEMPOTENT.contains(method)
                || request.getHeaderString(settings.idempotencyKeyHeader()) != null;
        boolean returnsResponse = request.getProperty(INVOKED_METHOD) instanceof Method m && returnsResponse(m);
        response.getHeaders().putSingle(HEADER, new Facts(method, safe, returnsResponse,
                withoutQuery(request.getUri())).encode());
    }

    /** What the filter noted about one request. */
    record Facts(String method, boolean safeToRetry, boolean returnsResponse, String uri) {

        static final Facts UNKNOWN = new Facts("?", false, false, "?");

        String encode() {
            return method + " " + (safeToRetry ? 1 : 0) + " " + (returnsResponse ? 1 : 0) + " " + uri;
        }

        /** The facts of a response, {@link #UNKNOWN} when the filter did not run. */
        static Facts of(Response response) {
            return decode(response.getHeaderString(HEADER));
        }

        static Facts of(MultivaluedMap<String, Object> headers) {
            Object v = headers == null ? null : headers.getFirst(HEADER);
            return decode(v == null ? null : v.toString());
        }

        static Facts decode(String value) {
            if (value == null) {
                return UNKNOWN;
            }
            String[] parts = value.split(" ", 4);
            if (parts.length != 4) {
                return UNKNOWN;
            }
            return new Facts(parts[0], parts[1].equals("1"), parts[2].equals("1"), parts[3]);
        }
    }

    private static boolean returnsResponse(Method m) {
        if (m.getReturnType() == Response.class) {
            return true;
        }
        Type t = m.getGenericReturnType();
        return t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && CompletionStage.class.isAssignableFrom(raw) && p.getActualTypeArguments()[0] == Response.class;
    }

    /** {@code http://host:port/path}: no query (it may carry keys or the caller's data), fragment or user info. */
    static String withoutQuery(URI uri) {
        if (uri == null) {
            return "?";
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        }
    }
}
