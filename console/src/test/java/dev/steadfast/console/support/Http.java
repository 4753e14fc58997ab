package dev.steadfast.console.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A plain HTTP client for the console's endpoints, as {@code curl} would use them. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code form} (form-encoded) with the given headers. */
    public static HttpResponse<String> post(URI uri, Map<String, String> form, String... headers)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** The snapshot endpoint's answer, parsed. */
    public static JsonObject snapshot(URI console) throws IOException, InterruptedException {
        HttpResponse<String> r = get(console.resolve("snapshot"));
        if (r.statusCode() != 200) {
            throw new AssertionError("snapshot: HTTP " + r.statusCode() + ": " + r.body());
        }
        return json(r.body());
    }

    /** An open event stream: its response (status, headers) and its events as they come. */
    public static final class EventStream implements AutoCloseable {

        public final HttpResponse<InputStream> response;
        private final BufferedReader reader;

        EventStream(HttpResponse<InputStream> response) {
            this.response = response;
            this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        }

        /** The lines of the next event (up to its blank line), or an empty list at the end of the stream. */
        public List<String> next() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!lines.isEmpty()) {
                        return lines;
                    }
                } else {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** The data of the next {@code snapshot} event, parsed. */
        public JsonObject nextSnapshot() throws IOException {
            while (true) {
                List<String> event = next();
                if (event.isEmpty()) {
                    throw new AssertionError("the stream ended");
                }
                if (event.contains("event: snapshot")) {
                    for (String l : event) {
                        if (l.startsWith("data: ")) {
                            return json(l.substring("data: ".length()));
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    public static EventStream stream(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
        return new EventStream(CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }
}
