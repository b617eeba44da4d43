package io.bookstore.orchestrator.checkout;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The course's checkout contract: no field is required by the shape; verification decides what is acceptable. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckoutRequest(
        User user,
        CreditCard creditCard,
        String userComment,
        List<Item> items,
        String discountCode,
        String shippingMethod,
        String giftMessage,
        Address billingAddress,
        Boolean giftWrapping,
        @JsonAlias("termsAccepted") Boolean termsAndConditionsAccepted,
        List<String> notificationPreferences,
        Device device,
        Browser browser,
        String appVersion,
        String screenResolution,
        String referrer,
        String deviceLanguage,
        String clientCard) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String name, String contact) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CreditCard(String number, String expirationDate, String cvv) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(@JsonAlias("bookId") String id, String name, Integer quantity, String category) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String street, String city, String state, String zip, String country) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Device(String type, String model, String os) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Browser(String name, String version) {
    }
}
