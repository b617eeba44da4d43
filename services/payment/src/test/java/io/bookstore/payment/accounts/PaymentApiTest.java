package io.bookstore.payment.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testinfra.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure(database = "payment")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "payment.card-credit-limit=50000",
        "payment.failure-injection.always-declined=card:always-declined",
        "payment.saga.redelivery-delay-ms=50"})
class PaymentApiTest {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentApiTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void createdUserStartsWithNoCredit() {
        String userId = createUser();

        Answer found = get("/payment/find_user/" + userId);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.contentType()).startsWith("application/json");
        assertThat(found.body().get("user_id").asText()).isEqualTo(userId);
        assertThat(found.body().get("credit").asLong()).isZero();
    }

    @Test
    void addFundsIsDoneAndPayAnswersTheNewCreditAsJson() {
        String userId = createUser();

        Answer added = post("/payment/add_funds/" + userId + "/70");
        Answer paid = post("/payment/pay/" + userId + "/30");

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.contentType()).startsWith("application/json");
        assertThat(added.body().get("done").asBoolean()).isTrue();
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.contentType()).startsWith("application/json");
        assertThat(paid.body().get("credit").asLong()).isEqualTo(40);
        assertThat(paid.body().get("user_id").asText()).isEqualTo(userId);
        assertThat(creditOf(userId)).isEqualTo(40);
    }

    @Test
    void payingMoreThanTheCreditIsRefusedAndChangesNothing() {
        String userId = createUser();
        post("/payment/add_funds/" + userId + "/2");

        Answer refused = post("/payment/pay/" + userId + "/3");

        assertError(refused, "insufficient_credit");
        assertThat(creditOf(userId)).isEqualTo(2);
    }

    @Test
    void unknownUsersAreRefused() {
        assertError(get("/payment/find_user/no-such-user"), "unknown_user");
        assertError(post("/payment/add_funds/no-such-user/1"), "unknown_user");
        assertError(post("/payment/pay/no-such-user/1"), "unknown_user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "1e3", "%2B1", "99999999999999999999", "1000000000000000000"})
    void malformedNumbersAreRefusedAndChangeNothing(String amount) {
        String userId = createUser();
        post("/payment/add_funds/" + userId + "/5");

        assertError(post("/payment/add_funds/" + userId + "/" + amount), "invalid_number");
        assertError(post("/payment/pay/" + userId + "/" + amount), "invalid_number");
        assertError(post("/payment/batch_init/" + amount + "/1"), "invalid_number");
        assertError(post("/payment/batch_init/1/" + amount), "invalid_number");
        assertThat(creditOf(userId)).isEqualTo(5);
    }

    @Test
    void addingBeyondTheLargestCreditIsRefused() {
        String userId = createUser();
        post("/payment/add_funds/" + userId + "/999999999999999999");
        long credit = creditOf(userId);

        for (int i = 0; i < 8; i++) {
            post("/payment/add_funds/" + userId + "/999999999999999999");
        }
        Answer refused = post("/payment/add_funds/" + userId + "/999999999999999999");

        assertError(refused, "credit_overflow");
        assertThat(creditOf(userId)).isEqualTo(credit * 9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1%27%20or%20%271%27%3D%271", "%27%3B%20drop%20table%20accounts%3B--", "%22%7D",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void idsWithSqlOrQuotesAreRefused(String userId) {
        String bystander = createUser();
        post("/payment/add_funds/" + bystander + "/9");

        assertError(get("/payment/find_user/" + userId), "invalid_id");
        assertError(post("/payment/pay/" + userId + "/1"), "invalid_id");
        assertThat(creditOf(bystander)).isEqualTo(9);
    }

    @Test
    void batchInitCreatesStringIdsAndReplacesThemLeavingOtherAccountsAlone() {
        String bystander = createUser();
        post("/payment/add_funds/" + bystander + "/11");

        Answer first = post("/payment/batch_init/10/5");
        Answer second = post("/payment/batch_init/10/3");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.body().get("msg").asText()).isNotBlank();
        assertThat(second.status()).isEqualTo(200);
        assertThat(creditOf("0")).isEqualTo(3);
        assertThat(creditOf("9")).isEqualTo(3);
        assertThat(creditOf(bystander)).isEqualTo(11);
    }

    @Test
    void batchInitLoadsOneHundredThousandUsers() {
        long started = System.nanoTime();
        Answer answer = post("/payment/batch_init/100000/100");
        LOG.info("batch_init of 100000 users took {} ms", (System.nanoTime() - started) / 1_000_000);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(creditOf("0")).isEqualTo(100);
        assertThat(creditOf("99999")).isEqualTo(100);
    }

    @Test
    void batchInitBeyondTheLimitIsRefused() {
        assertError(post("/payment/batch_init/1000001/1"), "invalid_number");
    }

    @Test
    void concurrentPaymentsNeverOverdraw() {
        String userId = createUser();
        post("/payment/add_funds/" + userId + "/100");

        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 200)
                .mapToObj(i -> HTTP.sendAsync(request("/payment/pay/" + userId + "/1", "POST"),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(100);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(100);
        assertThat(creditOf(userId)).isZero();
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        Answer document = get("/payment/openapi.json");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("paths").has("/payment/pay/{user_id}/{amount}")).isTrue();
    }

    private String createUser() {
        Answer created = post("/payment/create_user");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.contentType()).startsWith("application/json");
        return created.body().get("user_id").asText();
    }

    private long creditOf(String userId) {
        return get("/payment/find_user/" + userId).body().get("credit").asLong();
    }

    private static void assertError(Answer answer, String code) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.body().get("error").get("code").asText()).isEqualTo(code);
        assertThat(answer.body().get("error").get("message").asText()).isNotBlank();
    }

    private Answer get(String path) {
        return send(request(path, "GET"));
    }

    private Answer post(String path) {
        return send(request(path, "POST"));
    }

    private HttpRequest request(String path, String method) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException("request " + request.uri() + " failed", e);
        }
    }

    private record Answer(int status, String contentType, JsonNode body) {
    }
}
