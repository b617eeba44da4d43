package io.bookstore.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.causality.VectorClock;
import io.bookstore.orchestrator.order.OrderEvent;
import io.bookstore.orchestrator.order.OrderStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class OrdersApiTest extends OrchestratorTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderStore orders;

    @Test
    void createAddItemAndFindAnOrder() {
        Response created = post("/orders/create/user-1");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.contentType()).startsWith("application/json");
        String orderId = created.json().path("order_id").asText();

        assertThat(post("/orders/addItem/" + orderId + "/7/3").status()).isEqualTo(200);
        assertThat(post("/orders/addItem/" + orderId + "/7/1").status()).isEqualTo(200);

        JsonNode order = get("/orders/find/" + orderId).json();
        assertThat(order.path("order_id").asText()).isEqualTo(orderId);
        assertThat(order.path("paid").asBoolean()).isFalse();
        assertThat(order.path("user_id").asText()).isEqualTo("user-1");
        assertThat(order.path("total_cost").asLong()).isEqualTo(4 * 5);
        assertThat(order.path("items").toString()).isEqualTo("[[\"7\",3],[\"7\",1]]");
    }

    @Test
    void batchInitCreatesOrdersWithStringIdsAndReplacesEarlierOnes() {
        assertThat(post("/orders/batch_init/50/10/5/3").json().path("msg").asText()).isNotBlank();
        assertThat(post("/orders/batch_init/50/10/5/4").status()).isEqualTo(200);

        Set<String> users = new HashSet<>();
        for (int id = 0; id < 50; id++) {
            JsonNode order = get("/orders/find/" + id).json();
            assertThat(order.path("order_id").asText()).isEqualTo(String.valueOf(id));
            assertThat(order.path("total_cost").asLong()).isEqualTo(8);
            assertThat(order.path("items")).hasSize(2);
            order.path("items").forEach(item -> assertThat(item.get(0).asInt()).isBetween(0, 9));
            users.add(order.path("user_id").asText());
        }
        assertThat(users).allSatisfy(user -> assertThat(Integer.parseInt(user)).isBetween(0, 4));
    }

    @Test
    void batchInitTakesAReplacedOrdersHistoryWithItAndHistoryNeedsAnOrder() {
        post("/orders/batch_init/2/10/5/4");
        orders.recordEvent("1", new OrderEvent("operator", "looked at", VectorClock.empty().tick("operator")));
        assertThat(jdbc.queryForObject("select count(*) from order_events where order_id = '1'", Integer.class))
                .isEqualTo(1);

        post("/orders/batch_init/2/10/5/4");

        assertThat(jdbc.queryForObject("select count(*) from order_events where order_id = '1'", Integer.class))
                .as("the replaced order's history").isZero();
        assertThatThrownBy(() -> orders.recordEvent("no-such-order",
                new OrderEvent("operator", "looked at", VectorClock.empty().tick("operator"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-order");
        assertThat(jdbc.queryForObject("select count(*) from order_events where order_id = 'no-such-order'",
                Integer.class)).isZero();
    }

    @Test
    void aCheckoutStartingWhileBatchInitRunsIsRecordedAsTheAttemptItReplaced() throws Exception {
        post("/orders/batch_init/3/10/5/4");
        ExecutorService operator = Executors.newSingleThreadExecutor();
        try (Connection checkout = dataSource.getConnection()) {
            checkout.setAutoCommit(false);
            long attempt;
            try (Statement statement = checkout.createStatement()) {
                statement.execute("select status from orders where id = '1' for update");
                try (ResultSet started = statement.executeQuery("update orders set status = 'QUEUED', "
                        + "attempt = nextval('checkout_attempts') where id = '1' returning attempt")) {
                    started.next();
                    attempt = started.getLong(1);
                }
            }
            Future<Response> reset = operator.submit(() -> post("/orders/batch_init/3/10/5/4"));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%orders%'",
                    Integer.class) > 0);
            checkout.commit();

            assertThat(reset.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(jdbc.queryForList("select status from replaced_checkouts where saga_id = ?", String.class,
                    "1/" + attempt)).as("the attempt whose saga goes on").containsExactly("QUEUED");
        } finally {
            operator.shutdownNow();
        }
    }

    @Test
    void badInputIsA400WithAnErrorBodyAndChangesNothing() {
        String orderId = post("/orders/create/user-2").json().path("order_id").asText();

        assertBadRequest(post("/orders/addItem/" + orderId + "/404/1"), "unknown_item");
        assertBadRequest(post("/orders/addItem/" + orderId + "/7/-1"), "invalid_number");
        assertBadRequest(post("/orders/addItem/" + orderId + "/7/abc"), "invalid_number");
        assertBadRequest(post("/orders/addItem/" + orderId + "/7/99999999999999999999"), "invalid_number");
        assertBadRequest(post("/orders/addItem/no-such-order/7/1"), "unknown_order");
        assertBadRequest(get("/orders/find/no-such-order"), "unknown_order");
        assertBadRequest(get("/orders/find/1';drop%20table%20orders;--"), "invalid_id");
        assertBadRequest(post("/orders/batch_init/-5/1/1/1"), "invalid_number");

        JsonNode order = get("/orders/find/" + orderId).json();
        assertThat(order.path("items")).isEmpty();
        assertThat(order.path("total_cost").asLong()).isZero();
    }

    @Test
    void unknownOrdersAreA404InTheHistoryApi() {
        Response response = get("/orders/does-not-exist");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void stockAndPaymentCallsAreForwardedUnchangedToTheirServices() {
        Response forwarded = post("/stock/add/7/1?note=x", "", Map.of());
        Response unknown = get("/stock/find/404");

        assertThat(forwarded.status()).isEqualTo(200);
        assertThat(forwarded.json().path("stock").asLong()).isEqualTo(101);
        assertThat(stock.forwarded).contains("POST /stock/add/7/1?note=x");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/json");
        assertThat(get("/books").json().path("books")).hasSize(4);
    }

    private static void assertBadRequest(Response response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().path("error").path("code").asText()).as(response.body()).isEqualTo(code);
    }
}
