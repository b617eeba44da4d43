package io.bookstore.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the catalog is read from the stock service: {@code GET {stock.url}/books?page=N&size=pageSize}, pages from
 * {@code firstPage} on until a short or empty page (at most {@code maxPages}); the result is reused for {@code ttl}.
 */
@ConfigurationProperties("catalog")
public record CatalogProperties(Duration ttl, int pageSize, int firstPage, int maxPages) {

    public CatalogProperties {
        if (ttl == null || ttl.isNegative() || pageSize < 1 || maxPages < 1) {
            throw new IllegalArgumentException("catalog needs a ttl, a positive page-size and max-pages");
        }
    }
}
