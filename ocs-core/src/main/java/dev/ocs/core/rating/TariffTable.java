package dev.ocs.core.rating;

import java.util.Map;
import java.util.Objects;

/** Tariffs by rating group. A rating group without one cannot be rated (DIAMETER_RATING_FAILED). */
public record TariffTable(Map<Long, Tariff> byRatingGroup) {

    public TariffTable {
        byRatingGroup = Map.copyOf(Objects.requireNonNull(byRatingGroup, "tariffs"));
    }

    /** The tariff for a rating group, or {@code null} when there is none. */
    public Tariff find(long ratingGroup) {
        return byRatingGroup.get(ratingGroup);
    }

    /** The rating groups priced per second (CC-Time on the wire). */
    public java.util.Set<Long> timedGroups() {
        java.util.Set<Long> out = new java.util.TreeSet<>();
        byRatingGroup.forEach((rg, t) -> {
            if (t instanceof Tariff.Priced p && p.timed()) {
                out.add(rg);
            }
        });
        return out;
    }
}
