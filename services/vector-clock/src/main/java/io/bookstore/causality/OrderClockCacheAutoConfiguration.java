package io.bookstore.causality;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot service that configures {@code bookstore.order-copies} keeps its clock per order in an
 * {@link OrderClockCache}, under its own entry {@code bookstore.instance-id}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "bookstore.order-copies", name = "ttl")
@EnableConfigurationProperties(OrderClockCacheProperties.class)
public class OrderClockCacheAutoConfiguration {

    @Bean
    OrderClockCache orderClocks(@Value("${bookstore.instance-id}") String node, OrderClockCacheProperties properties) {
        return new OrderClockCache(node, properties.ttl(), properties.maxOrders());
    }
}
