package io.bookstore.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The checkout page and Hawtio as a person sees them: Debian's headless Chromium, driven by Selenium through
 * Debian's chromedriver. Screenshots of both go to {@code target/screenshots} (the README's come from there).
 * It runs before CheckoutSystemTest (the module runs its classes in alphabetical order), which ends by killing
 * fraud-detection.
 */
class BrowserSystemTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int WIDTH = 1600;
    private static final AtomicLong cards = new AtomicLong(System.currentTimeMillis() % 100_000_000_000L);

    private static SystemUnderTest system;
    private Path profile;
    private WebDriver browser;

    @BeforeAll
    static void startServices() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Debian's Chromium at %s and its chromedriver at %s: "
                        + "apt-get install -y chromium chromium-driver (.ci/run installs them when missing)",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        system = SystemUnderTest.shared();
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",1000");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
    }

    /** Quits the browser; should chromedriver not answer, its Chromium (this pid, this profile) is stopped too. */
    @AfterEach
    void closeBrowser() throws IOException {
        Object pid = ((HasCapabilities) browser).getCapabilities().getCapability("goog:processID");
        try {
            browser.quit();
        } finally {
            if (pid instanceof Number number) {
                ProcessHandle.of(number.longValue())
                        .filter(chromium -> chromium.info().commandLine().orElse("").contains(profile.toString()))
                        .ifPresent(chromium -> {
                            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                            chromium.destroyForcibly();
                        });
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void anOrderPlacedOnTheCheckoutPageIsApprovedWithSuggestionsAndItsCausalHistory() {
        String base = system.orchestrator.url();
        browser.get(base + "/");
        WebElement dune = waitFor().withMessage(() -> "no Dune in the catalog; it says: " + text("catalog-status"))
                .until(visibilityOfElementLocated(By.cssSelector("#catalog tr[data-title='Dune'] input.quantity")));
        dune.clear();
        dune.sendKeys("1");
        waitFor().until(textToBePresentInElementLocated(By.id("cart"), "1 × Dune"));

        type("user-name", "Grace Hopper");
        type("user-contact", "grace-" + UUID.randomUUID() + "@example.org");
        type("card-number", card());
        type("card-expiry", expiry());
        type("card-cvv", "123");
        new Select(browser.findElement(By.id("client-card"))).selectByValue("Premium");
        type("billing-street", "1 Main St");
        type("billing-city", "Tartu");
        type("billing-zip", "50090");
        type("billing-country", "Estonia");
        new Select(browser.findElement(By.id("shipping-method"))).selectByValue("Express");
        browser.findElement(By.id("gift-wrapping")).click();
        type("user-comment", "Placed from the browser test");
        browser.findElement(By.id("terms-accepted")).click();
        browser.findElement(By.id("submit-order")).click();

        waitFor().withMessage(() -> "no decision; the page says: " + text("submit-status"))
                .until(page -> visible("decision-box") || visible("error"));
        assertThat(visible("error")).as("the page shows an error: %s", text("error")).isFalse();
        assertThat(text("decision")).isEqualTo("Order Approved");
        assertThat(visible("reason")).isFalse();
        List<String> suggested = browser.findElements(By.cssSelector("#suggested-books li strong")).stream()
                .map(WebElement::getText).toList();
        assertThat(suggested).hasSizeBetween(1, 3).doesNotContain("Dune");

        String orderId = text("order-id");
        waitFor().until(page -> !page.findElements(By.cssSelector("#timeline li")).isEmpty());
        List<String> shown = browser.findElements(By.cssSelector("#timeline li")).stream()
                .map(event -> event.findElement(By.className("service")).getText() + " | "
                        + event.findElement(By.className("name")).getText() + " | "
                        + event.findElement(By.className("clock")).getText())
                .toList();
        JsonNode history = Http.get(base + "/orders/" + orderId).json();
        List<String> recorded = new ArrayList<>();
        history.path("events").forEach(event -> recorded.add(event.path("service").asText() + " | "
                + event.path("event").asText() + " | " + clockText(event.path("clock"))));
        // The page read the history once. The executors' progress events are recorded in batches, on another topic
        // than the outcome, so one recorded since may sit between two the page shows: what it shows is the recorded
        // history's events, in the same (causal) order.
        assertThat(shown).isNotEmpty();
        assertThat(recorded).as("the timeline shows the order's recorded history, in its causal order")
                .containsSubsequence(shown);
        assertThat(shown).extracting(line -> line.substring(0, line.indexOf(" |")))
                .contains("orchestrator", "transaction-verification", "fraud-detection", "suggestions");
        assertThat(text("history-summary")).contains(history.path("decision").asText());

        assertThat(resourcesLoadedFrom()).as("everything the page loaded came from the orchestrator")
                .isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base + "/"));
        growWindowToPage();
        screenshot("checkout-page.png");
    }

    @Test
    void hawtioShowsTheOrchestratorsRoutesWithTheirExchangeCounts() {
        String base = system.orchestrator.url();
        for (int order = 0; order < 2; order++) {
            JsonNode answer = Http.post(base + "/checkout", approvableOrder()).json();
            assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("Order Approved");
        }

        browser.get(base + "/actuator/hawtio/camel/routes");
        Map<String, List<Long>> counts = waitFor().until(page -> {
            Map<String, List<Long>> routes = routesTable();
            return routes.containsKey("checkout") && routes.containsKey("verify-order") ? routes : null;
        });

        assertThat(counts.get("checkout").get(0)).as("completed exchanges of route checkout")
                .isGreaterThanOrEqualTo(2);
        assertThat(counts.get("verify-order").get(0)).as("completed exchanges of route verify-order")
                .isGreaterThanOrEqualTo(2);
        assertThat(counts.get("checkout").get(1)).as("total exchanges of route checkout")
                .isGreaterThanOrEqualTo(2);
        assertThat(counts).containsKeys("decide-checkout", "order-history", "outbox-relay", "forward-books");
        // Hawtio fills the window and scrolls inside it: a taller window shows more of the table, and sorting by
        // Completed, descending (two clicks), puts the routes that ran first
        browser.manage().window().setSize(new Dimension(WIDTH, 1200));
        By sortByCompleted = By.cssSelector("th[data-testid='completed-header'] button");
        browser.findElement(sortByCompleted).click();
        browser.findElement(sortByCompleted).click();
        waitFor().until(page -> routesTable().values().stream().findFirst()
                .map(busiest -> busiest.get(0) > 0).orElse(false));
        screenshot("hawtio-routes.png");
    }

    /** Hawtio's Camel routes table, as rendered: route id to its Completed and Total columns. */
    private Map<String, List<Long>> routesTable() {
        Map<String, List<Long>> routes = new LinkedHashMap<>();
        try {
            for (WebElement row : browser.findElements(By.cssSelector("#camel-routes-table tbody tr"))) {
                routes.put(cell(row, "Name"), List.of(Long.parseLong(cell(row, "Completed")),
                        Long.parseLong(cell(row, "Total"))));
            }
        } catch (StaleElementReferenceException | NumberFormatException rerendered) {
            return Map.of();
        }
        return routes;
    }

    private static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-label='" + column + "']")).getText().trim();
    }

    private WebDriverWait waitFor() {
        return new WebDriverWait(browser, PATIENCE);
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private boolean visible(String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }

    @SuppressWarnings("unchecked")
    private List<String> resourcesLoadedFrom() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(entry => entry.name)"
                        + ".concat([location.href]);");
    }

    /** Makes the window as tall as the page, so that a screenshot shows all of it, from the top. */
    private void growWindowToPage() {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.scrollTo(0, 0);");
        long chrome = (Long) page.executeScript("return window.outerHeight - window.innerHeight;");
        long height = (Long) page.executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + chrome, 4000)));
    }

    private void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clock as the page prints it: entries sorted by name. */
    private static String clockText(JsonNode clock) {
        List<String> entries = new ArrayList<>();
        clock.fields().forEachRemaining(entry -> entries.add(entry.getKey() + "=" + entry.getValue().asLong()));
        entries.sort(Comparator.comparing(entry -> entry.substring(0, entry.indexOf('='))));
        return "{" + String.join(", ", entries) + "}";
    }

    private static String approvableOrder() {
        return """
                {"user": {"name": "Grace Hopper", "contact": "grace-%s@example.org"},
                 "creditCard": {"number": "%s", "expirationDate": "%s", "cvv": "123"},
                 "items": [{"name": "The Hobbit", "quantity": 1}],
                 "billingAddress": {"street": "1 Main St", "city": "Tartu", "zip": "50090", "country": "Estonia"},
                 "termsAccepted": true, "clientCard": "Basic"}"""
                .formatted(UUID.randomUUID(), card(), expiry());
    }

    /** Three years ahead: neither expired nor suspiciously far away. */
    private static String expiry() {
        return YearMonth.now().plusYears(3).format(DateTimeFormatter.ofPattern("MM/yy"));
    }

    /** A new Luhn-valid card for every order, so that the fraud service's per-card velocity limit never applies. */
    private static String card() {
        String partial = "4556" + String.format("%011d", cards.incrementAndGet());
        int sum = 0;
        for (int i = 0; i < partial.length(); i++) {
            int digit = partial.charAt(partial.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return partial + (10 - sum % 10) % 10;
    }
}
