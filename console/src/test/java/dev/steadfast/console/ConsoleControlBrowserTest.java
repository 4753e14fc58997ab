package dev.steadfast.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitState;
import dev.steadfast.console.app.Backend;
import dev.steadfast.console.support.Browser;
import dev.steadfast.console.support.EmbeddedConsole;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operator actions in a real headless Chromium, with {@code steadfast.console.control=true}: refused (403) to callers
 * without the role, working for an operator.
 */
class ConsoleControlBrowserTest {

    /** A POST from the page's own script, as a forged button would send it; answers the HTTP status. */
    private static final String POST_FROM_THE_PAGE = """
            const done = arguments[arguments.length - 1];
            fetch('breakers/force-open', {method: 'POST',
                headers: {'Content-Type': 'application/x-www-form-urlencoded',
                          'X-Steadfast-Csrf': document.body.dataset.csrf},
                body: 'name=payments'})
              .then(r => done(r.status), e => done(String(e)));
            """;

    private static EmbeddedConsole app;
    private static Browser browser;
    private static URI page;

    @BeforeAll
    static void start() throws IOException {
        app = EmbeddedConsole.start(Map.of(ConsoleConfig.CONTROL, "true"), Backend.class);
        page = app.root().resolve("steadfast");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            app.close();
        }
    }

    @BeforeEach
    void closedBreakers() {
        app.select(CircuitBreakers.class).all().forEach(b -> b.reset());
    }

    private void openAs(String user) {
        browser.signIn(app.root().resolve("steadfast/assets/console.css"), user);
        browser.open(page);
        browser.waitFor(Duration.ofSeconds(10), d -> "live".equals(browser.find(By.id("status")).getText()));
    }

    private WebElement breakerCard(String name) {
        return browser.findAll(By.cssSelector("article[data-breaker]")).stream()
                .filter(e -> name.equals(e.getAttribute("data-breaker"))).findFirst()
                .orElseThrow(() -> new AssertionError("no card of breaker " + name));
    }

    @Test
    void withoutTheRoleThereAreNoActionsAndAForgedOneIsRefused() {
        for (String user : new String[] {"viewer", null}) {
            openAs(user);

            assertEquals("denied", browser.find(By.tagName("body")).getAttribute("data-control"));
            assertEquals(List.of(), browser.findAll(By.cssSelector("button[data-action]")), "as " + user);
            assertTrue(browser.find(By.id("control-note")).isDisplayed());
            assertTrue(browser.find(By.id("control-note")).getText().contains("steadfast-operator"));
            assertEquals(403L, browser.asyncScript(POST_FROM_THE_PAGE), "as " + user);
            assertEquals(CircuitState.CLOSED, app.select(CircuitBreakers.class).get("payments").state());
        }
    }

    @Test
    void anOperatorForcesABreakerOpenAndResetsIt() throws IOException {
        openAs("operator");
        CircuitBreakers breakers = app.select(CircuitBreakers.class);

        breakerCard("payments").findElement(By.cssSelector("button[data-action=force-open]")).click();
        browser.waitFor(Duration.ofSeconds(2), d -> "FORCED_OPEN".equals(breakerCard("payments")
                .getAttribute("data-state")));
        assertEquals(CircuitState.FORCED_OPEN, breakers.get("payments").state());
        assertTrue(breakerCard("payments").findElement(By.className("result")).getText().contains("FORCED_OPEN"));
        browser.screenshot("operator-forced-open");

        breakerCard("payments").findElement(By.cssSelector("button[data-action=reset]")).click();
        browser.waitFor(Duration.ofSeconds(2), d -> "CLOSED".equals(breakerCard("payments")
                .getAttribute("data-state")));
        assertEquals(CircuitState.CLOSED, breakers.get("payments").state());
    }

    /** The screenshot of the README: an open breaker, calls running, a bulkhead and a rate limit in use. */
    @Test
    void aBusyApplicationAsAnOperatorSeesIt() throws Exception {
        Backend backend = app.select(Backend.class);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> traffic = callers.submit(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int i = 0; running.get() && System.nanoTime() < deadline; i++) {
                backend.quote(i % 7 == 0);
                if (i % 3 == 0) {
                    try {
                        backend.charge(true);
                    } catch (IOException | RuntimeException expected) {
                        // failures and, once it opened, rejections: what the page shows
                    }
                }
                Thread.sleep(15);
            }
            return null;
        });
        Future<String> held = callers.submit(() -> backend.hold(entered, release));
        try {
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                backend.limited();
            }
            backend.hostile();
            openAs("operator");
            browser.waitFor(Duration.ofSeconds(15), d -> "OPEN".equals(breakerCard("payments")
                    .getAttribute("data-state")) ? true : null);
            // A dozen seconds of history, so the sparklines have something to show.
            browser.waitFor(Duration.ofSeconds(25), d -> browser.findAll(By.cssSelector("svg.sparkline")).stream()
                    .anyMatch(e -> Integer.parseInt(e.getAttribute("data-points")) >= 12));
            browser.screenshot("console");
        } finally {
            running.set(false);
            release.countDown();
            traffic.get(10, TimeUnit.SECONDS);
            assertEquals("held", held.get(10, TimeUnit.SECONDS));
            callers.shutdown();
        }
        assertThrows(RuntimeException.class, () -> backend.charge(false), "the breaker is open");
    }
}
