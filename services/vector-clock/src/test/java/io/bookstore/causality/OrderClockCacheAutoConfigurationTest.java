package io.bookstore.causality;

import static org.assertj.core.api.Assertions.assertThat;

import io.bookstore.contracts.order.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class OrderClockCacheAutoConfigurationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OrderClockCacheAutoConfiguration.class))
            .withPropertyValues("bookstore.instance-id=suggestions-2");

    @Test
    void aServiceConfiguringOrderCopiesGetsACacheTickingItsOwnEntry() {
        service.withPropertyValues("bookstore.order-copies.ttl=10m", "bookstore.order-copies.max-orders=100000")
                .run(context -> assertThat(context.getBean(OrderClockCache.class)
                        .receive(Order.newBuilder().setOrderId("o-1").build(), VectorClock.empty()))
                        .isEqualTo(VectorClock.empty().tick("suggestions-2")));
    }

    @Test
    void aServiceWithoutOrderCopiesGetsNone() {
        service.run(context -> assertThat(context).doesNotHaveBean(OrderClockCache.class));
    }

    @Test
    void aNonPositiveBoundStopsTheService() {
        service.withPropertyValues("bookstore.order-copies.ttl=0s", "bookstore.order-copies.max-orders=100000")
                .run(context -> assertThat(context).getFailure()
                        .hasRootCauseMessage("bookstore.order-copies needs a positive ttl and max-orders"));
    }
}
