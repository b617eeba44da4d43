package io.bookstore.orchestrator.catalog;

public record Book(String id, String title, String author, String category, long price) {
}
