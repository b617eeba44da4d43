package io.bookstore.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Which Kafka producer each endpoint gets; a producer connects only when it sends, so none is needed here. */
class SharedKafkaProducersTest {

    private final SharedKafkaProducers factory = new SharedKafkaProducers();

    @Test
    void endpointsWithTheSameSettingsShareOneProducerUntilTheLastOneCloses() {
        Producer<?, ?> commands = factory.getProducer(settings(2));
        Producer<?, ?> outcomes = factory.getProducer(settings(2));
        assertThat(clientId(outcomes)).isEqualTo(clientId(commands));

        commands.close();
        commands.close();
        Producer<?, ?> events = factory.getProducer(settings(2));
        assertThat(clientId(events)).as("still open: outcomes holds a share").isEqualTo(clientId(outcomes));

        String shared = clientId(outcomes);
        outcomes.close();
        events.close();
        Producer<?, ?> next = factory.getProducer(settings(2));
        assertThat(clientId(next)).as("every share closed: a new producer").isNotEqualTo(shared);
        next.close();
    }

    @Test
    void differentSettingsGetDifferentProducers() {
        Producer<?, ?> lingering = factory.getProducer(settings(2));
        Producer<?, ?> eager = factory.getProducer(settings(0));

        assertThat(clientId(eager)).isNotEqualTo(clientId(lingering));

        lingering.close();
        eager.close();
    }

    @Test
    void aTransactionalEndpointKeepsAProducerOfItsOwn() {
        Properties transactional = settings(2);
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "checkout-tx");
        Producer<?, ?> first = factory.getProducer(transactional);
        Producer<?, ?> second = factory.getProducer(transactional);

        assertThat(first).isInstanceOf(KafkaProducer.class).isNotSameAs(second);
        assertThat(second).isInstanceOf(KafkaProducer.class);

        first.close();
        second.close();
    }

    private static Properties settings(int lingerMs) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        return settings;
    }

    private static String clientId(Producer<?, ?> producer) {
        return producer.metrics().keySet().stream()
                .map(name -> name.tags().get("client-id"))
                .filter(id -> id != null)
                .findFirst()
                .orElseThrow();
    }
}
