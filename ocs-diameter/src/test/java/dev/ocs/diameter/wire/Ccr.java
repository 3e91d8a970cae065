package dev.ocs.diameter.wire;

import static dev.ocs.diameter.wire.DiameterMessage.*;

/** Credit-Control-Requests as a gateway writes them (RFC 4006 3.1, TS 32.299 6.4.2). */
public final class Ccr {

    public static final int INITIAL = 1;
    public static final int UPDATE = 2;
    public static final int TERMINATION = 3;
    public static final int EVENT = 4;

    private Ccr() {
    }

    public static DiameterMessage of(String sessionId, int type, long number, String msisdn, DiameterMessage.Avp... msccs) {
        DiameterMessage m = request(272, 4, FLAG_P).add(
                utf8(263, sessionId), utf8(264, RawGateway.ORIGIN_HOST), utf8(296, RawGateway.ORIGIN_REALM),
                utf8(283, "localdomain"), u32(258, 4), utf8(461, "32251@3gpp.org"),
                u32(416, type), u32(415, number));
        if (msisdn != null) {
            m.add(grouped(443, u32(450, 0), utf8(444, msisdn)));
        }
        m.add(u32(455, 1));
        m.add(msccs);
        return m;
    }

    /** An MSCC asking for quota (RSU present, empty: the OCS chooses) and reporting {@code used} octets (none when < 0). */
    public static DiameterMessage.Avp mscc(long ratingGroup, boolean ask, long used) {
        java.util.List<DiameterMessage.Avp> parts = new java.util.ArrayList<>();
        if (ask) {
            parts.add(grouped(437));
        }
        if (used >= 0) {
            parts.add(grouped(446, u64(421, used)));
        }
        parts.add(u32(432, ratingGroup));
        return grouped(456, parts.toArray(new DiameterMessage.Avp[0]));
    }

    /** An MSCC asking for exactly {@code octets} (events: the units to debit, refund, check or price). */
    public static DiameterMessage.Avp units(long ratingGroup, long octets) {
        return grouped(456, grouped(437, u64(421, octets)), u32(432, ratingGroup));
    }
}
