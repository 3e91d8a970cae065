package dev.ocs.core.rating;

/**
 * How one rating group is priced. Priced usage costs {@code pricePerBlock} minor units for every
 * started block of {@code blockBytes} units (rounded up), rated cumulatively over a session. The
 * units are octets, or seconds for a time tariff (a time-based pass: CC-Time on the wire); the
 * names speak of bytes because octets are the common case.
 */
public sealed interface Tariff {

    /** What a priced rating group counts. */
    enum Unit { OCTETS, SECONDS }

    /**
     * @param unit  octets or seconds
     * @param quota units one grant gives; 0: the policy's quota size (charging.quota-bytes, octets only)
     */
    record Priced(long pricePerBlock, long blockBytes, Unit unit, long quota) implements Tariff {

        /** Octets, granted in the policy's quota size. */
        public Priced(long pricePerBlock, long blockBytes) {
            this(pricePerBlock, blockBytes, Unit.OCTETS, 0);
        }

        public Priced {
            java.util.Objects.requireNonNull(unit, "unit");
            if (unit == Unit.SECONDS && quota <= 0) {
                throw new IllegalArgumentException("a time tariff needs its quota in seconds");
            }
            if (quota < 0) {
                throw new IllegalArgumentException("quota must be >= 0");
            }
            if (pricePerBlock <= 0) {
                throw new IllegalArgumentException("price per block must be > 0 (use a zero-rated tariff for free service)");
            }
            if (blockBytes <= 0) {
                throw new IllegalArgumentException("block size must be > 0 bytes");
            }
        }

        public boolean timed() {
            return unit == Unit.SECONDS;
        }

        /** Minor units for {@code bytes} octets, every started block counted in full. */
        public long cost(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0");
            }
            long blocks = bytes / blockBytes + (bytes % blockBytes == 0 ? 0 : 1);
            return Math.multiplyExact(blocks, pricePerBlock);
        }

        /** The most octets {@code money} pays for: whole blocks only. Saturates instead of overflowing. */
        public long bytesCovered(long money) {
            if (money <= 0) {
                return 0;
            }
            long blocks = money / pricePerBlock;
            long max = Long.MAX_VALUE / blockBytes;
            return blocks >= max ? Long.MAX_VALUE : blocks * blockBytes;
        }
    }

    /** Free service: granted without money, usage recorded. */
    record ZeroRated() implements Tariff {
    }

    /** The service is not allowed. */
    record Blocked() implements Tariff {
    }
}
