package io.bookstore.localstack.health;

/** The answer of one health check: up or not, and a short word on why (a ZooKeeper mode, an error). */
public record Health(boolean up, String detail) {

    public static Health up(String detail) {
        return new Health(true, detail);
    }

    public static Health down(String detail) {
        return new Health(false, detail);
    }

    public String status() {
        return up ? "UP" : "DOWN";
    }
}
