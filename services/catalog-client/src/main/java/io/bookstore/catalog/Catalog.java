package io.bookstore.catalog;

import java.time.Duration;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog, owned by the stock service, cached here for {@code catalog.ttl}. One caller refreshes it while the
 * others wait; when a refresh fails and an older copy exists, the older copy serves for another ttl.
 */
public class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private record Snapshot(CatalogBooks books, long readAtNanos) {

        boolean freshFor(Duration ttl) {
            return System.nanoTime() - readAtNanos < ttl.toNanos();
        }
    }

    private final ProducerTemplate producer;
    private final Duration ttl;
    private final Object refreshLock = new Object();
    private volatile Snapshot snapshot;

    public Catalog(ProducerTemplate producer, CatalogProperties properties) {
        this.producer = producer;
        this.ttl = properties.ttl();
    }

    public CatalogBooks books() {
        Snapshot current = snapshot;
        if (current != null && current.freshFor(ttl)) {
            return current.books();
        }
        synchronized (refreshLock) {
            current = snapshot;
            if (current != null && current.freshFor(ttl)) {
                return current.books();
            }
            try {
                CatalogBooks books = producer.requestBody("direct:fetch-catalog", null, CatalogBooks.class);
                snapshot = new Snapshot(books, System.nanoTime());
                return books;
            } catch (RuntimeException e) {
                if (current == null) {
                    throw e;
                }
                LOG.warn("catalog refresh failed, the previous copy serves for another {}: {}", ttl, e.getMessage());
                snapshot = new Snapshot(current.books(), System.nanoTime());
                return current.books();
            }
        }
    }
}
