package io.bookstore.catalog;

import org.apache.camel.ProducerTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A service with this module on its classpath has a {@link Catalog}: the stock service's at {@code stock.url}, read as
 * configured under {@code catalog}.
 */
@AutoConfiguration
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogClientAutoConfiguration {

    @Bean
    CatalogRoute catalogRoute(CatalogProperties properties) {
        return new CatalogRoute(properties);
    }

    @Bean
    Catalog catalog(ProducerTemplate producer, CatalogProperties properties) {
        return new Catalog(producer, properties);
    }
}
