package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The checkout page is served at / next to the REST DSL's routes, and loads nothing from anywhere else. */
class CheckoutPageTest extends OrchestratorTest {

    private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    @Test
    void theRootServesTheCheckoutPageAndItsScriptAndStyles() {
        Response page = get("/");
        Response script = get("/app.js");
        Response styles = get("/style.css");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Bookstore Checkout</title>", "id=\"checkout-form\"");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");
        assertThat(script.body()).contains("fetch('/checkout'");
        assertThat(styles.status()).isEqualTo(200);
        assertThat(styles.contentType()).startsWith("text/css");
    }

    @Test
    void everythingThePageLoadsComesFromTheOrchestratorItself() {
        Matcher links = LINKED.matcher(get("/").body());
        List<String> linked = links.results().map(match -> match.group(1)).toList();

        assertThat(linked).containsExactlyInAnyOrder("data:,", "style.css", "app.js");
        assertThat(get("/app.js").body()).doesNotContain("http:", "https:", "//cdn");
        assertThat(get("/style.css").body()).doesNotContain("url(", "@import");
    }

    @Test
    void theApiStillAnswersBesideThePage() {
        Response books = get("/books?page=0&size=200");
        Response unknownOrder = get("/orders/does-not-exist");
        Response malformed = post("/checkout", "{\"items\": [", Map.of());

        assertThat(books.status()).isEqualTo(200);
        assertThat(books.json().path("books").get(0).path("title").asText()).isEqualTo("Dune");
        assertThat(unknownOrder.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").path("code").asText()).isEqualTo("malformed_json");
    }
}
