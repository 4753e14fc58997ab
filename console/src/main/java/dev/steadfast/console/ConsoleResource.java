package dev.steadfast.console;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The console's endpoints, under the application's Jakarta REST root at {@code steadfast} (or the path set with
 * {@code steadfast.console.path}, which {@link ConsolePathFilter} maps here):
 * <ul>
 * <li>{@code GET /steadfast}: the page (HTML; its script and style sheet under {@code assets/});</li>
 * <li>{@code GET /steadfast/snapshot}: the latest snapshot as JSON;</li>
 * <li>{@code GET /steadfast/stream}: a snapshot a second as Server-Sent Events ({@code event: snapshot});</li>
 * <li>{@code POST /steadfast/breakers/force-open} and {@code .../reset} (form field {@code name}, header
 * {@value CsrfTokens#HEADER}): operator actions, only when {@code steadfast.console.control=true} and only for callers
 * in the role {@code steadfast.console.control-role}.</li>
 * </ul>
 * Reading never changes a breaker or a method's state.
 *
 * <p>A dependent bean, registered by {@link ConsoleExtension}, which adds the scope: the class carries no CDI scope
 * annotation, so a Jakarta REST runtime that reads scopes itself (Jersey's HK2) also accepts an instance of it.
 */
@Path(ConsoleConfig.DEFAULT_PATH)
public class ConsoleResource {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    private static final String EVENT_STREAM = "text/event-stream";
    private static final int PADDING = 16 * 1024;
    private static final byte[] PREAMBLE = ("retry: 2000\n: Steadfast console: a snapshot every second."
            + " Padding follows, so that servers that buffer responses send the events at once."
            + " ".repeat(PADDING) + "\n\n").getBytes(StandardCharsets.UTF_8);
    /** The page's own origin only: no inline script or style, no frame, no form or request elsewhere. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    private final Console console;
    private final Instance<CircuitBreakers> registry;

    /**
     * Not for use: RESTEasy (WildFly) looks for a public constructor before it asks CDI for the instance, which CDI
     * then builds with the injecting one. (The injection is in the constructor, not in fields, so that Jersey's HK2
     * leaves an instance handed to it alone.)
     */
    public ConsoleResource() {
        this.console = null;
        this.registry = null;
    }

    @Inject
    ConsoleResource(Console console, Instance<CircuitBreakers> registry) {
        this.console = console;
        this.registry = registry;
    }

    /** The page: the cards, the timeline and (for an operator, when control is on) the actions. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context UriInfo uri, @Context SecurityContext security) {
        ConsoleConfig config = console.config();
        String control;
        String token = "";
        if (!config.control()) {
            control = "off";
        } else if (security != null && security.isUserInRole(config.controlRole())) {
            control = "on";
            token = console.tokens().tokenFor(user(security));
        } else {
            control = "denied";
        }
        String requested = uri.getRequestUri().getRawPath();
        // Relative, so the page also works behind a proxy that serves the application under another prefix.
        String base = requested.endsWith("/") ? "./" : lastSegment(config.path()) + "/";
        String html = console.pageTemplate()
                .replace("{{base}}", Html.attribute(base))
                .replace("{{control}}", control)
                .replace("{{role}}", Html.text(config.controlRole()))
                .replace("{{csrf}}", Html.attribute(token));
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cacheControl(noStore())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    /** The page's script and style sheet. */
    @GET
    @Path("assets/{name}")
    public Response asset(@PathParam("name") String name) {
        Optional<byte[]> asset = console.asset(name);
        if (asset.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("No such asset of the Steadfast console").build();
        }
        CacheControl cache = new CacheControl();
        cache.setNoCache(true); // revalidate: a new version of the console serves new assets at once
        return Response.ok(asset.get(), Console.assetType(name)).cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** The latest snapshot (the format is in the module's README). */
    @GET
    @Path("snapshot")
    @Produces(MediaType.APPLICATION_JSON)
    public Response snapshot() {
        return Response.ok(console.snapshot().json(), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .cacheControl(noStore()).header("X-Content-Type-Options", "nosniff").build();
    }

    /**
     * A snapshot every second as Server-Sent Events, until the client goes away or the application stops. Written on
     * the request's own thread (no thread of the console's), which is why at most {@value Console#MAX_STREAMS} are
     * open at once. No {@code @Produces}: the response is a plain stream whose content type says what it is, so no
     * runtime takes it for its own Server-Sent Events support.
     */
    @GET
    @Path("stream")
    public Response stream() {
        if (!console.streamAllowed()) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Too many open streams of the Steadfast console (at most " + Console.MAX_STREAMS + ")")
                    .build();
        }
        StreamingOutput events = this::writeEvents;
        return Response.ok(events, EVENT_STREAM + ";charset=UTF-8").cacheControl(noStore())
                .header("X-Accel-Buffering", "no").header("X-Content-Type-Options", "nosniff").build();
    }

    private void writeEvents(OutputStream out) {
        console.streamOpened();
        try {
            // The browser reconnects 2 s after a dropped stream. Then a comment longer than the response buffer of
            // Jersey (Payara, Helidon: 8 KiB by default), which holds back a response until it is full or done and
            // ignores a flush until then; past it, every flush reaches the client at once.
            out.write(PREAMBLE);
            out.flush();
            long last = 0;
            while (!console.stopped()) {
                Snapshot s = console.snapshot();
                if (s.seq() > last) {
                    out.write(("id: " + s.seq() + "\nevent: snapshot\ndata: " + s.json() + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    last = s.seq();
                }
                console.awaitNextSnapshot();
            }
        } catch (IOException clientGone) {
            LOG.log(Level.DEBUG, "A Steadfast console stream ended: {0}", clientGone.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            console.streamClosed();
        }
    }

    /** Forces a breaker open: every call is rejected until a reset. */
    @POST
    @Path("breakers/force-open")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response forceOpen(@FormParam("name") String name, @HeaderParam(CsrfTokens.HEADER) String token,
            @Context SecurityContext security) {
        return act(name, token, security, "force-open", CircuitBreakerHandle::forceOpen);
    }

    /** Resets a breaker: CLOSED, with an empty window and cleared counters. */
    @POST
    @Path("breakers/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(@FormParam("name") String name, @HeaderParam(CsrfTokens.HEADER) String token,
            @Context SecurityContext security) {
        return act(name, token, security, "reset", CircuitBreakerHandle::reset);
    }

    private Response act(String name, String token, SecurityContext security, String action,
            Consumer<CircuitBreakerHandle> move) {
        ConsoleConfig config = console.config();
        if (!config.control()) {
            return refuse(Response.Status.NOT_FOUND, "Operator actions of the Steadfast console are off; "
                    + ConsoleConfig.CONTROL + "=true turns them on");
        }
        if (security == null || !security.isUserInRole(config.controlRole())) {
            return refuse(Response.Status.FORBIDDEN, "Operator actions of the Steadfast console need the role '"
                    + config.controlRole() + "' (" + ConsoleConfig.CONTROL_ROLE + ")");
        }
        if (!console.tokens().matches(user(security), token)) {
            return refuse(Response.Status.FORBIDDEN, "Missing or wrong " + CsrfTokens.HEADER
                    + " header: reload the console's page");
        }
        Optional<CircuitBreakerHandle> breaker = name == null || !registry.isResolvable() ? Optional.empty()
                : registry.get().find(name);
        if (breaker.isEmpty()) {
            return refuse(Response.Status.NOT_FOUND, "No circuit breaker of that name");
        }
        move.accept(breaker.get());
        LOG.log(Level.INFO, () -> "Steadfast console: " + user(security) + " did " + action + " on circuit '"
                + breaker.get().name() + "'; it is now " + breaker.get().state());
        String json = new Json().beginObject().name("breaker").value(breaker.get().name())
                .name("state").value(breaker.get().state().name()).endObject().toString();
        return Response.ok(json, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).cacheControl(noStore())
                .build();
    }

    private static Response refuse(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(message)
                .cacheControl(noStore()).build();
    }

    private static String user(SecurityContext security) {
        Principal p = security.getUserPrincipal();
        return p == null || p.getName() == null ? "" : p.getName();
    }

    private static CacheControl noStore() {
        CacheControl c = new CacheControl();
        c.setNoStore(true);
        return c;
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
