package dev.ocs.diameter.server;

import dev.ocs.core.config.ConfigException;
import dev.ocs.core.config.ConfigTree;

/**
 * How a grant of one rating group is worded to the gateway (the {@code diameter.rating-groups} list,
 * defaults from {@code diameter.final-unit-action} and {@code redirect-url}): what the gateway does
 * when the final units are used (RFC 4006 8.34-8.38: TERMINATE; REDIRECT to the top-up site;
 * RESTRICT_ACCESS to what a filter lets through, named by Filter-Id or given as Restriction-Filter-Rule),
 * how long an idle gateway may hold a grant (Quota-Holding-Time, TS 32.299 7.2.156; 0 leaves it out), and
 * when it reports before the grant is used up (Volume- or Time-Quota-Threshold as a share of the grant;
 * 0 leaves it out).
 */
public record GrantTerms(DiameterSettings.FinalUnitAction finalUnitAction, String redirectUrl, String filterId,
                         String restrictionFilterRule, long quotaHoldingSeconds, int thresholdPercent) {

    public GrantTerms {
        redirectUrl = redirectUrl == null ? "" : redirectUrl;
        filterId = filterId == null ? "" : filterId;
        restrictionFilterRule = restrictionFilterRule == null ? "" : restrictionFilterRule;
    }

    static DiameterSettings.FinalUnitAction action(ConfigTree t, String key, String fallback) {
        String action = t.string(key, fallback);
        return switch (action) {
            case "terminate" -> DiameterSettings.FinalUnitAction.TERMINATE;
            case "redirect" -> DiameterSettings.FinalUnitAction.REDIRECT;
            case "restrict" -> DiameterSettings.FinalUnitAction.RESTRICT_ACCESS;
            default -> throw new ConfigException(t.key(key) + " must be terminate, redirect or restrict, got '" + action + "'");
        };
    }

    /** One entry of {@code diameter.rating-groups}, what it leaves out taken from {@code defaults}. */
    static GrantTerms from(ConfigTree t, GrantTerms defaults) {
        t.rejectUnknown("rating-group", "final-unit-action", "redirect-url", "filter-id", "restriction-filter-rule",
                "quota-holding-time", "threshold-percent");
        String fallback = switch (defaults.finalUnitAction()) {
            case TERMINATE -> "terminate";
            case REDIRECT -> "redirect";
            case RESTRICT_ACCESS -> "restrict";
        };
        GrantTerms g = new GrantTerms(action(t, "final-unit-action", fallback), t.string("redirect-url", defaults.redirectUrl()),
                t.string("filter-id", defaults.filterId()), t.string("restriction-filter-rule", defaults.restrictionFilterRule()),
                t.longValue("quota-holding-time", defaults.quotaHoldingSeconds(), 0, 0xFFFF_FFFFL),
                (int) t.longValue("threshold-percent", defaults.thresholdPercent(), 0, 99));
        g.check(t);
        return g;
    }

    void check(ConfigTree t) {
        if (finalUnitAction == DiameterSettings.FinalUnitAction.REDIRECT && redirectUrl.isBlank()) {
            throw new ConfigException(t.key("redirect-url") + " is required when the final-unit action is redirect");
        }
        if (finalUnitAction == DiameterSettings.FinalUnitAction.RESTRICT_ACCESS && filterId.isBlank()
                && restrictionFilterRule.isBlank()) {
            throw new ConfigException(t.key("filter-id") + " or restriction-filter-rule is required when the final-unit "
                    + "action is restrict");
        }
    }
}
