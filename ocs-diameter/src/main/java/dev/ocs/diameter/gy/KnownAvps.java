package dev.ocs.diameter.gy;

import org.jdiameter.api.validation.Dictionary;
import org.jdiameter.common.impl.validation.DictionaryImpl;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Whether an AVP is one this server knows (jdiameter's dictionary: base, credit control, 3GPP), asked
 * for every AVP with the M bit of every CCR. The dictionary allocates a key per lookup; the answers for
 * base and 3GPP codes below 65,536, once known, are kept in two bit sets, so the per-request check
 * allocates nothing. Unknown AVPs are not remembered (a hostile peer could send many).
 */
final class KnownAvps {

    private static final Dictionary DICTIONARY = DictionaryImpl.INSTANCE;
    private static final int CODES = 1 << 16;
    private static final AtomicLongArray BASE = new AtomicLongArray(CODES / 64);
    private static final AtomicLongArray THREE_GPP = new AtomicLongArray(CODES / 64);

    private KnownAvps() {
    }

    static boolean known(int code, long vendor) {
        AtomicLongArray bits = vendor == 0 ? BASE : vendor == Avps.VENDOR_3GPP ? THREE_GPP : null;
        if (bits == null || code < 0 || code >= CODES) {
            return DICTIONARY.getAvp(code, vendor) != null;
        }
        long bit = 1L << (code & 63);
        if ((bits.get(code >>> 6) & bit) != 0) {
            return true;
        }
        if (DICTIONARY.getAvp(code, vendor) == null) {
            return false;
        }
        bits.getAndUpdate(code >>> 6, w -> w | bit);
        return true;
    }
}
