package dev.steadfast.console;

import dev.steadfast.console.app.Backend;
import dev.steadfast.console.app.FleetBackend;
import dev.steadfast.console.support.Browser;
import dev.steadfast.console.support.EmbeddedConsole;
import dev.steadfast.console.support.MemoryCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's Fleet section in a real headless Chromium: with the tests' in-memory cluster backend and fleet-wide
 * policies it lists every member's window (this application is {@code node-1}, the test plays {@code node-2} and
 * {@code node-3}) and the quota; without fleet-wide policies it is absent.
 */
class ConsoleFleetBrowserTest {

    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshServer() {
        MemoryCluster.SERVER.reset();
    }

    private static void openLive(EmbeddedConsole app) {
        browser.consoleErrors(); // what an earlier page logged
        browser.open(app.root().resolve("steadfast"));
        browser.waitFor(Duration.ofSeconds(10), d -> "live".equals(browser.find(By.id("status")).getText()));
    }

    /** What the page's Fleet section showed at one moment. */
    private record FleetPage(boolean displayed, String member, String breakerName, int markup, String breakerText,
            List<List<String>> members, List<String> quotas) {

        static FleetPage read() {
            List<WebElement> cards = browser.findAll(By.cssSelector("#fleet article.fleet-breaker"));
            if (cards.size() != 1) {
                return new FleetPage(false, "", "", 0, "", List.of(), List.of());
            }
            WebElement card = cards.get(0);
            List<List<String>> rows = card.findElements(By.cssSelector("table tr")).stream().skip(1)
                    .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
            return new FleetPage(browser.find(By.id("fleet")).isDisplayed(),
                    browser.find(By.id("fleet-member")).getText(), card.findElement(By.tagName("h3")).getText(),
                    card.findElements(By.tagName("b")).size(), card.getText(), rows,
                    browser.findAll(By.cssSelector("#fleet article.fleet-limit")).stream().map(WebElement::getText)
                            .toList());
        }
    }

    @Test
    void theFleetSectionListsEveryMembersWindowAndTheQuota() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(ConsoleFleetTest.FLEET, FleetBackend.class)) {
            FleetBackend backend = app.select(FleetBackend.class);
            for (int i = 0; i < 2; i++) {
                assertThrows(IOException.class, () -> backend.charge(true));
            }
            ConsoleFleetTest.othersPublish();
            openLive(app);

            // The section is rebuilt at every snapshot: read it whole, again when a snapshot replaced it meanwhile.
            FleetPage seen = browser.waitFor(Duration.ofSeconds(10), d -> {
                ConsoleFleetTest.othersPublish(); // as the others' exchanges do every interval
                try {
                    FleetPage f = FleetPage.read();
                    return f.members().size() == 3 && f.quotas().size() == 1 ? f : null;
                } catch (StaleElementReferenceException replaced) {
                    return null;
                }
            });
            assertTrue(seen.displayed());
            assertEquals("node-1", seen.member());
            assertEquals(List.of("node-1 (this one)", "node-2", "node-3"),
                    seen.members().stream().map(r -> r.get(0)).toList());
            assertEquals(List.of("node-2", "12", "9", "CLOSED"), seen.members().get(1).subList(0, 4));
            assertEquals(FleetBackend.BREAKER, seen.breakerName(), "the name shows as text");
            assertEquals(0, seen.markup(), "the name's markup made no element");
            assertTrue(seen.breakerText().contains("CONNECTED"), seen.breakerText());
            assertTrue(seen.quotas().get(0).contains("quota of 100"), seen.quotas().get(0));
            browser.screenshot("fleet");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void withoutFleetWidePoliciesThereIsNoFleetSection() throws Exception {
        try (EmbeddedConsole app = EmbeddedConsole.start(Map.of(), Backend.class)) {
            openLive(app);
            // Live means a snapshot was rendered: the section stays hidden.
            assertFalse(browser.find(By.id("fleet")).isDisplayed());
            assertTrue(browser.findAll(By.cssSelector("#fleet article")).isEmpty());
            assertEquals(List.of(), browser.consoleErrors());
        }
    }
}
