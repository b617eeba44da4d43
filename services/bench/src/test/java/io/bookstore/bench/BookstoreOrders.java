package io.bookstore.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bookstore POST /checkout traffic, one request body after another in a fixed mix: out of every 20 orders 14 are
 * ordinary orders that should be approved, 2 fraudulent, 2 invalid and 2 conflicting (buyers of the last copies of
 * one scarce book). Each buyer has a card and a contact of their own, so fraud-detection's per-card and per-contact
 * velocity windows never refuse an ordinary order.
 */
public final class BookstoreOrders {

    /** Catalog books (stock's Flyway seed) the ordinary orders buy; topped up before the run so they never run out. */
    public static final List<Book> ORDINARY = List.of(
            new Book("9780441013593", "Dune"),
            new Book("9780451524935", "1984"),
            new Book("9780547928227", "The Hobbit"),
            new Book("9780553293357", "Foundation"),
            new Book("9780345391803", "The Hitchhiker's Guide to the Galaxy"),
            new Book("9780553418026", "The Martian"),
            new Book("9780735211292", "Atomic Habits"),
            new Book("9781449373320", "Designing Data-Intensive Applications"));

    /** The scarce book every conflicting order wants: its stock is set to CONFLICT_COPIES before each phase. */
    public static final Book SCARCE = new Book("9780201896831", "The Art of Computer Programming, Volume 1");
    public static final long CONFLICT_COPIES = 5;

    public static final String APPROVED = "approved";
    public static final String FRAUDULENT = "fraudulent";
    public static final String INVALID = "invalid";
    public static final String CONFLICTING = "conflicting";

    private static final String[] TIERS = {"None", "Basic", "Premium"};

    private final AtomicLong sequence = new AtomicLong();
    private final long runSalt = System.currentTimeMillis() % 100_000;

    public record Book(String id, String title) {
    }

    public record Order(String kind, String body) {
    }

    public Order next() {
        long n = sequence.getAndIncrement();
        int slot = (int) (n % 20);
        if (slot < 14) {
            Book book = ORDINARY.get((int) (n % ORDINARY.size()));
            return new Order(APPROVED, body(n, buyer(n), card(n), "12/30", items(book, 1 + (int) (n % 2))));
        }
        if (slot == 14) {
            return new Order(FRAUDULENT, body(n, "\"Fraud Bench " + runSalt + "-" + n + "\"", card(n), "12/30",
                    items(ORDINARY.get(0), 1)));
        }
        if (slot == 15) {
            return new Order(FRAUDULENT, body(n, buyer(n), "4000000000000002", "12/30", items(ORDINARY.get(1), 1)));
        }
        if (slot == 16) {
            return new Order(INVALID, n % 3 == 0 ? "{\"user\": {\"name\": \"Broken " + n + "\", \"contact\":"
                    : body(n, buyer(n), card(n), n % 3 == 1 ? "01/20" : "12/30",
                            n % 3 == 1 ? items(ORDINARY.get(2), 1) : "[]"));
        }
        if (slot == 17) {
            return new Order(INVALID, body(n, buyer(n), card(n), "13/99", items(ORDINARY.get(3), 1)));
        }
        return new Order(CONFLICTING, body(n, buyer(n), card(n), "12/30", items(SCARCE, 1)));
    }

    private String buyer(long n) {
        return "\"Bench Buyer " + runSalt + "-" + n + "\"";
    }

    private String contact(long n) {
        return "\"buyer-" + runSalt + "-" + n + "@bench.example\"";
    }

    private static String tier(long n) {
        return TIERS[(int) (n % TIERS.length)];
    }

    private static String items(Book book, int quantity) {
        return "[{\"name\": \"" + book.title().replace("\"", "\\\"") + "\", \"quantity\": " + quantity + "}]";
    }

    private String body(long n, String name, String cardNumber, String expiry, String items) {
        return "{\"user\": {\"name\": " + name + ", \"contact\": " + contact(n) + "},"
                + " \"creditCard\": {\"number\": \"" + cardNumber + "\", \"expirationDate\": \"" + expiry
                + "\", \"cvv\": \"123\"},"
                + " \"userComment\": \"make bench\", \"items\": " + items + ","
                + " \"billingAddress\": {\"street\": \"1 Bench Street\", \"city\": \"Delft\", \"state\": \"ZH\","
                + " \"zip\": \"2628\", \"country\": \"NL\"},"
                + " \"shippingMethod\": \"Standard\", \"termsAccepted\": true, \"clientCard\": \"" + tier(n) + "\"}";
    }

    /** A 16-digit Visa-like number that passes the Luhn check, different for every order of every run. */
    private String card(long n) {
        String payload = "45" + String.format("%05d", runSalt) + String.format("%08d", n % 100_000_000L);
        return payload + luhnCheckDigit(payload);
    }

    static int luhnCheckDigit(String payload) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
