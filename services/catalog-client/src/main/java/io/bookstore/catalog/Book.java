package io.bookstore.catalog;

/** A book as the stock service's catalog lists it; price in cents, stock absent when the catalog does not say. */
public record Book(String id, String title, String author, String category, long price, Integer stock) {

    public boolean inStock() {
        return stock == null || stock > 0;
    }
}
