package dev.steadfast.console.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * A real headless Chromium, driven through Selenium and chromedriver: Debian's {@code chromium} and
 * {@code chromium-driver} packages ({@code .ci/run} installs them). Where they are missing, starting one fails the
 * test: the browser tests are meant to run, never to be skipped. Paths can be moved with the system properties
 * {@code steadfast.test.chromium} and {@code steadfast.test.chromedriver}.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("steadfast.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("steadfast.test.chromedriver",
            "/usr/bin/chromedriver");
    /** Where the tests write their screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() throws IOException {
        for (String executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(executable))) {
                throw new AssertionError(executable + " is missing: the browser tests need Debian's chromium and"
                        + " chromium-driver packages (apt-get install -y chromium chromium-driver; .ci/run does it)");
            }
        }
        Path profile = Files.createTempDirectory("steadfast-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Headless as root in a container: no sandbox, no GPU, /tmp instead of a small /dev/shm, nothing that phones
        // home, and a fresh profile per run.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1440,1300", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(URI uri) {
        driver.get(uri.toString());
    }

    /** Visits {@code site} (any page of it) and sets the cookie that names the test user. */
    public void signIn(URI site, String user) {
        open(site);
        driver.manage().deleteAllCookies();
        if (user != null) {
            driver.manage().addCookie(new Cookie(TestSecurity.COOKIE, user, "/"));
        }
    }

    /** Waits up to {@code timeout} for {@code condition} to give a non-null, non-false value, and returns it. */
    public <T> T waitFor(Duration timeout, Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(25)).until(d -> condition.apply(driver));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** The console messages of the page at SEVERE level (errors) since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    /** Writes a screenshot of the page to {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
