package site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The built site, as a reader meets it in a real browser: every page loads cleanly and offline,
 * search, the theme toggle, the copy button and the collapsed programs work, and code never
 * breaks the layout on a phone or is cut off on a desktop. Leaves screenshots of the home page
 * and a chapter, light and dark, in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteInBrowserTest {
    static final Path SITE = Path.of(System.getProperty("site.dir", "../site"))
            .toAbsolutePath().normalize();
    static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir",
            "target/screenshots"));
    static LoopbackSite site;
    static Browser browser;

    @BeforeAll
    static void start() {
        site = LoopbackSite.serve(SITE);
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        try (LoopbackSite s = site; Browser b = browser) {
            // both closed, the browser first
        }
    }

    String chapter() {
        return site.base() + "threads/";
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void everyPageLoadsWithNoConsoleErrorAndNoRequestLeavingLoopback() {
        assertThat(site.pages()).as("pages in sitemap.xml").hasSizeGreaterThanOrEqualTo(2);
        for (String page : site.pages()) {
            browser.open(page);
            browser.wait.until(d -> !d.findElements(By.cssSelector("article h1")).isEmpty());
            assertThat(browser.consoleErrors()).as("console errors on %s", page).isEmpty();
            assertThat(browser.requestedUrls()).as("requests from %s", page)
                    .allMatch(Browser::staysOnLoopback, "stays on loopback");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aMissingPageShowsTheStyled404PageWithWorkingLinks() {
        browser.open(site.base() + "no/such/page/");
        browser.consoleErrors();   // the 404 status of the page itself is logged, as it should be
        assertThat(browser.js("return getComputedStyle(document.querySelector('.md-header'))"
                + ".position")).as("Material's stylesheet is applied on the 404 page")
                .isIn("sticky", "fixed");
        WebElement home = browser.driver.findElement(By.cssSelector("a.md-header__button.md-logo"));
        assertThat(home.getAttribute("href")).as("the logo links home").isEqualTo(site.base());
        assertThat(browser.requestedUrls()).allMatch(Browser::staysOnLoopback, "on loopback");
        assertThat(browser.consoleErrors()).as("console errors after the 404 status").isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void searchingForRaceFindsTheThreadsPage() {
        browser.open(site.base());
        WebElement input = browser.wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input.md-search__input")));
        input.click();
        input.sendKeys("race");   // real key events: Material searches as the reader types
        // It searches again at every key and replaces the list each time, so an element found
        // for "r" may be gone a moment later. Read the links in one script instead, once they
        // are the results for the whole word: each result's link carries its query (?h=race).
        List<String> hits = browser.wait.until(d -> {
            List<?> links = (List<?>) browser.js("return [...document.querySelectorAll("
                    + "'.md-search-result__item a')].map(a => a.href)"
                    + ".filter(href => new URL(href).searchParams.get('h') === 'race')");
            return links.isEmpty() ? null : links.stream().map(String::valueOf).toList();
        });
        assertThat(hits).anyMatch(href -> href.startsWith(chapter()));
        input.sendKeys(Keys.ESCAPE);
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void theThemeToggleSwitchesBetweenLightAndDark() {
        browser.open(site.base());
        String before = scheme();
        visibleToggle().click();
        browser.wait.until(d -> !scheme().equals(before));
        String after = scheme();
        assertThat(List.of(before, after)).containsExactlyInAnyOrder("default", "slate");
        visibleToggle().click();
        browser.wait.until(d -> scheme().equals(before));
    }

    private String scheme() {
        return (String) browser.js("return document.body.getAttribute('data-md-color-scheme')");
    }

    private WebElement visibleToggle() {
        return browser.driver.findElements(By.cssSelector("form[data-md-component=palette] label"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElseThrow();
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void theCopyButtonCopiesTheCodeOfItsBlock() {
        browser.open(chapter());
        // Record what the page puts on the clipboard: headless Chromium has no clipboard to read.
        browser.js("""
                window.copied = null;
                document.addEventListener('copy', e => {
                  const field = document.activeElement;
                  window.copied = field && 'value' in field
                      ? field.value.substring(field.selectionStart, field.selectionEnd)
                      : String(document.getSelection());
                });""");
        WebElement block = browser.driver.findElement(By.cssSelector("article .highlight"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", block);
        // Material adds the button when the block comes into view
        WebElement button = browser.wait.until(d -> block.findElements(
                By.cssSelector("button.md-clipboard")).stream().findFirst().orElse(null));
        button.click();
        browser.wait.until(d -> browser.js("return window.copied") != null);
        String code = (String) browser.js("return arguments[0].querySelector('code').innerText",
                block);
        assertThat(((String) browser.js("return window.copied")).strip())
                .as("what the copy button put on the clipboard").isEqualTo(code.strip())
                .isNotBlank();
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void everyFullProgramBlockOpens() {
        browser.open(chapter());
        List<WebElement> programs = browser.driver.findElements(By.xpath(
                "//details[starts-with(normalize-space(summary), 'Full program')]"));
        assertThat(programs).as("collapsed full programs on the chapter").isNotEmpty();
        for (WebElement details : programs) {
            String shown = "return arguments[0].querySelector('pre code').checkVisibility()";
            assertThat(browser.js(shown, details)).as("closed at first").isEqualTo(false);
            WebElement summary = details.findElement(By.tagName("summary"));
            browser.js("arguments[0].scrollIntoView({block: 'center'})", summary);
            summary.click();   // a real click, where the reader clicks
            browser.wait.until(d -> Boolean.TRUE.equals(browser.js(shown, details)));
            assertThat((String) browser.js("return arguments[0].querySelector('pre code')"
                    + ".innerText", details)).as(summary.getText()).contains("void main(");
        }
    }

    @Test
    @org.junit.jupiter.api.Order(7)
    void theCheatSheetLinksServeAPdfAndAnOfflineHtmlPage() throws Exception {
        browser.open(site.base());
        String pdf = browser.driver.findElement(By.cssSelector("article a[href$='.pdf']"))
                .getDomProperty("href");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(pdf))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(pdf).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(new String(response.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
                    .as("the file starts like a PDF").isEqualTo("%PDF-");
        }
        String html = browser.driver.findElement(By.cssSelector(
                "article a[href$='cheatsheet.html']")).getDomProperty("href");
        browser.open(html);
        assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                .contains("Cheat Sheet");
        assertThat(browser.js("return document.querySelectorAll('pre code').length"))
                .as("code included from the snippets").isNotEqualTo(0L);
        assertThat(browser.consoleErrors()).as("console errors on %s", html).isEmpty();
        assertThat(browser.requestedUrls()).as("requests from %s", html)
                .allMatch(Browser::staysOnLoopback, "stays on loopback");
    }

    @Test
    @org.junit.jupiter.api.Order(8)
    void atPhoneWidthNoCodeBlockBreaksTheLayout() {
        browser.resize(390, 844);
        try {
            for (String page : site.pages()) {
                browser.open(page);
                assertThat(overflowing()).as("a page, code block or table wider than a 390 px"
                        + " screen on %s", page).isEmpty();
            }
        } finally {
            browser.resize(1280, 900);
        }
    }

    @Test
    @org.junit.jupiter.api.Order(9)
    void atDesktopWidthsNoCodeIsCutOff() {
        for (String page : site.pages()) {
            browser.open(page);
            for (int width : new int[] {1024, 1280, 1600, 1920}) {
                browser.resize(width, 900);
                assertThat(overflowing()).as("elements wider than the %d px window on %s",
                        width, page).isEmpty();
                assertThat(clippedCode()).as("code cut off (wider than its box, no scrollbar)"
                        + " at %d px on %s", width, page).isEmpty();
                assertThat(hiddenOutput()).as("recorded output a reader must scroll sideways to"
                        + " read at %d px on %s", width, page).isEmpty();
            }
        }
        browser.resize(1280, 900);
    }

    /** Code blocks and tables that stick out of the window, or a page that scrolls sideways. */
    @SuppressWarnings("unchecked")
    private List<String> overflowing() {
        return new ArrayList<>((List<String>) browser.js("""
                const width = document.documentElement.clientWidth, found = [];
                if (document.documentElement.scrollWidth > width)
                  found.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
                const scroller = e => {   // the nearest box that scrolls sideways, if any
                  for (let box = e.parentElement; box && box.tagName !== 'ARTICLE'; box = box.parentElement)
                    if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) return box;
                  return e;
                };
                for (const e of document.querySelectorAll('article pre, article table, article .highlight')) {
                  const box = scroller(e).getBoundingClientRect();
                  if (box.width > 0 && box.right > width + 1)
                    found.push(e.tagName + '.' + e.className + ' ends at ' + Math.round(box.right)
                        + ': ' + e.textContent.slice(0, 60));
                }
                return found;"""));
    }

    /** Code whose text is wider than its box where the reader cannot scroll to the rest. */
    @SuppressWarnings("unchecked")
    private List<String> clippedCode() {
        return new ArrayList<>((List<String>) browser.js("""
                const found = [];
                for (const code of document.querySelectorAll('article pre > code')) {
                  if (code.getClientRects().length === 0) continue;   // in a closed block
                  const scrolls = ['auto', 'scroll'].includes(getComputedStyle(code).overflowX);
                  if (code.scrollWidth > code.clientWidth + 1 && !scrolls)
                    found.push(code.textContent.slice(0, 80));
                  for (let box = code.parentElement; box && box.tagName !== 'ARTICLE'; box = box.parentElement) {
                    const style = getComputedStyle(box);
                    if (style.overflowX === 'hidden' && box.scrollWidth > box.clientWidth + 1)
                      found.push('clipped by ' + box.tagName + '.' + box.className + ': '
                          + code.textContent.slice(0, 60));
                  }
                }
                return found;"""));
    }

    /** Recorded output lines that run out of their block: output wraps, so none may. */
    @SuppressWarnings("unchecked")
    private List<String> hiddenOutput() {
        return new ArrayList<>((List<String>) browser.js("""
                const found = [];
                for (const code of document.querySelectorAll('article .recorded-output pre > code')) {
                  if (code.getClientRects().length === 0) continue;
                  if (code.scrollWidth > code.clientWidth + 1) found.push(code.textContent.slice(0, 80));
                }
                return found;"""));
    }

    @Test
    @org.junit.jupiter.api.Order(10)
    void screenshotsOfTheHomePageAndAChapterInLightAndDark() {
        browser.resize(1280, 900);
        for (String scheme : List.of("light", "dark")) {
            for (var page : List.of(List.of("home", site.base()), List.of("threads", chapter()))) {
                browser.open(page.get(1));
                boolean dark = "slate".equals(scheme());
                if (dark != scheme.equals("dark")) {
                    visibleToggle().click();
                    browser.wait.until(d -> "slate".equals(scheme()) == scheme.equals("dark"));
                }
                Path file = SCREENSHOTS.resolve(page.get(0) + "-" + scheme + ".png");
                browser.screenshot(file);
                assertThat(file).isNotEmptyFile();
            }
        }
    }
}
