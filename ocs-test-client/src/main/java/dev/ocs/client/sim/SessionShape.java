package dev.ocs.client.sim;

import java.util.List;

/**
 * What one simulated data session does.
 *
 * @param updates         CCR-Us after the CCR-I (then a CCR-T); {@code Integer.MAX_VALUE}: until credit runs out
 * @param octetsPerUpdate octets used per rating group between two requests, never more than granted;
 *                        0: each grant is used up completely
 * @param ratingGroups    rating groups in every request (one MSCC each)
 */
public record SessionShape(int updates, long octetsPerUpdate, List<Long> ratingGroups) {

    public SessionShape {
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be >= 0");
        }
        if (octetsPerUpdate < 0) {
            throw new IllegalArgumentException("octets per update must be >= 0");
        }
        ratingGroups = List.copyOf(ratingGroups);
        if (ratingGroups.isEmpty() || ratingGroups.size() > 16) {
            throw new IllegalArgumentException("1..16 rating groups per session");
        }
    }
}
