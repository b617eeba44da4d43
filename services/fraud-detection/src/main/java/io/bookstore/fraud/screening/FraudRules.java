package io.bookstore.fraud.screening;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The fraud rules, tuned in application.yaml under {@code fraud}. Blocked cards are an operator route instead
 * (routes/fraud-detection/blocked-cards.yaml, see {@link BlockedCards}).
 *
 * @param blockedUserPatterns   event d: regular expressions (case-insensitive, found anywhere) that block a name or contact
 * @param blockedCardPatterns   event e: card numbers wholly matching one of these regular expressions are suspicious
 * @param maxCardValidityYears  event e: an expiry further ahead than this is suspicious (real cards run 3-5 years)
 * @param maxCopiesPerOrder     event e: more copies than this in one order is unusual (orders carry no prices here)
 * @param velocity              events d and e: at most so many orders per contact and per card within a sliding window
 */
@ConfigurationProperties("fraud")
public record FraudRules(List<String> blockedUserPatterns, List<String> blockedCardPatterns,
                         int maxCardValidityYears, int maxCopiesPerOrder, Velocity velocity) {

    public record Velocity(Duration window, int maxOrdersPerContact, int maxOrdersPerCard, Duration purgeInterval) {

        public Velocity {
            if (window == null || window.isNegative() || window.isZero() || maxOrdersPerContact < 1
                    || maxOrdersPerCard < 1) {
                throw new IllegalArgumentException("fraud.velocity needs a positive window and limits of at least 1");
            }
        }
    }

    public FraudRules {
        blockedUserPatterns = blockedUserPatterns == null ? List.of() : List.copyOf(blockedUserPatterns);
        blockedCardPatterns = blockedCardPatterns == null ? List.of() : List.copyOf(blockedCardPatterns);
        if (maxCardValidityYears < 1 || maxCopiesPerOrder < 1 || velocity == null) {
            throw new IllegalArgumentException("fraud needs positive max-card-validity-years, max-copies-per-order"
                    + " and the velocity rules");
        }
    }
}
