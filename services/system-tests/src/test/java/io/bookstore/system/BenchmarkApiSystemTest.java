package io.bookstore.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint of the benchmark's order/stock/payment API, through the one base URL (the orchestrator). */
class BenchmarkApiSystemTest {

    private static String base;

    @BeforeAll
    static void startServices() {
        base = SystemUnderTest.shared().orchestrator.url();
    }

    @Test
    void stockEndpoints() {
        String itemId = ok(Http.post(base + "/stock/item/create/7")).path("item_id").asText();
        assertThat(ok(Http.get(base + "/stock/find/" + itemId)).path("stock").asLong()).isZero();
        assertThat(ok(Http.get(base + "/stock/find/" + itemId)).path("price").asLong()).isEqualTo(7);
        ok(Http.post(base + "/stock/add/" + itemId + "/5"));
        ok(Http.post(base + "/stock/subtract/" + itemId + "/2"));
        assertThat(ok(Http.get(base + "/stock/find/" + itemId)).path("stock").asLong()).isEqualTo(3);

        badRequest(Http.post(base + "/stock/subtract/" + itemId + "/4"));
        badRequest(Http.post(base + "/stock/add/" + itemId + "/-1"));
        badRequest(Http.post(base + "/stock/add/" + itemId + "/ten"));
        badRequest(Http.get(base + "/stock/find/no-such-item"));
        assertThat(ok(Http.get(base + "/stock/find/" + itemId)).path("stock").asLong()).as("nothing changed").isEqualTo(3);

        ok(Http.post(base + "/stock/batch_init/20/100/1"));
        JsonNode seventh = ok(Http.get(base + "/stock/find/7"));
        assertThat(seventh.path("stock").asLong()).isEqualTo(100);
        assertThat(seventh.path("price").asLong()).isEqualTo(1);
    }

    @Test
    void paymentEndpoints() {
        String userId = ok(Http.post(base + "/payment/create_user")).path("user_id").asText();
        assertThat(ok(Http.get(base + "/payment/find_user/" + userId)).path("credit").asLong()).isZero();
        assertThat(ok(Http.post(base + "/payment/add_funds/" + userId + "/10")).path("done").asBoolean()).isTrue();
        ok(Http.post(base + "/payment/pay/" + userId + "/4"));
        JsonNode user = ok(Http.get(base + "/payment/find_user/" + userId));
        assertThat(user.path("user_id").asText()).isEqualTo(userId);
        assertThat(user.path("credit").asLong()).isEqualTo(6);

        badRequest(Http.post(base + "/payment/pay/" + userId + "/7"));
        badRequest(Http.post(base + "/payment/pay/no-such-user/1"));
        badRequest(Http.post(base + "/payment/add_funds/" + userId + "/99999999999999999999999"));
        assertThat(ok(Http.get(base + "/payment/find_user/" + userId)).path("credit").asLong()).isEqualTo(6);

        ok(Http.post(base + "/payment/batch_init/30/5"));
        assertThat(ok(Http.get(base + "/payment/find_user/29")).path("credit").asLong()).isEqualTo(5);
    }

    @Test
    void orderEndpoints() {
        ok(Http.post(base + "/stock/batch_init/10/100/3"));
        String orderId = ok(Http.post(base + "/orders/create/user-1")).path("order_id").asText();
        ok(Http.post(base + "/orders/addItem/" + orderId + "/4/2"));
        JsonNode order = ok(Http.get(base + "/orders/find/" + orderId));
        assertThat(order.path("items").toString()).isEqualTo("[[\"4\",2]]");
        assertThat(order.path("total_cost").asLong()).isEqualTo(6);
        assertThat(order.path("paid").asBoolean()).isFalse();
        badRequest(Http.post(base + "/orders/addItem/" + orderId + "/no-such-item/1"));
        badRequest(Http.post(base + "/orders/checkout/no-such-order"));

        ok(Http.post(base + "/orders/batch_init/40/10/10/3"));
        JsonNode batch = ok(Http.get(base + "/orders/find/39"));
        assertThat(batch.path("order_id").asText()).isEqualTo("39");
        assertThat(batch.path("total_cost").asLong()).isEqualTo(6);
    }

    @Test
    void anOrderIdThatBatchInitReusedIsANewOrderWhoseCheckoutMovesStockAndMoney() {
        // Twice the same order id, each time a new order after a new batch_init: the second checkout must not be
        // answered by the first one's saga, whose stock and money moves stock and payment remember.
        for (int round = 1; round <= 2; round++) {
            ok(Http.post(base + "/stock/batch_init/5/100/2"));
            ok(Http.post(base + "/payment/batch_init/3/1000"));
            ok(Http.post(base + "/orders/batch_init/4/5/3/2"));
            JsonNode order = ok(Http.get(base + "/orders/find/3"));
            Map<String, Long> quantities = new TreeMap<>();
            order.path("items").forEach(line -> quantities.merge(line.get(0).asText(), line.get(1).asLong(), Long::sum));
            String userId = order.path("user_id").asText();

            ok(Http.post(base + "/orders/checkout/3"));

            assertThat(ok(Http.get(base + "/orders/find/3")).path("paid").asBoolean()).as("round %d", round).isTrue();
            assertThat(ok(Http.get(base + "/payment/find_user/" + userId)).path("credit").asLong())
                    .as("credit after round %d", round).isEqualTo(1000 - order.path("total_cost").asLong());
            for (Map.Entry<String, Long> line : quantities.entrySet()) {
                assertThat(ok(Http.get(base + "/stock/find/" + line.getKey())).path("stock").asLong())
                        .as("stock of item %s after round %d", line.getKey(), round).isEqualTo(100 - line.getValue());
            }
        }
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }

    private static void badRequest(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().path("error").path("message").asText()).isNotBlank();
    }
}
