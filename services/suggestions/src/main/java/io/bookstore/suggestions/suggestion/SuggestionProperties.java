package io.bookstore.suggestions.suggestion;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxBooks    how many books to suggest at most
 * @param inStockOnly suggest only books the catalog lists with stock left
 */
@ConfigurationProperties("suggestions")
public record SuggestionProperties(int maxBooks, boolean inStockOnly) {

    public SuggestionProperties {
        if (maxBooks < 1) {
            throw new IllegalArgumentException("suggestions.max-books must be at least 1");
        }
    }
}
