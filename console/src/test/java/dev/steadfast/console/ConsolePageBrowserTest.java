package dev.steadfast.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitBreakers;
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
 * The page in a real headless Chromium, with operator actions off (the default): it loads cleanly, follows the
 * application live, and shows hostile names as text.
 */
class ConsolePageBrowserTest {

    private static final String CHARGE = "dev.steadfast.console.app.Backend#charge(boolean)";
    private static final String QUOTE = "dev.steadfast.console.app.Backend#quote(boolean)";

    private static EmbeddedConsole app;
    private static Browser browser;
    private static URI page;

    @BeforeAll
    static void start() throws IOException {
        app = EmbeddedConsole.start(Map.of(), Backend.class);
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
    void freshPage() {
        app.select(CircuitBreakers.class).all().forEach(b -> b.reset());
        browser.open(page);
        browser.waitFor(Duration.ofSeconds(10), d -> "live".equals(browser.find(By.id("status")).getText()));
    }

    private WebElement breakerCard(String name) {
        return browser.findAll(By.cssSelector("article[data-breaker]")).stream()
                .filter(e -> name.equals(e.getAttribute("data-breaker"))).findFirst()
                .orElseThrow(() -> new AssertionError("no card of breaker " + name));
    }

    private WebElement operationCard(String method) {
        return browser.findAll(By.cssSelector("article[data-method]")).stream()
                .filter(e -> method.equals(e.getAttribute("data-method"))).findFirst()
                .orElseThrow(() -> new AssertionError("no card of " + method));
    }

    @Test
    void thePageLoadsWithoutConsoleErrors() throws IOException {
        browser.consoleErrors(); // what an earlier page logged
        browser.open(page);
        browser.waitFor(Duration.ofSeconds(10), d -> "live".equals(browser.find(By.id("status")).getText()));
        browser.waitFor(Duration.ofSeconds(5), d -> browser.findAll(By.cssSelector("article[data-method]")).size() == 5);

        assertEquals(2, browser.findAll(By.cssSelector("article[data-breaker]")).size());
        assertEquals("Steadfast console", browser.driver().getTitle());
        browser.screenshot("page-loaded");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void aBreakerOpenedByFailingCallsShowsOpenWithinTwoSeconds() throws IOException {
        assertEquals("CLOSED", breakerCard("payments").getAttribute("data-state"));
        Backend backend = app.select(Backend.class);

        for (int i = 0; i < 4; i++) {
            assertThrows(IOException.class, () -> backend.charge(true));
        }
        long opened = System.nanoTime();
        browser.waitFor(Duration.ofSeconds(2), d -> "OPEN".equals(breakerCard("payments").getAttribute("data-state")));
        long shownAfterMillis = (System.nanoTime() - opened) / 1_000_000;

        WebElement card = breakerCard("payments");
        assertTrue(card.getText().contains("OPEN"), card.getText());
        assertTrue(card.getText().contains("half-open in"), "the retry-after shows: " + card.getText());
        assertEquals("payments", browser.findAll(By.cssSelector("article[data-breaker]")).get(0)
                .getAttribute("data-breaker"), "trouble first");
        assertEquals(CHARGE, browser.findAll(By.cssSelector("article[data-method]")).get(0)
                .getAttribute("data-method"), "its method first too");
        browser.waitFor(Duration.ofSeconds(3), d -> browser.find(By.id("transitions")).getText().contains("payments"));
        browser.screenshot("breaker-open");
        System.out.println("payments showed OPEN " + shownAfterMillis + " ms after it opened");
    }

    @Test
    void theSparklineAndTheCountsMoveWhileCallsRun() throws Exception {
        Backend backend = app.select(Backend.class);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        Future<?> calls = caller.submit(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (running.get() && System.nanoTime() < deadline) {
                backend.quote(false);
                Thread.sleep(20);
            }
            return null;
        });
        try {
            long first = Long.parseLong(browser.waitFor(Duration.ofSeconds(5), d -> {
                String c = operationCard(QUOTE).getAttribute("data-calls");
                return Long.parseLong(c) > 0 ? c : null;
            }));
            browser.waitFor(Duration.ofSeconds(5), d ->
                    Long.parseLong(operationCard(QUOTE).getAttribute("data-calls")) > first);
            browser.waitFor(Duration.ofSeconds(6), d -> Integer.parseInt(operationCard(QUOTE)
                    .findElement(By.cssSelector("svg.sparkline")).getAttribute("data-points")) >= 3);

            WebElement card = operationCard(QUOTE);
            assertTrue(card.findElements(By.cssSelector("svg.sparkline polyline")).size() >= 1, "a line is drawn");
            double rate = Double.parseDouble(card.findElement(By.className("calls-per-second")).getText());
            assertTrue(rate > 0, "calls/s: " + rate);
            assertTrue(card.getText().contains("p99"), card.getText());
            browser.screenshot("calls-running");
        } finally {
            running.set(false);
            calls.get(10, TimeUnit.SECONDS);
            caller.shutdown();
        }
    }

    @Test
    void actionsAreAbsentWhenControlIsOff() {
        assertEquals("off", browser.find(By.tagName("body")).getAttribute("data-control"));
        assertEquals(List.of(), browser.findAll(By.cssSelector("button[data-action]")));
        assertTrue(!browser.find(By.id("control-note")).isDisplayed());
    }

    @Test
    void namesAreShownAsTextNeverRunAsMarkup() {
        WebElement card = breakerCard(Backend.HOSTILE_NAME);

        assertEquals(Backend.HOSTILE_NAME, card.findElement(By.tagName("h3")).getText());
        assertNull(browser.script("return window.__pwned;"), "no script of the name ran");
        assertEquals(List.of(), browser.findAll(By.cssSelector("main img, main script")));
        browser.find(By.id("filter")).sendKeys("<script>");
        browser.waitFor(Duration.ofSeconds(2), d -> !breakerCard("payments").isDisplayed());
        assertTrue(breakerCard(Backend.HOSTILE_NAME).isDisplayed(), "the filter matches the name as text");
        assertNull(browser.script("return window.__pwned;"));
    }
}
