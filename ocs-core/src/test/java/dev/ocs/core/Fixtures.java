package dev.ocs.core;

import dev.ocs.core.rules.ChargingPolicy;
import dev.ocs.core.rating.Tariff;
import dev.ocs.core.rating.TariffTable;

import java.util.Map;

/** The policy the charging tests run under: easy numbers, 1 minor unit per started kB. */
public final class Fixtures {

    public static final long RG_DATA = 10;       // 1 per 1,000 bytes
    public static final long RG_FREE = 20;       // zero-rated
    public static final long RG_BLOCKED = 30;    // blocked
    public static final long RG_PREMIUM = 40;    // 5 per 1,000 bytes
    public static final long RG_UNRATED = 99;    // no tariff
    public static final long RG_TIME = 50;       // 2 per started minute, 600 seconds per grant
    public static final long TIME_QUOTA = 600;

    public static final long QUOTA = 1_000_000;
    public static final long VALIDITY = 600;
    public static final long GRACE = 60;
    public static final long WINDOW = 300;
    public static final long START = 1_780_000_000_000L;

    private Fixtures() {
    }

    public static ChargingPolicy policy() {
        return new ChargingPolicy(QUOTA, VALIDITY, GRACE, WINDOW, 16, 8, new TariffTable(Map.of(
                RG_DATA, new Tariff.Priced(1, 1_000),
                RG_FREE, new Tariff.ZeroRated(),
                RG_BLOCKED, new Tariff.Blocked(),
                RG_PREMIUM, new Tariff.Priced(5, 1_000),
                RG_TIME, new Tariff.Priced(2, 60, Tariff.Unit.SECONDS, TIME_QUOTA))));
    }
}
