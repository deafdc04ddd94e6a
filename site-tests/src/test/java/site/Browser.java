package site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver, both from the system (Debian's chromium and
 * chromium-driver, or the paths in -Dchrome.bin and -Dchromedriver): Selenium Manager is never
 * asked to download a browser. Host names other than loopback do not resolve, so a page that
 * tries to load something from outside fails loudly instead of depending on the network.
 */
final class Browser implements AutoCloseable {
    private final Path profile;
    final ChromeDriver driver;
    final WebDriverWait wait;

    static {
        // Selenium has no CDP bindings for every Chromium release; nothing here uses CDP.
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools")
                .setLevel(java.util.logging.Level.SEVERE);
    }

    Browser() {
        Path chrome = existing("chrome.bin", "Debian's chromium: sudo apt-get install chromium");
        Path chromedriver = existing("chromedriver",
                "Debian's chromium-driver: sudo apt-get install chromium-driver");
        try {
            profile = Files.createTempDirectory("site-tests-chrome-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,900",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL",
                LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
    }

    private static Path existing(String property, String install) {
        Path path = Path.of(System.getProperty(property, ""));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("no browser at -D" + property + "=" + path
                    + "; install " + install + ", or point -D" + property + " at one");
        }
        return path;
    }

    /** Opens a page and waits until it and its scripts have loaded. */
    void open(String url) {
        driver.get(url);
        wait.until(d -> "complete".equals(js("return document.readyState")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The console errors since the last call (a failed load is one too). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Every URL the pages asked for since the last call. */
    @SuppressWarnings("unchecked")
    List<String> requestedUrls() {
        Json json = new Json();
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            Map<String, Object> logged = json.toType(entry.getMessage(), Map.class);
            Map<String, Object> message = (Map<String, Object>) logged.get("message");
            if ("Network.requestWillBeSent".equals(message.get("method"))) {
                Map<String, Object> params = (Map<String, Object>) message.get("params");
                urls.add((String) ((Map<String, Object>) params.get("request")).get("url"));
            }
        }
        return urls;
    }

    static boolean staysOnLoopback(String url) {
        String scheme = url.substring(0, Math.max(0, url.indexOf(':')));
        if (!List.of("http", "https", "ws", "wss", "ftp").contains(scheme)) {
            return true;   // data:, blob:, about:, and the browser's own chrome:// pages
        }
        String host = URI.create(url).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is not worth failing the run for
            }
        }
    }
}
