package dev.ocs.core.rating;

/**
 * How one rating group is priced. Priced usage costs {@code pricePerBlock} minor units for every
 * started block of {@code blockBytes} octets (rounded up), rated cumulatively over a session.
 */
public sealed interface Tariff {

    record Priced(long pricePerBlock, long blockBytes) implements Tariff {
        public Priced {
            if (pricePerBlock <= 0) {
                throw new IllegalArgumentException("price per block must be > 0 (use a zero-rated tariff for free service)");
            }
            if (blockBytes <= 0) {
                throw new IllegalArgumentException("block size must be > 0 bytes");
            }
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
