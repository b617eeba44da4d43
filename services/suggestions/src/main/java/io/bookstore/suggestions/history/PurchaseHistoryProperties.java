package io.bookstore.suggestions.history;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ignoredItemIds a regular expression for item ids that are not books: the benchmark's items ("0".."n-1")
 *                       are paid through the same saga, and learning them would only fill the memory
 */
@ConfigurationProperties("suggestions.history")
public record PurchaseHistoryProperties(String ignoredItemIds) {

    public PurchaseHistoryProperties {
        if (ignoredItemIds == null || ignoredItemIds.isBlank()) {
            throw new IllegalArgumentException("suggestions.history.ignored-item-ids must be a regular expression");
        }
    }
}
