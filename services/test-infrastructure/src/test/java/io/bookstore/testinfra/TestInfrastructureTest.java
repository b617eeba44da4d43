package io.bookstore.testinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealInfrastructure(database = "harness_check")
class TestInfrastructureTest {

    @Test
    void zookeeperStoresAndReadsANode() throws Exception {
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(
                System.getProperty("ZOOKEEPER_CONNECT"), new RetryOneTime(100))) {
            client.start();
            client.create().forPath("/harness-check", "ok".getBytes(StandardCharsets.UTF_8));

            assertThat(new String(client.getData().forPath("/harness-check"), StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @Test
    void kafkaDeliversARecord() throws Exception {
        String brokers = System.getProperty("KAFKA_BOOTSTRAP_SERVERS");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", brokers), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("harness-check", "order-1", "approved")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", brokers, "group.id", "harness-check", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("harness-check"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int poll = 0; poll < 30 && records.isEmpty(); poll++) {
                records = consumer.poll(Duration.ofSeconds(1));
            }

            assertThat(records).extracting(r -> r.key() + ":" + r.value()).containsExactly("order-1:approved");
        }
    }

    @Test
    void postgresHasTheRequestedDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(System.getProperty("DB_URL"),
                System.getProperty("DB_USER"), System.getProperty("DB_PASSWORD"));
             ResultSet rows = connection.createStatement().executeQuery("select current_database(), version()")) {
            rows.next();

            assertThat(rows.getString(1)).isEqualTo("harness_check");
            assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
        }
    }
}
