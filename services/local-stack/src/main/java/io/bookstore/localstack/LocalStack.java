package io.bookstore.localstack;

public final class LocalStack {

    public static void main(String[] args) {
        System.out.println("local stack");
    }
}
